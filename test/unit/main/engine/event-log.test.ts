import BetterSqlite3 from 'better-sqlite3';
import { appInternals } from '../../../support/app-internals';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../src/shared/api/event-log';
import { EventLog, foldWindowMs } from '../../../../src/main/engine/events/event-log';
import { plural } from '../../../../src/shared/format/count';
import { migrate } from '../../../../src/main/engine/db/migrate';
import { migrations } from '../../../../src/main/engine/db/migrations';
import type { App } from '../../../../src/main/app/app';
import { databasePath } from '../../../../src/main/data-dir/paths';
import {
  startDynatraceLocal,
  type DynatraceLocal,
} from '../../../../src/main/tools/dynatrace-local';
import { dynatraceSettings, openTestEngine, quietSource } from '../../../support/engine';
import { tempDir } from '../../../support/temp-dir';

function eventLog(now: { t: number }) {
  const db = new BetterSqlite3(join(tempDir(), 'events.db'));
  migrate(db, migrations);
  db.prepare(
    "INSERT INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES ('s1', 's1', 1, '{}', '', '')",
  ).run();
  const published: StreamEvent[] = [];
  return {
    log: new EventLog(
      db,
      () => now.t,
      (e) => published.push(e),
    ),
    published,
  };
}

const failure = (records: number) => ({
  streamId: 's1',
  kind: 'error' as const,
  level: 'error' as const,
  message: `127.0.0.1:9 refused the connection. Retrying the same ${plural(records, 'record')}.`,
});

describe('EventLog folds a repeated failure into one line', () => {
  it('"repeated N times, last at" instead of a new event for the same failure', () => {
    const now = { t: 1_000 };
    const { log, published } = eventLog(now);
    const first = log.add(failure(50));
    now.t = 61_000;
    log.add(failure(48)); // the same failure for the next batch: figures aside, the same
    now.t = 91_000;
    log.add(failure(1)); // "1 record" is the same failure as "48 records"
    now.t = 121_000;
    expect(log.repeated('s1', '127.0.0.1:9 refused the connection.', now.t)).toBe(true);
    const [only] = log.list({ streamId: 's1', beforeId: null, kinds: [], limit: 10 });
    expect(log.list({ streamId: 's1', beforeId: null, kinds: [], limit: 10 })).toHaveLength(1);
    expect(only).toMatchObject({ id: first.id, repeats: 3, lastRepeatAt: 121_000, at: 1_000 });
    // Each fold is published, so an open event log refreshes.
    expect(published).toHaveLength(4);
  });

  it('starts a new line once something went right in between, or after an hour', () => {
    const now = { t: 0 };
    const { log } = eventLog(now);
    log.add(failure(1));
    log.add({ streamId: 's1', kind: 'info', level: 'info', message: 'Sending works again.' });
    log.add(failure(1));
    now.t = foldWindowMs + 1;
    log.add(failure(1));
    const errors = log.list({ streamId: 's1', beforeId: null, kinds: ['error'], limit: 10 });
    expect(errors.map((e) => e.repeats)).toEqual([0, 0, 0]);
  });

  it("lists engine-wide events with a stream's own only when asked", () => {
    const { log } = eventLog({ t: 0 });
    log.add({ streamId: null, kind: 'info', level: 'info', message: 'Sluice started.' });
    log.add({ streamId: 's1', kind: 'config', level: 'info', message: 'Stream created.' });
    const q = { streamId: 's1', beforeId: null, kinds: [], limit: 10 };
    expect(log.list(q).map((e) => e.message)).toEqual(['Stream created.']);
    expect(log.list({ ...q, includeEngine: true }).map((e) => e.message)).toEqual([
      'Stream created.',
      'Sluice started.',
    ]);
  });
});

describe('the engine writes what happened to the event log', () => {
  let engine: App | null = null;
  let dt: DynatraceLocal | null = null;
  afterEach(async () => {
    await engine?.close();
    await dt?.close();
    engine = null;
    dt = null;
  });

  const messages = (e: App, id: string | null, kinds: StreamEvent['kind'][] = []) =>
    appInternals(e)
      .eventLog.list({ streamId: id, includeEngine: id !== null, beforeId: null, kinds, limit: 50 })
      .map((x) => x.message)
      .reverse();

  it('stream created, settings edited (what changed, never a secret), duplicated, Test stream passed and failed', async () => {
    dt = await startDynatraceLocal({
      port: 0,
      token: `dt0c01.${'A'.repeat(24)}.${'B'.repeat(64)}`,
    });
    const t = openTestEngine();
    engine = t.engine;
    const source = quietSource(engine, { name: 'App logs' });
    const settings = dynatraceSettings({
      destination: { tool: 'dynatrace', url: dt.url },
      sourceIds: [source],
    });
    const s = await engine.createStream(settings, { token: dt.token! }, true);
    await engine.updateStream(
      s.id,
      dynatraceSettings({
        destination: { tool: 'dynatrace', url: dt.url.replace('/api/', '/e/abc12345/api/') },
        stage: 'QA',
      }),
      { token: `dt0c01.${'C'.repeat(24)}.${'D'.repeat(64)}` },
    );
    const config = messages(engine, s.id, ['config']);
    expect(config[0]).toBe('Stream created (to Dynatrace, reading "App logs").');
    expect(config[1]).toBe(
      'Settings edited: destination (url), sources (now none), stage (now QA) and the API token.',
    );
    expect(config.join(' ')).not.toContain('DDDD');

    // Test stream from the stream's page: with the new (wrong) token it fails, with the right one it passes.
    await engine.testStream({ id: s.id });
    await engine.updateStream(s.id, settings, { token: dt.token! });
    await engine.testStream({ id: s.id });
    const tests = appInternals(engine).eventLog.list({
      streamId: s.id,
      beforeId: null,
      kinds: ['test'],
      limit: 5,
    });
    expect(tests.map((e) => [e.level, e.httpStatus])).toEqual([
      ['info', 200],
      ['warn', 401],
    ]);
    expect(tests[1]!.message).toMatch(/^Test stream failed \(its saved settings\): /);
    expect(tests[0]!.message).toMatch(/^Test stream passed \(its saved settings\): /);

    const copy = await engine.duplicateStream(s.id, null);
    expect(messages(engine, copy.id, ['config'])).toEqual([
      `Stream created as a copy of "${settings.name}" (to Dynatrace, reading "App logs"). It starts Inactive: resume it when ready.`,
    ]);
  });

  it('engine started and stopped, an unclean stop noticed, and the buffer settings edited', async () => {
    const dataDir = tempDir();
    const first = openTestEngine(undefined, dataDir).engine;
    first.start();
    first.updateSettings({ ...first.settings(), historyRetentionDays: 14, theme: 'dark' });
    await first.close();
    const second = openTestEngine(undefined, dataDir).engine;
    engine = second;
    second.start();
    expect(messages(second, null)).toEqual([
      expect.stringMatching(/^Sluice started \(version .+\)\.$/),
      'Settings edited: history kept from 7 to 14 days.',
      'Sluice stopped.',
      expect.stringMatching(/^Sluice started/),
    ]);
    await second.close();
    engine = null;
    // A run killed before it could stop leaves its running flag set, as here.
    const db = new BetterSqlite3(databasePath(dataDir));
    db.prepare("UPDATE settings SET value_json = 'true' WHERE key = 'engine.running'").run();
    db.close();
    const third = openTestEngine(undefined, dataDir).engine;
    engine = third;
    third.start();
    expect(messages(third, null).at(-1)).toMatch(/did not stop cleanly/);
  });
});
