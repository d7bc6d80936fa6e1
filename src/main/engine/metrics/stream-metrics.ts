import type { HistoryPoint } from '../../../shared/api/history';
import { zeroTotals, type StreamRates, type StreamTotals } from '../../../shared/api/engine';
import { DurationCounter } from '../../base/duration-counter';
import { percentile } from './percentile';
import { RollingCounts } from './rolling-counts';

const liveSeconds = 300;
const latencyWindowMs = 60_000;

export function zeroRates(): StreamRates {
  return {
    recordsInPerSec: 0,
    bytesInPerSec: 0,
    recordsOutPerSec: 0,
    bytesOutPerSec: 0,
    errorsPerSec: 0,
    retriesPerSec: 0,
  };
}

export interface MinuteRow {
  minute: number;
  recordsIn: number;
  bytesIn: number;
  recordsOut: number;
  bytesOut: number;
  errors: number;
  retries: number;
  backlogRecords: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

/**
 * One stream's counters. Sources and the exporter count into it as things
 * happen; once a second `tick` turns the difference into rates and a point
 * of the live 5-minute history; each completed minute becomes a row for the
 * per-minute history kept in SQLite.
 */
export class StreamMetrics {
  readonly totals: StreamTotals = zeroTotals();
  /** Records Dynatrace will store changed (or not at all), by rule, since start. */
  readonly wouldChange: Record<string, number> = {};
  /** Records each of the stream's processing rules changed, over the last minute (by rule key). */
  readonly processing = new RollingCounts(60);
  backlogRecords = 0;
  backlogBytes = 0;
  private last: StreamTotals = zeroTotals();
  private lastTickAt: number | null = null;
  private rates: StreamRates = zeroRates();
  private readonly live: HistoryPoint[] = [];
  private latencies: { at: number; ms: number }[] = [];
  /** Every request's duration since the engine started: /metrics publishes it as a histogram. */
  readonly requestDurations = new DurationCounter();
  private minute: { start: number; base: StreamTotals; latencies: number[] } | null = null;

  recordIn(records: number, bytes: number): void {
    this.totals.recordsIn += records;
    this.totals.bytesIn += bytes;
    this.backlogRecords += records;
    this.backlogBytes += bytes;
  }

  /** Records leave the backlog: sent, filtered out, dead-lettered or dropped. */
  passed(records: number, bytes: number): void {
    this.backlogRecords = Math.max(0, this.backlogRecords - records);
    this.backlogBytes = Math.max(0, this.backlogBytes - bytes);
  }

  /**
   * One request was made. `answered` false: it never reached the
   * destination (refused, DNS, reset, timeout before an answer), so it is
   * neither a request the destination saw nor a latency: counting it made
   * "Requests 1" and "p50 0 ms" appear for a stream that had sent nothing.
   */
  request(latencyMs: number, at: number, answered = true): void {
    if (!answered) return;
    this.totals.requests++;
    this.requestDurations.observe(latencyMs);
    this.latencies.push({ at, ms: latencyMs });
    this.minute?.latencies.push(latencyMs);
  }

  latencyPercentiles(now: number): { p50: number | null; p95: number | null } {
    this.latencies = this.latencies.filter((l) => now - l.at <= latencyWindowMs);
    const ms = this.latencies.map((l) => l.ms);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
  }

  currentRates(): StreamRates {
    return this.rates;
  }

  /** Called once a second. Returns a completed minute, if one just ended. */
  tick(now: number): MinuteRow | null {
    const elapsed = this.lastTickAt === null ? 1 : Math.max(0.001, (now - this.lastTickAt) / 1000);
    const t = this.totals;
    const l = this.last;
    this.rates = {
      recordsInPerSec: (t.recordsIn - l.recordsIn) / elapsed,
      bytesInPerSec: (t.bytesIn - l.bytesIn) / elapsed,
      recordsOutPerSec: (t.recordsOut - l.recordsOut) / elapsed,
      bytesOutPerSec: (t.bytesOut - l.bytesOut) / elapsed,
      errorsPerSec: (t.errors - l.errors) / elapsed,
      retriesPerSec: (t.retries - l.retries) / elapsed,
    };
    this.last = { ...t };
    this.lastTickAt = now;
    const { p50, p95 } = this.latencyPercentiles(now);
    this.live.push({
      t: now,
      seconds: elapsed,
      ...this.rates,
      backlogRecords: this.backlogRecords,
      latencyP50Ms: p50,
      latencyP95Ms: p95,
    });
    if (this.live.length > liveSeconds) this.live.shift();

    const minuteStart = Math.floor(now / 60_000) * 60_000;
    let done: MinuteRow | null = null;
    if (this.minute && this.minute.start !== minuteStart) {
      const b = this.minute.base;
      done = {
        minute: this.minute.start,
        recordsIn: t.recordsIn - b.recordsIn,
        bytesIn: t.bytesIn - b.bytesIn,
        recordsOut: t.recordsOut - b.recordsOut,
        bytesOut: t.bytesOut - b.bytesOut,
        errors: t.errors - b.errors,
        retries: t.retries - b.retries,
        backlogRecords: this.backlogRecords,
        latencyP50Ms: percentile(this.minute.latencies, 50),
        latencyP95Ms: percentile(this.minute.latencies, 95),
      };
    }
    if (!this.minute || this.minute.start !== minuteStart) {
      this.minute = { start: minuteStart, base: { ...t }, latencies: [] };
    }
    return done;
  }

  /** The last five minutes, one point per second. */
  liveHistory(): HistoryPoint[] {
    return [...this.live];
  }

  /** Records sent per second over the last `seconds` (the live history's points). */
  recentOutRate(seconds: number): number {
    const points = this.live.slice(-seconds);
    if (points.length === 0) return 0;
    return points.reduce((n, p) => n + p.recordsOutPerSec, 0) / points.length;
  }
}
