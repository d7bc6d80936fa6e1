import type { CollectorConfig, CollectorDistribution, CollectorVariable } from './types';
import type { YamlValue } from './yaml';

/** The one storage extension: file checkpoints and every persistent sending queue. */
export const storageId = 'file_storage/sluice';
export const memoryLimiterId = 'memory_limiter';
export const healthCheckId = 'health_check';

/** Where the storage extension keeps its files, per distribution's packaging. */
export function storageDirectory(distribution: CollectorDistribution): string {
  // The Dynatrace packages create /var/lib/dynatrace-otel-collector for their
  // `otel` user; the contrib packages run as `otelcol-contrib`, whose state
  // folder we name the same way. create_directory makes the sub-folder.
  return distribution === 'dynatrace'
    ? '/var/lib/dynatrace-otel-collector/sluice'
    : '/var/lib/otelcol-contrib/sluice';
}

/** Milliseconds as a Go duration (`30s`, `24h`, `1500ms`), which the Collector parses. */
export function goDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`not a duration: ${ms}`);
  if (ms === 0) return '0s';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

function scopeRank(scope: string): number {
  return scope.startsWith('Source ') ? 1 : scope.startsWith('Stream ') ? 2 : 0;
}

/**
 * Collects components as the mapping adds them, with the variables the file
 * needs and what differs, and hands out the finished configuration. Order of
 * insertion is the order of the file: the mapping adds in a fixed order.
 */
export class ConfigBuilder {
  private readonly config: CollectorConfig = {
    receivers: {},
    processors: {},
    exporters: {},
    extensions: {},
    service: { extensions: [], pipelines: {} },
  };
  private readonly variables = new Map<string, string>();
  private readonly notes = new Map<string, string[]>();

  constructor(readonly distribution: CollectorDistribution) {}

  add(
    kind: 'receivers' | 'processors' | 'exporters' | 'extensions',
    id: string,
    config: YamlValue,
  ): string {
    if (!(id in this.config[kind])) this.config[kind][id] = config;
    if (kind === 'extensions' && !this.config.service.extensions.includes(id))
      this.config.service.extensions.push(id);
    return id;
  }

  has(kind: 'receivers' | 'processors' | 'exporters' | 'extensions', id: string): boolean {
    return id in this.config[kind];
  }

  pipeline(id: string, receivers: string[], processors: string[], exporters: string[]): void {
    this.config.service.pipelines[id] = { receivers, processors, exporters };
  }

  variable(name: string, purpose: string): void {
    if (!this.variables.has(name)) this.variables.set(name, purpose);
  }

  note(scope: string, text: string): void {
    const list = this.notes.get(scope) ?? [];
    if (!list.includes(text)) list.push(text);
    this.notes.set(scope, list);
  }

  result(): {
    config: CollectorConfig;
    variables: CollectorVariable[];
    differences: { scope: string; notes: string[] }[];
  } {
    return {
      config: this.config,
      variables: [...this.variables].map(([name, purpose]) => ({ name, purpose })),
      // Every stream first, then the sources, then the streams, each in the
      // order they were added (the export's order).
      differences: [...this.notes]
        .map(([scope, notes], i) => ({ scope, notes, rank: scopeRank(scope), i }))
        .sort((a, b) => a.rank - b.rank || a.i - b.i)
        .map(({ scope, notes }) => ({ scope, notes })),
    };
  }
}
