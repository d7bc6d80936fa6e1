import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../../support/app-internals';
import type { App } from '../../../../src/main/app/app';
import type { StreamSettingsInput } from '../../../../src/shared/api/streams';
import { decodeExportRequest } from '../../../../src/shared/otlp';
import { exporterHarness, runtimeOf, witnessStream } from '../../../support/exporter-harness';
import { numberedRequestBytes, numbersIn } from '../../../support/otlp-records';
import type { FakeScriptedSender } from '../../../support/scripted-sender';
import { eventually, ok, refused, retryable } from '../../../support/scripted-sender';

let engine: App | null = null;
/** The id of the (real, quiet) source every test's stream reads. */
let src = '';
afterEach(async () => {
  await engine?.close();
  engine = null;
});

async function setup(
  respond: FakeScriptedSender['respond'],
  settings: Partial<StreamSettingsInput> = {},
) {
  const h = await exporterHarness(respond, settings);
  engine = h.engine;
  src = h.src;
  return h;
}

const runtime = runtimeOf;
const sent = (s: FakeScriptedSender) => s.calls.flatMap((c) => numbersIn(c.body));

describe('exporter: delivery', () => {
  it('sends buffered records in order, moves the cursor, and deletes what was delivered', async () => {
    const { sender, stream, engine } = await setup(() => ok());
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 3));
    await eventually(() => expect(sent(sender)).toEqual([1, 2, 3]));
    await eventually(() =>
      expect(appInternals(engine).pipeline.buffer.cursor(stream.id)).toBe(
        appInternals(engine).pipeline.buffer.maxSeq(),
      ),
    );
    appInternals(engine).pipeline.tick();
    expect(appInternals(engine).pipeline.buffer.records).toBe(0);
    expect(runtime(engine, stream.id)).toMatchObject({
      status: 'active',
      totals: { recordsIn: 3, recordsOut: 3, requests: 1, errors: 0 },
      backlogRecords: 0,
    });
  });

  it('bounds batches by record count and by bytes', async () => {
    const byCount = await setup(() => ok(), { delivery: { maxBatchRecords: 2 } });
    appInternals(byCount.engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 5));
    await eventually(() => expect(sent(byCount.sender)).toEqual([1, 2, 3, 4, 5]));
    expect(byCount.sender.calls.map((c) => c.recordCount)).toEqual([2, 2, 1]);
    await engine?.close();

    const bySize = await setup(() => ok(), { delivery: { maxBatchBytes: 2_048 } });
    appInternals(bySize.engine).pipeline.ingestRequest(
      src,
      numberedRequestBytes(1, 40, { body: () => 'x'.repeat(200) }),
    );
    await eventually(() => expect(sent(bySize.sender)).toHaveLength(40));
    for (const c of bySize.sender.calls) expect(c.body.length).toBeLessThanOrEqual(2_048);
    expect(bySize.sender.calls.length).toBeGreaterThan(1);
  });

  it('keeps every record of a source for a paused stream and sends them on resume', async () => {
    const { sender, stream, engine } = await setup(() => ok());
    const witness = await witnessStream(engine);
    engine.setStreamActive(stream.id, false);
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 4));
    await witness.deliver(); // the positive signal: the exporters have had their turn
    expect(sent(sender)).toEqual([1001]);
    expect(runtime(engine, stream.id)).toMatchObject({
      status: 'inactive',
      sending: 'paused',
      backlogRecords: 4,
    });
    engine.setStreamActive(stream.id, true);
    await eventually(() => expect(sent(sender)).toEqual([1001, 1, 2, 3, 4]));
  });

  it('counts records of a source no stream reads as unrouted and does not store them', async () => {
    const { engine } = await setup(() => ok());
    const outcome = appInternals(engine).pipeline.ingestRequest(
      'nobody-reads-this',
      numberedRequestBytes(1, 3),
    );
    expect(outcome).toMatchObject({ accepted: 0, unrouted: 3 });
    expect(appInternals(engine).pipeline.buffer.records).toBe(0);
  });
});

