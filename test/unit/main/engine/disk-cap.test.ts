import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../../support/app-internals';
import { BufferFullError } from '../../../../src/main/engine/buffer/buffer';
import type { App } from '../../../../src/main/app/app';
import { dynatraceSettings, openTestEngine, quietSource } from '../../../support/engine';
import { numberedRequestBytes, numbersIn } from '../../../support/otlp-records';
import { eventually, FakeScriptedSender, ok } from '../../../support/scripted-sender';

let engine: App | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const capBytes = 16 * 1024 * 1024;
const bigBody = () => 'x'.repeat(64 * 1024);

/** An engine with a 16 MB cap whose only stream is paused, so nothing drains. */
async function fullEngine(policy: 'block' | 'drop-oldest') {
  const sender = new FakeScriptedSender(() => ok());
  engine = openTestEngine(undefined, undefined, sender.factory()).engine;
  engine.updateSettings({ ...engine.settings(), buffer: { capBytes } });
  const src = quietSource(engine, { fullPolicy: policy });
  const stream = await engine.createStream(dynatraceSettings({ sourceIds: [src] }), {}, false);
  return { engine, stream, sender, src };
}

describe('the disk cap', () => {
  it('under block, refuses writes once full (the source pushes back) and never grows past the cap', async () => {
    const { engine, stream, src } = await fullEngine('block');
    let n = 1;
    let refused: unknown = null;
    for (let i = 0; i < 1_000 && refused === null; i++) {
      try {
        appInternals(engine).pipeline.ingestRequest(
          src,
          numberedRequestBytes(n, 8, { body: bigBody }),
        );
        n += 8;
      } catch (err) {
        refused = err;
      }
    }
    expect(refused).toBeInstanceOf(BufferFullError);
    expect((refused as BufferFullError).retryAfterMs).toBeGreaterThan(0);
    expect(appInternals(engine).pipeline.buffer.measure()).toBeLessThanOrEqual(capBytes);
    // Nothing already acknowledged was lost: the backlog is everything accepted.
    const runtime = appInternals(engine)
      .pipeline.runtimes()
      .find((r) => r.id === stream.id)!;
    expect(runtime.backlogRecords).toBe(n - 1);
    expect(runtime.totals.dropped).toBe(0);
    expect(engine.snapshot().buffer.full).toBe(true);
  });

  it('under drop-oldest, evicts the oldest undelivered records, counts them per stream and logs it', async () => {
    const { engine, stream, sender, src } = await fullEngine('drop-oldest');
    let n = 1;
    for (let i = 0; i < 60; i++) {
      appInternals(engine).pipeline.ingestRequest(
        src,
        numberedRequestBytes(n, 8, { body: bigBody }),
      );
      n += 8;
    }
    const written = n - 1;
    expect(appInternals(engine).pipeline.buffer.measure()).toBeLessThanOrEqual(capBytes * 1.05);
    const runtime = appInternals(engine)
      .pipeline.runtimes()
      .find((r) => r.id === stream.id)!;
    expect(runtime.totals.dropped).toBeGreaterThan(0);
    // Every record is either still buffered or counted as dropped.
    expect(runtime.backlogRecords + runtime.totals.dropped).toBe(written);
    const events = appInternals(engine).eventLog.list({
      streamId: stream.id,
      beforeId: null,
      kinds: ['dropped'],
      limit: 10,
    });
    expect(events[0]?.message).toMatch(
      /disk cap: \d+ of the oldest undelivered records were dropped/,
    );

    // What survives is the newest, in order, and it is all delivered on resume.
    engine.setStreamActive(stream.id, true);
    await eventually(
      () => expect(appInternals(engine).pipeline.runtimes()[0]!.backlogRecords).toBe(0),
      10_000,
    );
    const delivered = sender.calls.flatMap((c) => numbersIn(c.body));
    expect(delivered).toHaveLength(runtime.backlogRecords);
    expect(delivered.at(-1)).toBe(written);
    expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
    expect(delivered[0]).toBe(runtime.totals.dropped + 1);
  });
});
