import type { FullPolicy } from '../../src/main/engine/buffer/buffer';
import { appInternals } from './app-internals';
import type { App } from '../../src/main/app/app';
import type { StreamSettingsInput } from '../../src/shared/api/streams';
import { expect } from 'vitest';
import { dynatraceSettings, openTestEngine, quietSource } from './engine';
import { eventually } from './eventually';
import { numberedRequestBytes } from './otlp-records';
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
  const stream = await engine.createStream(
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

/**
 * A second stream, on a source of its own, sending through the same FAKE
 * sender: the positive signal for "this stream sent nothing". Records given
 * to the witness after the action have gone through a whole exporter loop
 * (woken, assembled, sent, answered) once it has delivered them, so the
 * stream under test has had the same chance to send (docs/testing.md).
 * Number its records from 1001 to tell them apart.
 */
export async function witnessStream(engine: App) {
  const src = quietSource(engine, { name: 'witness source' });
  const stream = await engine.createStream(
    dynatraceSettings({ name: 'Witness', sourceIds: [src] }),
    {},
    true,
  );
  return {
    /** Gives the witness `count` records numbered from 1001 and waits until it has delivered them. */
    async deliver(count = 1): Promise<void> {
      const before = runtimeOf(engine, stream.id).totals.recordsOut;
      appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1001, count));
      await eventually(
        () => expect(runtimeOf(engine, stream.id).totals.recordsOut).toBe(before + count),
        { message: 'the witness stream delivers its records' },
      );
    },
  };
}