describe('exporter: answers', () => {
  it('counts a partial success, logs the destination message, and shows Active with errors', async () => {
    const { stream, engine } = await setup(() => ({
      ...ok(),
      rejectedRecords: 1,
      rejectionMessage: 'log record too old',
    }));
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 3));
    await eventually(() => expect(runtime(engine, stream.id).totals.rejected).toBe(1));
    const r = runtime(engine, stream.id);
    expect(r.totals.recordsOut).toBe(2);
    expect(r.status).toBe('active-with-errors');
    // No record is past the log age, so the mapping cannot say which one it was, and says so.
    expect(r.statusReason).toContain(
      'Dynatrace refused 1 record of 3. The mapping cannot explain why',
    );
    expect(r.statusReason).toContain('Dynatrace said: "log record too old"');
    expect(r.lastError?.message).toBe(r.statusReason);
    const events = appInternals(engine).eventLog.list({
      streamId: stream.id,
      beforeId: null,
      kinds: ['rejected'],
      limit: 10,
    });
    expect(events[0]?.message).toContain('log record too old');
  });

  it('retries the same bytes after a 503, honouring Retry-After, and recovers', async () => {
    const { sender, stream, engine } = await setup((_b, call) =>
      call <= 3 ? retryable(503, 5) : ok(),
    );
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 3));
    await eventually(() => expect(sender.calls).toHaveLength(4));
    const bodies = sender.calls.map((c) => Buffer.from(c.body).toString('base64'));
    expect(new Set(bodies).size).toBe(1);
    await eventually(() => expect(runtime(engine, stream.id).totals.recordsOut).toBe(3));
    expect(runtime(engine, stream.id).totals).toMatchObject({
      errors: 3,
      retries: 3,
      deadLettered: 0,
    });
    const events = appInternals(engine).eventLog.list({
      streamId: stream.id,
      beforeId: null,
      kinds: [],
      limit: 10,
    });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['error', 'info']));
  });

  it('dead-letters the batch when the retry window runs out, never dropping it', async () => {
    const { sender, stream, engine } = await setup(() => retryable(503, 20), {
      delivery: { retry: { windowMs: 1_000 } },
    });
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 2));
    await eventually(() => expect(engine.listDeadLetters(stream.id)).toHaveLength(1));
    const dl = appInternals(engine).deadLetters.get(engine.listDeadLetters(stream.id)[0]!.id)!;
    expect(numbersIn(dl.request)).toEqual([1, 2]);
    expect(dl.reason).toMatch(
      /^Every attempt failed for 1 s \(the retry window\); the last one: HTTP 503/,
    );
    expect(sender.calls.length).toBeGreaterThan(3);
    expect(appInternals(engine).pipeline.buffer.cursor(stream.id)).toBe(
      appInternals(engine).pipeline.buffer.maxSeq(),
    );
  });

  it('splits a batch on 413 down to single records and sends them all', async () => {
    const { sender, stream, engine } = await setup((b) =>
      b.recordCount > 1
        ? { kind: 'too-large', httpStatus: 413, message: 'too large', responseBody: null }
        : ok(),
    );
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 4));
    await eventually(() => expect(runtime(engine, stream.id).totals.recordsOut).toBe(4));
    expect(sender.calls.map((c) => c.recordCount)).toEqual([4, 2, 1, 1, 2, 1, 1]);
    const accepted = sender.calls
      .filter((c) => c.recordCount === 1)
      .flatMap((c) => numbersIn(c.body));
    expect(accepted).toEqual([1, 2, 3, 4]);
  });

  it('dead-letters a single record that is still too large, with the reason', async () => {
    const { stream, engine } = await setup(() => ({
      kind: 'too-large',
      httpStatus: 413,
      message: 'too large',
      responseBody: 'limit 10 bytes',
    }));
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 2));
    await eventually(() => expect(engine.listDeadLetters(stream.id)).toHaveLength(2));
    const [dl] = engine.listDeadLetters(stream.id);
    expect(dl).toMatchObject({ httpStatus: 413, recordCount: 1, responseBody: 'limit 10 bytes' });
    expect(dl?.reason).toMatch(/too large .* even on its own/);
    expect(appInternals(engine).pipeline.buffer.cursor(stream.id)).toBe(
      appInternals(engine).pipeline.buffer.maxSeq(),
    );
  });

  it('a 400 bisects the batch: only the record the destination refuses goes to the dead letters', async () => {
    // The destination cannot read record 2; every request holding it gets 400.
    const { sender, stream, engine } = await setup((b) =>
      numbersIn(b.body).includes(2) ? refused(400) : ok(),
    );
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 4));
    await eventually(() => expect(engine.listDeadLetters(stream.id)).toHaveLength(1));
    const dl = appInternals(engine).deadLetters.get(engine.listDeadLetters(stream.id)[0]!.id)!;
    expect(numbersIn(dl.request)).toEqual([2]);
    expect(dl).toMatchObject({ httpStatus: 400, recordCount: 1, responseBody: '{"error":"400"}' });
    const accepted = sender.calls.filter((c) => !numbersIn(c.body).includes(2));
    expect(accepted.flatMap((c) => numbersIn(c.body)).sort()).toEqual([1, 3, 4]);
    await eventually(() =>
      expect(runtime(engine, stream.id).totals).toMatchObject({ deadLettered: 1, recordsOut: 3 }),
    );
    const r = runtime(engine, stream.id);
    expect(r.status).toBe('active-with-errors');
    expect(r.lastError?.message).toContain('moved to the dead letters');
    expect(appInternals(engine).pipeline.buffer.cursor(stream.id)).toBe(
      appInternals(engine).pipeline.buffer.maxSeq(),
    );
  });

  it('stops sending on 401 without losing data, and resumes on Retry now', async () => {
    let authorized = false;
    const { sender, stream, engine } = await setup((b) =>
      // The witness (records from 1001) is always let in.
      authorized || numbersIn(b.body)[0]! > 1000 ? ok() : refused(401, true),
    );
    const witness = await witnessStream(engine);
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 3));
    await eventually(() => expect(runtime(engine, stream.id).sending).toBe('stopped'));
    await witness.deliver(); // the positive signal: a whole exporter loop ran since the stop
    expect(sent(sender)).toEqual([1, 2, 3, 1001]);
    expect(engine.listDeadLetters(stream.id)).toEqual([]);
    expect(runtime(engine, stream.id)).toMatchObject({
      status: 'active-with-errors',
      backlogRecords: 3,
      lastError: { httpStatus: 401 },
    });
    authorized = true;
    appInternals(engine).pipeline.retryNow(stream.id);
    await eventually(() => expect(runtime(engine, stream.id).totals.recordsOut).toBe(3));
    expect(numbersIn(sender.calls.at(-1)!.body)).toEqual([1, 2, 3]);
  });

  it('replays a dead letter on request and deletes it once accepted', async () => {
    const { sender, stream, engine } = await setup((_b, call) =>
      call === 1 ? refused(400) : ok(),
    );
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 1));
    await eventually(() => expect(engine.listDeadLetters(stream.id)).toHaveLength(1));
    const { queued } = appInternals(engine).deadLetters.requestReplay([
      engine.listDeadLetters(stream.id)[0]!.id,
    ]);
    expect(queued).toBe(1);
    appInternals(engine).pipeline.wake(stream.id);
    await eventually(() => expect(engine.listDeadLetters(stream.id)).toHaveLength(0));
    expect(numbersIn(sender.calls[1]!.body)).toEqual([1]);
  });
});

