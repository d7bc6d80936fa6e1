import { appInternals } from '../../../support/app-internals';
import { afterEach, describe, expect, it } from 'vitest';
import type { SendResult } from '../../../../src/main/destinations/sender';
import type { App } from '../../../../src/main/app/app';
import type { StreamSettingsInput } from '../../../../src/shared/api/streams';
import { av, createLogRecord, encodeExportRequest } from '../../../../src/shared/otlp';
import { exporterHarness, runtimeOf } from '../../../support/exporter-harness';
import { numberedRequestBytes, numbersIn } from '../../../support/otlp-records';
import type { FakeScriptedSender } from '../../../support/scripted-sender';
import { eventually, ok } from '../../../support/scripted-sender';

// The exporter acting on what Dynatrace does with records (issue 17), against
// a FAKE sender whose answers each test scripts: the subject is what the loop
// holds back, cuts and counts, not HTTP (test/integration/engine covers the
// real endpoint).

let engine: App | null = null;
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
const minute = 60_000;
const hour = 60 * minute;

/** Records numbered `n` whose timestamps are `ageMs` old now. */
function agedRequest(numbers: number[], ageMs: number): Uint8Array {
  const at = BigInt(Date.now() - ageMs) * 1_000_000n;
  return encodeExportRequest({
    resourceLogs: [
      {
        resource: { attributes: [], droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            logRecords: numbers.map((n) =>
              createLogRecord({
                timeUnixNano: at,
                severityNumber: 9,
                body: av.string(`record ${n}`),
                attributes: [{ key: 'n', value: av.int(n) }],
              }),
            ),
          },
        ],
      },
    ],
  });
}

describe('the log age (Dynatrace discards records older than 24 hours)', () => {
  it('sends a record 23 h 59 min old and dead-letters one 24 h 1 min old, with the reason', async () => {
    const { sender, stream, engine } = await setup(() => ok());
    appInternals(engine).pipeline.ingestRequest(src, agedRequest([1], 23 * hour + 59 * minute));
    appInternals(engine).pipeline.ingestRequest(src, agedRequest([2, 3], 24 * hour + minute));
    appInternals(engine).pipeline.ingestRequest(src, agedRequest([4], 0));
    await eventually(() => expect(runtime(engine, stream.id).backlogRecords).toBe(0));
    expect(sender.calls.flatMap((c) => numbersIn(c.body))).toEqual([1, 4]);
    const dls = engine.listDeadLetters(stream.id);
    expect(dls).toHaveLength(1);
    expect(dls[0]).toMatchObject({ recordCount: 2, httpStatus: null });
    expect(dls[0]!.reason).toMatch(
      /^Dynatrace discards records older than 24 h on arrival; these 2 records are 24 h 1 min old/,
    );
    expect(runtime(engine, stream.id)).toMatchObject({
      status: 'active-with-errors',
      totals: { recordsOut: 2, deadLettered: 2 },
    });
  });

  it('sends them anyway when the stream says so', async () => {
    const { sender, stream, engine } = await setup(() => ok(), { delivery: { logAge: 'send' } });
    appInternals(engine).pipeline.ingestRequest(src, agedRequest([1, 2], 26 * hour));
    await eventually(() => expect(runtime(engine, stream.id).backlogRecords).toBe(0));
    expect(sender.calls.flatMap((c) => numbersIn(c.body))).toEqual([1, 2]);
    expect(engine.listDeadLetters(stream.id)).toEqual([]);
    // Still counted as what Dynatrace will do with them.
    expect(runtime(engine, stream.id).wouldChange['timestamp.too-old']).toBe(2);
  });

  it('shows the oldest buffered record against the limit, and warns an hour before a stuck backlog passes it', async () => {
    // A destination that never answers: the stream is sending, nothing drains.
    const { stream, engine } = await setup(() => new Promise<SendResult>(() => {}));
    appInternals(engine).pipeline.ingestRequest(src, agedRequest([1], 23 * hour + 30 * minute));
    appInternals(engine).pipeline.tick();
    const r = runtime(engine, stream.id);
    expect(r.logAge).toMatchObject({ limitMs: 24 * hour });
    expect(r.logAge!.oldestRecordAgeMs).toBeGreaterThanOrEqual(23 * hour + 30 * minute);
    expect(r.logAge!.crossesWithinMs).toBeGreaterThan(25 * minute);
    expect(r.logAge!.crossesWithinMs).toBeLessThanOrEqual(30 * minute);
    expect(r.status).toBe('active-with-errors');
    expect(r.statusReason).toMatch(
      /^In about (29|30) min, buffered records will be older than Dynatrace's log age of 24 h/,
    );
    expect(r.lastError?.message).toBe(r.statusReason);
    const events = appInternals(engine).eventLog.list({
      streamId: stream.id,
      beforeId: null,
      kinds: ['status'],
      limit: 5,
    });
    expect(events[0]?.message).toMatch(/^Status is now Active with errors: In about/);
  });

  it('a backlog far from the limit shows its age and no warning; other tools have none', async () => {
    const { stream, engine } = await setup(() => new Promise<SendResult>(() => {}));
    appInternals(engine).pipeline.ingestRequest(src, agedRequest([1], 2 * hour));
    appInternals(engine).pipeline.tick();
    const r = runtime(engine, stream.id);
    expect(r.logAge?.crossesWithinMs).toBeNull();
    expect(r.status).toBe('active');
  });
});

