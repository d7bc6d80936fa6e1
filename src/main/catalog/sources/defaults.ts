import type { StateStore } from '../../engine';
import type { Source, SourceConfig } from '../../../shared/api/sources';
import type { SourceService } from './source-service';

/**
 * The sources a new user starts with (docs/sources.md, "Defaults").
 *
 * Only "Sample data" is created, once per data folder: it opens no port and
 * reads no file, and it generates nothing until a stream reads it. An OTLP
 * receiver is not created by default: listening on 4318 without being asked
 * would collide with a local OpenTelemetry Collector (which uses the same
 * port) and with other engines started side by side (tests, a second data
 * folder); the wizard offers one with the standard settings in one step.
 */
export const sampleSourceName = 'Sample data';

export const defaultSampleSource: SourceConfig = {
  name: sampleSourceName,
  settings: { kind: 'sample', recordsPerSecond: 5 },
  // Sample data is worthless once stale: when the buffer is full keep the newest.
  fullPolicy: 'drop-oldest',
};

const flagKey = 'sources.defaultsCreated';

/**
 * Creates the default sources the first time an engine opens a data folder.
 * A flag in the engine's state remembers it, so deleting the sample source
 * is respected across restarts.
 */
export function ensureDefaultSources(state: StateStore, sources: SourceService): void {
  if (state.get<boolean>(flagKey)) return;
  if (sources.list().length === 0) sources.createWithoutSecrets(defaultSampleSource);
  state.set(flagKey, true);
}

/**
 * A sample-data source for the demo stream: the first existing one, or a new
 * "Sample data" (numbered if that name is taken by another kind of source).
 */
export function ensureSampleSource(sources: SourceService): Source {
  const all = sources.list();
  const existing = all.find((s) => s.settings.kind === 'sample');
  if (existing) return existing;
  const taken = new Set(all.map((s) => s.name.toLowerCase()));
  let name = sampleSourceName;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${sampleSourceName} ${i}`;
  return sources.createWithoutSecrets({ ...defaultSampleSource, name });
}