describe('exporter: filters and transforms', () => {
  it('leaves out records below the severity floor and counts them as filtered', async () => {
    const { sender, stream, engine } = await setup(() => ok(), { filter: { minSeverity: 'warn' } });
    appInternals(engine).pipeline.ingestRequest(
      src,
      numberedRequestBytes(1, 2, { severityNumber: 9 }),
    );
    appInternals(engine).pipeline.ingestRequest(
      src,
      numberedRequestBytes(3, 2, { severityNumber: 17 }),
    );
    await eventually(() => expect(sent(sender)).toEqual([3, 4]));
    await eventually(() => expect(runtime(engine, stream.id).totals.filtered).toBe(2));
    expect(runtime(engine, stream.id).backlogRecords).toBe(0);
  });

  it('applies include and exclude attribute rules', async () => {
    const { sender, engine } = await setup(() => ok(), {
      filter: {
        include: [{ key: 'module', op: 'equals', value: 'Orders' }],
        exclude: [{ key: 'n', op: 'matches', value: '^2$' }],
      },
    });
    appInternals(engine).pipeline.ingestRequest(
      src,
      numberedRequestBytes(1, 4, {
        attributes: (n) => ({ module: n === 4 ? 'Billing' : 'Orders' }),
      }),
    );
    await eventually(() => expect(sent(sender)).toEqual([1, 3]));
  });

  it('adds the stage label as deployment.environment.name on the resource', async () => {
    const { sender, engine } = await setup(() => ok(), { stage: 'Production' });
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(1, 1));
    await eventually(() => expect(sender.calls).toHaveLength(1));
    const resource = decodeExportRequest(sender.calls[0]!.body).resourceLogs[0]!.resource;
    expect(resource.attributes).toEqual(
      expect.arrayContaining([
        { key: 'service.name', value: { kind: 'string', value: 'checkout' } },
        { key: 'deployment.environment.name', value: { kind: 'string', value: 'Production' } },
      ]),
    );
  });

  it('cuts content and exception.stacktrace to 4,000 characters when OutSystems truncation is on', async () => {
    const { sender, engine } = await setup(() => ok(), {
      delivery: { outsystemsTruncation: true },
    });
    appInternals(engine).pipeline.ingestRequest(
      src,
      numberedRequestBytes(1, 1, {
        body: () => 'é'.repeat(5000),
        attributes: () => ({ 'exception.stacktrace': 'at x\n'.repeat(1000) }),
      }),
    );
    await eventually(() => expect(sender.calls).toHaveLength(1));
    const sl = decodeExportRequest(sender.calls[0]!.body).resourceLogs[0]!.scopeLogs[0]!;
    const record = sl.logRecords[0]!;
    expect(record.body).toEqual({ kind: 'string', value: 'é'.repeat(4000) });
    const st = record.attributes.find((a) => a.key === 'exception.stacktrace')!.value;
    expect(st.kind === 'string' && st.value.length).toBe(4000);
  });
});
