import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/engine/db/migrate';
import { migrations } from '../../../../src/main/engine/db/migrations';
import { HistoryStore } from '../../../../src/main/engine/metrics/history-store';
import { percentile } from '../../../../src/main/engine/metrics/percentile';
import { StreamMetrics } from '../../../../src/main/engine/metrics/stream-metrics';
import { tempDir } from '../../../support/temp-dir';

describe('StreamMetrics', () => {
  it('turns counters into per-second rates at each tick', () => {
    const m = new StreamMetrics();
    m.tick(1_000);
    m.recordIn(300, 3_000);
    m.totals.recordsOut += 100;
    m.tick(3_000); // two seconds later
    expect(m.currentRates()).toMatchObject({
      recordsInPerSec: 150,
      bytesInPerSec: 1_500,
      recordsOutPerSec: 50,
    });
    expect(m.liveHistory()).toHaveLength(2);
  });

  it('keeps the backlog as records arrive and leave, never below zero', () => {
    const m = new StreamMetrics();
    m.recordIn(10, 100);
    m.passed(4, 40);
    expect([m.backlogRecords, m.backlogBytes]).toEqual([6, 60]);
    m.passed(100, 1_000);
    expect([m.backlogRecords, m.backlogBytes]).toEqual([0, 0]);
  });

  it('folds each completed minute into one row with its latency percentiles', () => {
    const m = new StreamMetrics();
    expect(m.tick(60_000)).toBeNull();
    m.recordIn(5, 50);
    for (const ms of [10, 20, 30, 40, 100]) m.request(ms, 61_000);
    expect(m.tick(119_000)).toBeNull();
    const row = m.tick(120_500);
    expect(row).toMatchObject({
      minute: 60_000,
      recordsIn: 5,
      bytesIn: 50,
      latencyP50Ms: 30,
      latencyP95Ms: 100,
    });
  });

  it('counts neither a request nor a latency for an attempt the destination never answered', () => {
    const m = new StreamMetrics();
    m.request(0.4, 1_000, false);
    expect(m.totals.requests).toBe(0);
    expect(m.latencyPercentiles(1_000)).toEqual({ p50: null, p95: null });
    m.request(25, 2_000);
    expect(m.totals.requests).toBe(1);
    expect(m.latencyPercentiles(2_000)).toEqual({ p50: 25, p95: 25 });
  });

  it('keeps the live window to five minutes of one-second points', () => {
    const m = new StreamMetrics();
    for (let t = 0; t < 400; t++) m.tick(t * 1_000);
    expect(m.liveHistory()).toHaveLength(300);
    expect(m.liveHistory()[0]?.t).toBe(100_000);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
  });
});

describe('HistoryStore', () => {
  function store() {
    const db = new BetterSqlite3(join(tempDir(), 'h.db'));
    migrate(db, migrations);
    return new HistoryStore(db);
  }
  const row = (minute: number, recordsOut: number) => ({
    minute,
    recordsIn: recordsOut,
    bytesIn: 0,
    recordsOut,
    bytesOut: 0,
    errors: 0,
    retries: 0,
    backlogRecords: 0,
    latencyP50Ms: null,
    latencyP95Ms: null,
  });

  it('answers 24 h per minute and 7 d per ten minutes, as rates per second', () => {
    const h = store();
    const now = 10 * 24 * 3_600_000;
    for (let i = 1; i <= 20; i++) h.add('s1', row(now - i * 60_000, 600));
    h.add('s1', row(now - 3 * 24 * 3_600_000, 600));
    h.add('other', row(now - 60_000, 6_000));
    const day = h.range('s1', '24h', now);
    expect(day).toHaveLength(20);
    expect(day.every((p) => p.recordsOutPerSec === 10)).toBe(true);
    const week = h.range('s1', '7d', now);
    // Rate times the seconds each point covers is the count: nothing lost or added.
    expect(week.reduce((n, p) => n + p.recordsOutPerSec * p.seconds, 0)).toBe(21 * 600);
    // 10 records/s in every bucket, however many of its ten minutes it holds so far.
    expect(week.every((p) => p.recordsOutPerSec === 10)).toBe(true);
  });

  it("a ten-minute bucket with one minute so far shows the stream's rate, not a tenth of it", () => {
    const h = store();
    const now = 10 * 24 * 3_600_000 + 90_000; // a minute and a half into a bucket
    h.add('s1', row(now - 90_000, 300)); // 5 records/s for the one complete minute
    const week = h.range('s1', '7d', now);
    expect(week.at(-1)).toMatchObject({ recordsOutPerSec: 5, seconds: 60 });
  });

  it('prunes rows older than the retention', () => {
    const h = store();
    h.add('s1', row(1_000 * 60_000, 1));
    h.add('s1', row(2_000 * 60_000, 1));
    expect(h.pruneOlderThan(1_500 * 60_000)).toBe(1);
  });
});
