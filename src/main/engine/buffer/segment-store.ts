import type { Database, Statement } from 'better-sqlite3';
import { decodeGroups, SegmentIndex, type Segment } from './segment-format';
import type { SegmentRow } from './segment-plan';

interface StoredSegmentRow {
  last_seq: number;
  count: number;
  received_ms: number;
  payload: Buffer;
  idx: Buffer;
  groups: Buffer;
}

/** Records and bytes in a range of seqs. */
export interface RangeStats {
  records: number;
  bytes: number;
}

/**
 * The SQL of the `segments` table (migration 006): every statement on it, in
 * one place. Policy (the cap, cursors, what to delete) is the buffer's.
 */
export class SegmentStore {
  private readonly s: {
    insert: Statement;
    handedOut: Statement<[], { seq: number }>;
    read: Statement<[number, number, number], StoredSegmentRow>;
    containing: Statement<[number, number], StoredSegmentRow>;
    inside: Statement<[number, number, number], { n: number | null; bytes: number | null }>;
    after: Statement<
      [number, number],
      { n: number | null; bytes: number | null; oldest: number | null }
    >;
    firstAfter: Statement<[number, number], { received_ms: number }>;
    oldestTimeAfter: Statement<[number, number], { t: number | null }>;
    stretches: Statement<
      [number, number],
      { last_seq: number; count: number; oldest_time_ms: number }
    >;
    oldestOfSource: Statement<[number, number], { last_seq: number; size: number }>;
    deleteUpTo: Statement<[number, number], { count: number }>;
    deleteSource: Statement<[number], { count: number }>;
    total: Statement<[], { n: number | null }>;
  };

