import type { FullPolicy } from '../../src/main/engine/buffer/buffer';
import { appInternals } from './app-internals';
import type { App } from '../../src/main/app/app';
import type { StreamSettingsInput } from '../../src/shared/api/streams';
import { dynatraceSettings, openTestEngine, quietSource } from './engine';
import { FakeScriptedSender } from './scripted-sender';

/**
 * An engine with one Dynatrace stream reading one real, quiet source, whose
 * destination is a FAKE sender the test scripts: for the exporter's tests,
 * whose subject is what the loop does with answers, not HTTP. The caller
 * closes the engine.
 */
export async function exporterHarness(
  respond: FakeScriptedSender['respond'],
  settings: Partial<StreamSettingsInput> = {},
  policy: FullPolicy = 'block',
) {
  const sender = new FakeScriptedSender(respond);
  const t = openTestEngine(undefined, undefined, sender.factory());
  const engine = t.engine;
  const src = quietSource(engine, { fullPolicy: policy });
  const stream = await appInternals(engine).streams.create(
    dynatraceSettings({ sourceIds: [src], ...settings }),
    {},
    true,
  );
  return { sender, stream, engine, src, dataDir: t.dataDir };
}

/** A stream's runtime figures. */
export const runtimeOf = (e: App, id: string) =>
  appInternals(e)
    .pipeline.runtimes()
    .find((r) => r.id === id)!;
