import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../support/app-internals';
import type { App } from '../../../src/main/app/app';
import { startDynatraceLocal, type DynatraceLocal } from '../../../src/main/tools/dynatrace-local';
import type { StreamSettingsInput } from '../../../src/shared/api/streams';
import { dynatraceSettings, openTestEngine, quietSource } from '../../support/engine';
import { numberedRequestBytes } from '../../support/otlp-records';
import { eventually } from '../../support/scripted-sender';

// The engine with its real Dynatrace sender against the local
// Dynatrace-compatible endpoint, whose fault injection plays the failing
// destination. Only the keychain is faked (it is not the subject here).

let engine: App | null = null;
let endpoint: DynatraceLocal | null = null;
/** The id of the (real, quiet) source the stream reads. */
let src = '';
afterEach(async () => {
  await engine?.close();
  await endpoint?.close();
  engine = null;
  endpoint = null;
});

async function setup(
  settings: Partial<StreamSettingsInput> = {},
  endpointOptions: Parameters<typeof startDynatraceLocal>[0] = {},
) {
  endpoint = await startDynatraceLocal({ keepRecords: 100_000, ...endpointOptions });
  engine = openTestEngine().engine;
  src = quietSource(engine);
  const stream = await engine.createStream(
    dynatraceSettings({
      destination: { tool: 'dynatrace', url: endpoint.url },
      sourceIds: [src],
      ...settings,
      delivery: { retry: { initialDelayMs: 10, maxDelayMs: 40 }, ...settings.delivery },
    }),
    { token: endpoint.token! },
    true,
  );
  return { stream, engine, endpoint };
}

const runtime = (e: App) => appInternals(e).pipeline.runtimes()[0]!;
const arrived = (d: DynatraceLocal) => d.records().map((r) => Number(r.attributes['n']));
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const unique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
const kinds = (e: App, id: string) =>
  appInternals(e)
    .eventLog.list({ streamId: id, beforeId: null, kinds: [], limit: 100 })
    .map((x) => x.kind);