  constructor(db: Database) {
    const columns = 'last_seq, count, received_ms, payload, idx, groups';
    this.s = {
      insert: db.prepare(
        'INSERT INTO segments (last_seq, source_key, count, record_bytes, received_ms, oldest_time_ms, payload, idx, groups) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      handedOut: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'segments'"),
      read: db.prepare(
        `SELECT ${columns} FROM segments WHERE source_key = ? AND last_seq > ? ORDER BY last_seq LIMIT ?`,
      ),
      containing: db.prepare(
        `SELECT ${columns} FROM segments WHERE source_key = ? AND last_seq >= ? ORDER BY last_seq LIMIT 1`,
      ),
      inside: db.prepare(
        'SELECT sum(count) AS n, sum(record_bytes) AS bytes FROM segments WHERE source_key = ? AND last_seq - count >= ? AND last_seq <= ?',
      ),
      after: db.prepare(
        'SELECT sum(count) AS n, sum(record_bytes) AS bytes, min(received_ms) AS oldest FROM segments WHERE source_key = ? AND last_seq > ?',
      ),
      firstAfter: db.prepare(
        'SELECT received_ms FROM segments WHERE source_key = ? AND last_seq > ? ORDER BY last_seq LIMIT 1',
      ),
      oldestTimeAfter: db.prepare(
        'SELECT min(oldest_time_ms) AS t FROM segments WHERE source_key = ? AND last_seq > ? AND oldest_time_ms > 0',
      ),
      stretches: db.prepare(
        'SELECT last_seq, count, oldest_time_ms FROM segments WHERE source_key = ? AND last_seq > ? ORDER BY last_seq',
      ),
      oldestOfSource: db.prepare(
        'SELECT last_seq, length(payload) + length(idx) + length(groups) AS size FROM segments WHERE source_key = ? AND last_seq > ? ORDER BY last_seq LIMIT 256',
      ),
      deleteUpTo: db.prepare(
        'DELETE FROM segments WHERE source_key = ? AND last_seq <= ? RETURNING count',
      ),
      deleteSource: db.prepare('DELETE FROM segments WHERE source_key = ? RETURNING count'),
      total: db.prepare('SELECT sum(count) AS n FROM segments'),
    };
  }

  /** The newest seq ever handed out (0 for a new buffer). */
  handedOut(): number {
    return this.s.handedOut.get()?.seq ?? 0;
  }

  insert(sourceKey: number, lastSeq: number, receivedMs: number, row: SegmentRow): void {
    this.s.insert.run(
      lastSeq,
      sourceKey,
      row.count,
      row.recordBytes,
      receivedMs,
      row.oldestTimeMs,
      row.payload,
      row.idx,
      row.groups,
    );
  }

  /** Segments of a source holding any seq after `afterSeq`, oldest first. */
  read(sourceKey: number, afterSeq: number, limit: number): Segment[] {
    return this.s.read.all(sourceKey, afterSeq, limit).map((r) => toSegment(sourceKey, r));
  }

  /** Records of a source with seq in (after, upTo]. */
  range(sourceKey: number, after: number, upTo: number): RangeStats {
    if (upTo <= after) return { records: 0, bytes: 0 };
    // Whole segments inside the range (first_seq > after, i.e. last_seq - count >= after) ...
    const inside = this.s.inside.get(sourceKey, after, upTo);
    const stats = { records: inside?.n ?? 0, bytes: inside?.bytes ?? 0 };
    // ... plus the parts of the (at most two) segments the range's ends cut.
    const counted = new Set<number>();
    for (const seq of [after + 1, upTo]) {
      const row = this.s.containing.get(sourceKey, seq);
      if (!row || counted.has(row.last_seq)) continue;
      const first = row.last_seq - row.count + 1;
      if (first > after && row.last_seq <= upTo) continue; // already inside
      if (first > upTo) continue;
      counted.add(row.last_seq);
      const from = Math.max(first, after + 1) - first;
      const to = Math.min(row.last_seq, upTo) - first + 1;
      stats.records += to - from;
      stats.bytes += new SegmentIndex(row.idx).bytesBetween(from, to);
    }
    return stats;
  }

  /** Records of a source after `after`, their bytes, and when the oldest of their segments arrived. */
  after(sourceKey: number, after: number): RangeStats & { oldestReceivedMs: number | null } {
    const row = this.s.after.get(sourceKey, after);
    const stats = { records: row?.n ?? 0, bytes: row?.bytes ?? 0 };
    // The first segment may be partly passed.
    const first = this.s.containing.get(sourceKey, after + 1);
    if (first && first.last_seq - first.count + 1 <= after) {
      const passed = after - (first.last_seq - first.count + 1) + 1;
      stats.records -= passed;
      stats.bytes -= new SegmentIndex(first.idx).bytesBetween(0, passed);
    }
    return { ...stats, oldestReceivedMs: row?.oldest ?? null };
  }

  /** When the oldest segment holding a seq after `after` arrived. */
  firstReceivedAfter(sourceKey: number, after: number): number | null {
    return this.s.firstAfter.get(sourceKey, after)?.received_ms ?? null;
  }

  /** The oldest record timestamp in segments holding a seq after `after` (segment granularity). */
  oldestTimeAfter(sourceKey: number, after: number): number | null {
    return this.s.oldestTimeAfter.get(sourceKey, after)?.t ?? null;
  }

  /**
   * Every segment holding a seq after `after`: its last seq, the records
   * after `after` in it, and its oldest record timestamp. Small columns
   * only: the payloads are not read.
   */
  stretchesAfter(
    sourceKey: number,
    after: number,
  ): { lastSeq: number; records: number; oldestTimeMs: number }[] {
    return this.s.stretches.all(sourceKey, after).map((r) => ({
      lastSeq: r.last_seq,
      records: Math.min(r.count, r.last_seq - after),
      oldestTimeMs: r.oldest_time_ms,
    }));
  }

  /** The oldest segments of a source after `afterSeq`: their last seq and stored size. */
  oldest(sourceKey: number, afterSeq: number): { last_seq: number; size: number }[] {
    return this.s.oldestOfSource.all(sourceKey, afterSeq);
  }

  /** Deletes a source's segments up to `upTo`; returns the records deleted. */
  deleteUpTo(sourceKey: number, upTo: number): number {
    return sumCounts(this.s.deleteUpTo.all(sourceKey, upTo));
  }

  deleteSource(sourceKey: number): number {
    return sumCounts(this.s.deleteSource.all(sourceKey));
  }

  totalRecords(): number {
    return this.s.total.get()?.n ?? 0;
  }
}

function sumCounts(rows: { count: number }[]): number {
  let n = 0;
  for (const r of rows) n += r.count;
  return n;
}

function toSegment(sourceKey: number, r: StoredSegmentRow): Segment {
  return {
    sourceKey,
    firstSeq: r.last_seq - r.count + 1,
    lastSeq: r.last_seq,
    count: r.count,
    receivedMs: r.received_ms,
    payload: r.payload,
    index: new SegmentIndex(r.idx),
    groups: decodeGroups(r.groups),
  };
}
