import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../../support/app-internals';
import type { OutgoingBatch, SendResult } from '../../../../src/main/destinations/sender';
import type { App } from '../../../../src/main/app/app';
import type { StreamSettingsInput } from '../../../../src/shared/api/streams';
import { encodeResource, encodeScope, RecordBatchWriter } from '../../../../src/shared/otlp';
import { exporterHarness, runtimeOf } from '../../../support/exporter-harness';
import { numberedRequestBytes, numbersIn } from '../../../support/otlp-records';
import type { FakeScriptedSender } from '../../../support/scripted-sender';
import { eventually, ok, retryable } from '../../../support/scripted-sender';

// The exporter's loop against a FAKE sender whose answers each test scripts:
// the subject is what the loop does with answers (pipelining, isolation of
// records, counts), not HTTP (test/integration/engine/faults.test.ts).

let engine: App | null = null;
let src = '';
afterEach(async () => {
  await engine?.close();
  engine = null;
});

async function setup(
  respond: FakeScriptedSender['respond'],
  settings: Partial<StreamSettingsInput> = {},
  policy: 'block' | 'drop-oldest' = 'block',
) {
  const h = await exporterHarness(respond, settings, policy);
  engine = h.engine;
  src = h.src;
  return h;
}

const runtime = runtimeOf;