describe('the exporter against a failing destination (real HTTP)', () => {
  it(
    'rides out a 503 storm while records keep arriving, then delivers everything once',
    { timeout: 60_000 },
    async () => {
      const { stream, engine, endpoint } = await setup();
      // Five minutes of 503 at production delays (1 s doubling to a 2 min cap)
      // is about ten attempts; with 10-40 ms delays we fail 150 in a row.
      endpoint.faults.failNext(150, { status: 503 });
      appInternals(engine).pipeline.tick(); // the engine's 1 Hz tick, driven by hand: Active
      appInternals(engine).pipeline.ingestRequest(
        src,
        numberedRequestBytes(1, 100, { recent: true }),
      );
      await eventually(() => expect(runtime(engine).sending).toBe('retrying'));
      expect(runtime(engine).status).toBe('active-with-errors');
      appInternals(engine).pipeline.tick(); // logs the change to Active with errors
      for (let i = 0; i < 9; i++)
        appInternals(engine).pipeline.ingestRequest(
          src,
          numberedRequestBytes(101 + i * 100, 100, { recent: true }),
        );
      await eventually(() => expect(unique(arrived(endpoint))).toEqual(range(1, 1000)), 30_000);
      await eventually(() => expect(runtime(engine).backlogRecords).toBe(0));
      const r = runtime(engine);
      expect(r.totals.retries).toBeGreaterThanOrEqual(150);
      expect(r.totals.errors).toBeGreaterThanOrEqual(150);
      expect(r.totals).toMatchObject({ recordsOut: 1000, deadLettered: 0, dropped: 0 });
      expect(r.lastError).toMatchObject({ httpStatus: 503 });
      appInternals(engine).pipeline.tick(); // and back to Active
      expect(runtime(engine).status).toBe('active');
      // One error when the storm began and one note when it ended, not one per attempt.
      expect(kinds(engine, stream.id).filter((x) => x === 'error')).toHaveLength(1);
      expect(
        appInternals(engine).eventLog.list({
          streamId: stream.id,
          beforeId: null,
          kinds: ['info'],
          limit: 5,
        })[0]?.message,
      ).toMatch(/^Sending works again after \d+ retries\.$/);
      const statusEvents = appInternals(engine).eventLog.list({
        streamId: stream.id,
        beforeId: null,
        kinds: ['status'],
        limit: 5,
      });
      expect(statusEvents.map((e) => e.message)).toEqual([
        'Status is now Active.',
        expect.stringMatching(
          /^Status is now Active with errors: The last attempt failed: Dynatrace answered 503/,
        ),
      ]);
    },
  );

  it(
    'waits as long as a 429 Retry-After asks before sending the same batch again',
    { timeout: 30_000 },
    async () => {
      const { engine, endpoint } = await setup();
      endpoint.faults.failNext(1, { status: 429, retryAfter: '2' });
      appInternals(engine).pipeline.ingestRequest(
        src,
        numberedRequestBytes(1, 10, { recent: true }),
      );
      await eventually(() => expect(runtime(engine).sending).toBe('retrying'));
      const r = runtime(engine);
      expect(r.lastError?.httpStatus).toBe(429);
      // The delay comes from the header (2 s), not from the 10-40 ms backoff.
      expect(r.nextAttemptAt! - r.lastError!.at).toBeGreaterThanOrEqual(1_900);
      await eventually(() => expect(unique(arrived(endpoint))).toEqual(range(1, 10)), 10_000);
      await eventually(() =>
        expect(runtime(engine).totals).toMatchObject({ retries: 1, errors: 1, recordsOut: 10 }),
      );
    },
  );

  it(
    'splits on 413 down to single records, and dead-letters only the one that can never fit',
    { timeout: 30_000 },
    async () => {
      const { stream, engine, endpoint } = await setup({}, { maxPayloadBytes: 4_096 });
      const big = (n: number) => (n === 7 ? 'x'.repeat(8_000) : `record ${n} `.repeat(60));
      appInternals(engine).pipeline.ingestRequest(
        src,
        numberedRequestBytes(1, 12, { body: big, recent: true }),
      );
      await eventually(() => expect(runtime(engine).backlogRecords).toBe(0), 20_000);
      expect(unique(arrived(endpoint))).toEqual(range(1, 12).filter((n) => n !== 7));
      const dls = engine.listDeadLetters(stream.id);
      expect(dls).toHaveLength(1);
      expect(dls[0]).toMatchObject({ httpStatus: 413, recordCount: 1 });
      expect(runtime(engine).totals).toMatchObject({ recordsOut: 11, deadLettered: 1 });
      expect(kinds(engine, stream.id)).toEqual(expect.arrayContaining(['info', 'dead-letter']));
    },
  );

  it(
    'a 400 for one poisoned record in a batch of 10,000 dead-letters that record alone; replay is refused again',
    { timeout: 60_000 },
    async () => {
      const { stream, engine, endpoint } = await setup();
      endpoint.faults.poison({ attribute: 'n', value: '4321' });
      appInternals(engine).pipeline.ingestRequest(
        src,
        numberedRequestBytes(1, 10_000, { recent: true }),
      );
      await eventually(() => expect(runtime(engine).backlogRecords).toBe(0), 45_000);
      expect(unique(arrived(endpoint))).toEqual(range(1, 10_000).filter((n) => n !== 4321));
      const dls = engine.listDeadLetters(stream.id);
      expect(dls).toHaveLength(1);
      expect(dls[0]).toMatchObject({ httpStatus: 400, recordCount: 1 });
      expect(dls[0]!.responseBody).toContain('cannot be read');
      const r = runtime(engine);
      expect(r.totals).toMatchObject({ recordsOut: 9_999, deadLettered: 1 });
      expect(r.status).toBe('active-with-errors');
      expect(r.lastError?.message).toContain('moved to the dead letters');

      // Still poisoned: the replay is refused again, says so, and the dead letter stays.
      engine.replayDeadLetters([dls[0]!.id]);
      await eventually(() => expect(engine.listDeadLetters(stream.id)[0]?.replays).toBe(1));
      expect(engine.listDeadLetters(stream.id)[0]!.reason).toMatch(
        /^Refused again when replayed at/,
      );
      // Once the destination can read it, a replay delivers it.
      endpoint.faults.poison(null);
      engine.replayDeadLetters([dls[0]!.id]);
      await eventually(() => expect(engine.listDeadLetters(stream.id)).toEqual([]));
      expect(unique(arrived(endpoint))).toEqual(range(1, 10_000));
    },
  );

  it(
    'retries through connection resets and a hanging server (timeout), losing nothing',
    { timeout: 30_000 },
    async () => {
      const { engine, endpoint } = await setup({ delivery: { timeoutMs: 500 } });
      endpoint.faults.resetNext(3);
      appInternals(engine).pipeline.ingestRequest(
        src,
        numberedRequestBytes(1, 20, { recent: true }),
      );
      await eventually(() => expect(unique(arrived(endpoint))).toEqual(range(1, 20)), 15_000);
      expect(runtime(engine).totals.errors).toBeGreaterThanOrEqual(3);

      endpoint.faults.hangNext(1);
      appInternals(engine).pipeline.ingestRequest(
        src,
        numberedRequestBytes(21, 20, { recent: true }),
      );
      await eventually(() => expect(unique(arrived(endpoint))).toEqual(range(1, 40)), 15_000);
      // The endpoint holds the records a moment before the engine has read its answer.
      await eventually(() => expect(runtime(engine).backlogRecords).toBe(0));
      const r = runtime(engine);
      expect(r.lastError?.message).toMatch(/within 500 ms|timed out|did not answer/i);
      expect(r.totals).toMatchObject({ recordsOut: 40, deadLettered: 0, dropped: 0 });
    },
  );

  it(
    'stops on a wrong token with the data kept, and delivers after the token is fixed',
    { timeout: 30_000 },
    async () => {
      const { stream, engine, endpoint } = await setup();
      await engine.updateStream(stream.id, engine.getStream(stream.id), {
        token: 'dt0c01.WRONGWRONGWRONGWRONGWRON.XX',
      });
      appInternals(engine).pipeline.ingestRequest(
        src,
        numberedRequestBytes(1, 10, { recent: true }),
      );
      await eventually(() => expect(runtime(engine).sending).toBe('stopped'));
      expect(runtime(engine)).toMatchObject({
        status: 'active-with-errors',
        backlogRecords: 10,
        lastError: { httpStatus: 401 },
      });
      expect(engine.listDeadLetters(stream.id)).toEqual([]);
      await engine.updateStream(stream.id, engine.getStream(stream.id), {
        token: endpoint.token!,
      });
      await eventually(() => expect(unique(arrived(endpoint))).toEqual(range(1, 10)));
    },
  );
});