describe('batches cut to what the destination takes', () => {
  it('a stream stored with a batch size beyond Dynatrace`s 2 MB sends requests of at most 2,000,000 bytes', async () => {
    const { sender, stream, engine } = await setup(() => ok());
    // As a stream saved before the limits were known: written straight into its row.
    const db = appInternals(engine).db;
    const row = db.prepare('SELECT settings_json FROM streams WHERE id = ?').get(stream.id) as {
      settings_json: string;
    };
    const settings = JSON.parse(row.settings_json) as { delivery: { maxBatchBytes: number } };
    settings.delivery.maxBatchBytes = 10_000_000;
    db.prepare('UPDATE streams SET settings_json = ? WHERE id = ?').run(
      JSON.stringify(settings),
      stream.id,
    );
    appInternals(engine).pipeline.sync(engine.listStreams());
    expect(engine.getStream(stream.id).delivery.maxBatchBytes).toBe(10_000_000);
    appInternals(engine).pipeline.ingestRequest(
      src,
      numberedRequestBytes(1, 5_000, { body: () => 'x'.repeat(1_000) }),
    );
    await eventually(() => expect(runtime(engine, stream.id).backlogRecords).toBe(0), 15_000);
    expect(sender.calls.length).toBeGreaterThan(2);
    for (const c of sender.calls) expect(c.body.length).toBeLessThanOrEqual(2_000_000);
    expect(sender.calls.flatMap((c) => numbersIn(c.body))).toHaveLength(5_000);
  });
});

describe('what Dynatrace would change, counted before sending', () => {
  it('counts records per rule, without flagging ordinary ones, and keeps examples for the inspector', async () => {
    const { stream, engine } = await setup(() => ok());
    appInternals(engine).pipeline.ingestRequest(
      src,
      numberedRequestBytes(1, 10, {
        // Record 3 has an attribute value over the 32 KB limit; 7 a key over 100 bytes.
        attributes: (n) =>
          n === 3 ? { big: 'v'.repeat(40_000) } : n === 7 ? { ['k'.repeat(120)]: 'x' } : {},
      }),
    );
    appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(11, 200));
    await eventually(() => expect(runtime(engine, stream.id).backlogRecords).toBe(0));
    const counts = runtime(engine, stream.id).wouldChange;
    expect(counts).toEqual({
      'limit.attribute-value-length': 1,
      'limit.attribute-key-length': 1,
    });
    const sampler = appInternals(engine).pipeline.sampler(stream.id)!;
    const examples = sampler.after(0, 10_000).filter((s) => s.seq === 3 || s.seq === 7);
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });
});