/** A promise and the function that settles it. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('requests in flight', () => {
  it('keeps two requests going and moves the cursor only over the ones settled in order', async () => {
    const first = deferred<SendResult>();
    const { sender, stream, engine } = await setup(
      (_b, call) => (call === 1 ? first.promise : ok()),
      { delivery: { maxBatchRecords: 3, maxInFlight: 2 } },
    );
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 6));
    // Both requests are out before either is answered.
    await eventually(() => expect(sender.calls).toHaveLength(2));
    expect(sender.calls.map((c) => numbersIn(c.body))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    // The second is accepted, but the first is not: the cursor stays put.
    await eventually(() => expect(runtime(engine, stream.id).totals.recordsOut).toBe(3));
    expect(appInternals(engine).pipeline.buffer.cursor(stream.id)).toBe(0);
    expect(runtime(engine, stream.id).backlogRecords).toBe(6);
    first.resolve(ok());
    await eventually(() => expect(appInternals(engine).pipeline.buffer.cursor(stream.id)).toBe(6));
    expect(runtime(engine, stream.id)).toMatchObject({
      backlogRecords: 0,
      totals: { recordsOut: 6, requests: 2 },
    });
  });

  it('starts no new request while one backs off (a struggling destination gets no more)', async () => {
    let failing = true;
    const { sender, stream, engine } = await setup(() => (failing ? retryable(503, 200) : ok()), {
      delivery: { maxBatchRecords: 2, maxInFlight: 4 },
    });
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 1));
    await eventually(() => expect(runtime(engine, stream.id).sending).toBe('retrying'));
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(2, 6));
    const before = sender.calls.length;
    // Retries of the one batch come every 200 ms; the waiting records do not join in.
    await eventually(() => expect(sender.calls.length).toBeGreaterThan(before + 1));
    expect(sender.calls.every((c) => numbersIn(c.body).join() === '1')).toBe(true);
    failing = false;
    await eventually(() => expect(runtime(engine, stream.id).backlogRecords).toBe(0));
    expect(runtime(engine, stream.id).totals.recordsOut).toBe(7);
  });
});

describe('one record never decides the fate of others', () => {
  it('a record Sluice cannot prepare goes to the dead letters alone, with the reason', async () => {
    const { sender, stream, engine } = await setup(() => ok(), {
      // Truncation decodes long records: the broken one fails there.
      delivery: { outsystemsTruncation: true },
    });
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 2));
    // A stored record whose bytes are not a LogRecord (as if the disk corrupted it).
    const writer = new RecordBatchWriter();
    const g = writer.group({
      resource: encodeResource({ attributes: [], droppedAttributesCount: 0 }),
      resourceSchemaUrl: '',
      scope: encodeScope({ name: '', version: '', attributes: [], droppedAttributesCount: 0 }),
      scopeSchemaUrl: '',
    });
    writer.addEncoded(g, new Uint8Array(5_000).fill(0xff), 0, 9);
    appInternals(engine).pipeline.ingest(src, writer.build());
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(3, 2));
    await eventually(() => expect(runtime(engine, stream.id).backlogRecords).toBe(0));
    expect(sender.calls.flatMap((c) => numbersIn(c.body))).toEqual([1, 2, 3, 4]);
    const dls = engine.listDeadLetters(stream.id);
    expect(dls).toHaveLength(1);
    expect(dls[0]).toMatchObject({ recordCount: 1, httpStatus: null });
    expect(dls[0]!.reason).toMatch(/^Sluice could not prepare this record for sending: /);
    const r = runtime(engine, stream.id);
    expect(r.totals).toMatchObject({ recordsOut: 4, deadLettered: 1 });
    expect(r.totals.errors).toBeGreaterThanOrEqual(1);
    expect(r.status).toBe('active-with-errors');
    expect(r.lastError?.message).toContain('could not prepare this record');
  });

  it('a request Sluice fails to send is halved until the record at fault is alone', async () => {
    const { sender, stream, engine } = await setup((b: OutgoingBatch) => {
      if (numbersIn(b.body).includes(3)) throw new Error('cannot encode record 3');
      return ok();
    });
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 8));
    await eventually(() => expect(runtime(engine, stream.id).backlogRecords).toBe(0));
    const delivered = sender.calls
      .map((c) => numbersIn(c.body))
      .filter((ns) => !ns.includes(3))
      .flat()
      .sort((a, b) => a - b);
    expect(delivered).toEqual([1, 2, 4, 5, 6, 7, 8]);
    const [dl] = engine.listDeadLetters(stream.id);
    expect(dl).toMatchObject({ recordCount: 1, httpStatus: null });
    expect(dl!.reason).toBe('Sluice could not send this record: cannot encode record 3');
    expect(runtime(engine, stream.id).status).toBe('active-with-errors');
  });

  it('a Retry-After of two days parks the stream for minutes, not days', async () => {
    const { stream, engine } = await setup(() => retryable(429, 172_800_000));
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 1));
    await eventually(() => expect(runtime(engine, stream.id).sending).toBe('retrying'));
    const r = runtime(engine, stream.id);
    // The error is noted a moment before the wait is planned: allow a second.
    expect(r.nextAttemptAt! - r.lastError!.at).toBeLessThanOrEqual(5 * 60_000 + 1_000);
    expect(r.nextAttemptAt! - r.lastError!.at).toBeGreaterThan(60_000);
  });
});

describe('counts that add up', () => {
  it('under drop-oldest with a failing destination: every record is delivered, dropped or buffered, never two of these', async () => {
    let failing = true;
    const accepted: number[] = [];
    const { stream, engine } = await setup(
      (b) => {
        if (failing) return retryable(503, 20);
        accepted.push(...numbersIn(b.body));
        return ok();
      },
      { delivery: { maxBatchRecords: 16 } },
      'drop-oldest',
    );
    engine.updateSettings({
      ...engine.settings(),
      buffer: { capBytes: 16 * 1024 * 1024 },
    });
    const body = () => 'x'.repeat(64 * 1024);
    let n = 1;
    for (let i = 0; i < 60; i++) {
      appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(n, 8, { body }));
      n += 8;
      // Let the exporter take batches into flight between writes.
      await new Promise((r) => setImmediate(r));
    }
    const written = n - 1;
    let r = runtime(engine, stream.id);
    expect(r.totals.dropped).toBeGreaterThan(0);
    failing = false;
    appInternals(engine).pipeline.retryNow(stream.id);
    await eventually(() => expect(runtime(engine, stream.id).backlogRecords).toBe(0), 20_000);
    r = runtime(engine, stream.id);
    const t = r.totals;
    expect(t.recordsIn).toBe(written);
    expect(
      t.recordsOut + t.rejected + t.filtered + t.deadLettered + t.dropped + r.backlogRecords,
    ).toBe(written);
    // What the destination accepted is what was counted delivered, each once,
    // and no record was both delivered and counted dropped.
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(accepted.length).toBe(t.recordsOut);
    expect(accepted.length + t.dropped).toBe(written);
  });
});