describe('Dynatrace refusing records it otherwise accepts (real HTTP)', () => {
  it(
    'explains a partial success from the records: the one past the log age is named',
    { timeout: 30_000 },
    async () => {
      // The stream sends records past the log age anyway; the endpoint refuses them as Dynatrace does.
      const { stream, engine, endpoint } = await setup({ delivery: { logAge: 'send' } });
      const old = numberedRequestBytes(1, 1, { recent: false });
      appInternals(engine).pipeline.ingestRequest(src, old);
      appInternals(engine).pipeline.ingestRequest(src, numberedRequestBytes(2, 3));
      await eventually(() => expect(runtime(engine).backlogRecords).toBe(0));
      await eventually(() => expect(runtime(engine).totals.rejected).toBe(1));
      const [event] = appInternals(engine).eventLog.list({
        streamId: stream.id,
        beforeId: null,
        kinds: ['rejected'],
        limit: 5,
      });
      expect(event?.message).toMatch(
        /^Dynatrace refused 1 record of \d+\. The mapping explains all of them: record 0; for example /,
      );
      expect(event?.message).toContain('log age');
      expect(unique(arrived(endpoint))).toEqual([2, 3, 4]);
      expect(runtime(engine).wouldChange['timestamp.too-old']).toBe(1);
    },
  );
});
