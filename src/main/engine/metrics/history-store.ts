import type { Database, Statement } from 'better-sqlite3';
import type { HistoryPoint, HistoryRange } from '../../../shared/api/history';
import type { MinuteRow } from './stream-metrics';

const rangeMs: Record<Exclude<HistoryRange, '5m'>, number> = {
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
};
// Points per chart stay near a thousand: one per minute for a day, one per
// ten minutes for a week.
const bucketMinutes: Record<Exclude<HistoryRange, '5m'>, number> = { '24h': 1, '7d': 10 };

/** Per-minute metrics rows: history across restarts, pruned after the retention period. */
export class HistoryStore {
  private readonly insert: Statement;
  private readonly prune: Statement<[number]>;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT OR REPLACE INTO metrics_minutes (stream_id, minute, records_in, bytes_in, records_out, bytes_out, errors, retries, backlog_records, latency_p50_ms, latency_p95_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.prune = db.prepare('DELETE FROM metrics_minutes WHERE minute < ?');
  }

  add(streamId: string, r: MinuteRow): void {
    this.insert.run(
      streamId,
      r.minute,
      r.recordsIn,
      r.bytesIn,
      r.recordsOut,
      r.bytesOut,
      r.errors,
      r.retries,
      r.backlogRecords,
      r.latencyP50Ms,
      r.latencyP95Ms,
    );
  }

  range(streamId: string, range: Exclude<HistoryRange, '5m'>, now: number): HistoryPoint[] {
    const bucket = bucketMinutes[range] * 60_000;
    // A bucket's rate is averaged over the minutes it holds, not its full
    // length: the newest ten-minute bucket of the 7-day view may hold only
    // one minute so far, and a stream doing 5 records/s must not read 0.5.
    // Minutes the engine was not running have no row and do not count.
    const rows = this.db
      .prepare(
        `SELECT (minute / ?) * ? AS t, count(*) AS n, sum(records_in) AS ri, sum(records_out) AS ro, sum(bytes_in) AS bi, sum(bytes_out) AS bo,
                sum(errors) AS e, sum(retries) AS r, max(backlog_records) AS b, max(latency_p50_ms) AS p50, max(latency_p95_ms) AS p95
         FROM metrics_minutes WHERE stream_id = ? AND minute >= ? GROUP BY t ORDER BY t`,
      )
      .all(bucket, bucket, streamId, now - rangeMs[range]) as {
      t: number;
      n: number;
      ri: number;
      ro: number;
      bi: number;
      bo: number;
      e: number;
      r: number;
      b: number;
      p50: number | null;
      p95: number | null;
    }[];
    return rows.map((x) => {
      const seconds = x.n * 60;
      return {
        t: x.t,
        seconds,
        recordsInPerSec: x.ri / seconds,
        recordsOutPerSec: x.ro / seconds,
        bytesInPerSec: x.bi / seconds,
        bytesOutPerSec: x.bo / seconds,
        errorsPerSec: x.e / seconds,
        retriesPerSec: x.r / seconds,
        backlogRecords: x.b,
        latencyP50Ms: x.p50,
        latencyP95Ms: x.p95,
      };
    });
  }

  pruneOlderThan(at: number): number {
    return this.prune.run(at).changes;
  }
}
