import type { Database, Statement } from 'better-sqlite3';
import type { SplitResourceLogs } from '../../../shared/otlp';
import { EngineError } from '../../errors';
import { BlobInterner, type InternedBlob } from './interner';

/** One stored record, as the exporter reads it. */
export interface BufferRow {
  seq: number;
  sourceKey: number;
  resourceId: number;
  scopeId: number;
  severityNumber: number;
  receivedMs: number;
  encoded: Uint8Array;
}

export interface AppendOutcome {
  /** Records committed (acknowledge these to the client). */
  accepted: number;
  bytes: number;
  /** Records no stream reads: not stored, counted. */
  unrouted: number;
  /** Records that did not fit under drop-oldest (nothing older of this source to evict): counted per stream. */
  dropped: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

export type FullPolicy = 'block' | 'drop-oldest';

export interface BufferOptions {
  /** Stream ids that read a source (active or paused: both keep their data). */
  readersOf(sourceId: string): readonly string[];
  policyOf(sourceId: string): FullPolicy;
  capBytes(): number;
  now(): number;
  /** Records evicted under drop-oldest before a stream sent them. */
  onDropped(streamId: string, records: number, bytes: number): void;
}

/** The buffer is at its cap and the source's policy is `block`: push back. */
export class BufferFullError extends EngineError {
  constructor(readonly retryAfterMs: number) {
    super('unavailable', 'The buffer is full (its disk cap is reached); try again shortly.');
  }
}

// SQLite integers are signed 64-bit; a timestamp beyond that (year 2262) is
// stored as 0 ("unknown"), the record bytes still carry the original.
const maxInt64 = 2n ** 63n - 1n;
// Per-row overhead beyond the record bytes (row header, index entry), used to
// estimate growth between measurements of the real size.
const rowOverheadBytes = 48;

/**
 * The durable buffer (docs/buffer.md). Records are stored once per source;
 * each stream has a cursor; a record is deleted when every stream that reads
 * its source has passed it. A write returns only after its commit.
 */
export class RecordBuffer {
  readonly resources: BlobInterner;
  readonly scopes: BlobInterner;
  private readonly sourceKeys = new Map<string, number>();
  private readonly cursors = new Map<string, number>();
  /** Records in the buffer, kept in memory (counting rows each second would scan them all). */
  records = 0;
  private measuredBytes = 0;
  private fullSince: number | null = null;
  private growthSinceMeasure = 0;
  private readonly s: {
    insert: Statement;
    sourceKey: Statement<[string], { key: number }>;
    addSourceKey: Statement<[string]>;
    cursors: Statement<[], { stream_id: string; acked_seq: number }>;
    setCursor: Statement<[string, number]>;
    maxSeq: Statement<[], { seq: number }>;
    readOne: Statement;
    deleteUpTo: Statement<[number, number]>;
    deleteSource: Statement<[number]>;
    countRange: Statement<[number, number, number], { n: number; bytes: number | null }>;
    oldestOfSource: Statement<[number, number], { seq: number; n: number }>;
    pageCount: Statement<[], { page_count: number }>;
    freelist: Statement<[], { freelist_count: number }>;
    pageSize: Statement<[], { page_size: number }>;
    backlog: Statement<
      [number, number],
      { n: number; bytes: number | null; oldest: number | null }
    >;
    recordCount: Statement<[], { n: number }>;
    allSourceKeys: Statement<[], { key: number; source_id: string }>;
    oldestAfter: Statement<[number, number], { received_ms: number }>;
  };

  constructor(
    private readonly db: Database,
    private readonly options: BufferOptions,
  ) {
    this.resources = new BlobInterner(db, 'resources');
    this.scopes = new BlobInterner(db, 'scopes');
    this.s = {
      insert: db.prepare(
        'INSERT INTO records (source_key, resource_id, scope_id, time_unix_nano, severity_number, received_ms, encoded) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      sourceKey: db.prepare('SELECT key FROM source_keys WHERE source_id = ?'),
      addSourceKey: db.prepare('INSERT INTO source_keys (source_id) VALUES (?)'),
      cursors: db.prepare('SELECT stream_id, acked_seq FROM stream_cursors'),
      setCursor: db.prepare(
        'INSERT INTO stream_cursors (stream_id, acked_seq) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET acked_seq = excluded.acked_seq',
      ),
      maxSeq: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'records'"),
      readOne: db.prepare(
        'SELECT seq, source_key AS sourceKey, resource_id AS resourceId, scope_id AS scopeId, severity_number AS severityNumber, received_ms AS receivedMs, encoded FROM records WHERE source_key = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      deleteUpTo: db.prepare('DELETE FROM records WHERE source_key = ? AND seq <= ?'),
      deleteSource: db.prepare('DELETE FROM records WHERE source_key = ?'),
      countRange: db.prepare(
        'SELECT count(*) AS n, sum(length(encoded)) AS bytes FROM records WHERE source_key = ? AND seq > ? AND seq <= ?',
      ),
      oldestOfSource: db.prepare(
        'SELECT seq, length(encoded) AS n FROM records WHERE source_key = ? AND seq > ? ORDER BY seq LIMIT 1000',
      ),
      pageCount: db.prepare('PRAGMA page_count'),
      freelist: db.prepare('PRAGMA freelist_count'),
      pageSize: db.prepare('PRAGMA page_size'),
      backlog: db.prepare(
        'SELECT count(*) AS n, sum(length(encoded)) AS bytes, min(received_ms) AS oldest FROM records WHERE source_key = ? AND seq > ?',
      ),
      recordCount: db.prepare('SELECT count(*) AS n FROM records'),
      allSourceKeys: db.prepare('SELECT key, source_id FROM source_keys'),
      oldestAfter: db.prepare(
        'SELECT received_ms FROM records WHERE source_key = ? AND seq > ? ORDER BY seq LIMIT 1',
      ),
    };
    for (const row of this.s.cursors.all()) this.cursors.set(row.stream_id, row.acked_seq);
    this.records = this.recordCount();
    this.measure();
  }

  // --- sources --------------------------------------------------------------

  /** The small integer that stands for a source id in record rows. */
  sourceKey(sourceId: string): number {
    let key = this.sourceKeys.get(sourceId) ?? this.s.sourceKey.get(sourceId)?.key;
    if (key === undefined) key = Number(this.s.addSourceKey.run(sourceId).lastInsertRowid);
    this.sourceKeys.set(sourceId, key);
    return key;
  }

  // --- writing --------------------------------------------------------------

  /**
   * Stores every record of a received request for `sourceId`, in one
   * transaction. Throws BufferFullError when full under `block`.
   */
  append(
    sourceId: string,
    groups: readonly SplitResourceLogs[],
    /** Runs inside the same transaction (a file source saves its position here). */
    alsoInTransaction?: () => void,
  ): AppendOutcome {
    let count = 0;
    let bytes = 0;
    for (const g of groups) {
      for (const sc of g.scopes) {
        for (const r of sc.records) {
          count++;
          bytes += r.bytes.length;
        }
      }
    }
    const outcome: AppendOutcome = {
      accepted: 0,
      bytes: 0,
      unrouted: 0,
      dropped: 0,
      firstSeq: null,
      lastSeq: null,
    };
    if (count === 0) return outcome;
    if (this.options.readersOf(sourceId).length === 0) {
      outcome.unrouted = count;
      return outcome;
    }
    const growth = bytes + count * rowOverheadBytes;
    if (!this.makeRoom(sourceId, growth)) {
      for (const streamId of this.options.readersOf(sourceId))
        this.options.onDropped(streamId, count, bytes);
      outcome.dropped = count;
      return outcome;
    }

    const receivedMs = this.options.now();
    const insert = this.s.insert;
    try {
      this.db.transaction(() => {
        const key = this.sourceKey(sourceId);
        for (const g of groups) {
          for (const sc of g.scopes) {
            if (sc.records.length === 0) continue;
            // Interning needs the newest seq that uses the row: the next one
            // SQLite will hand out, plus this scope's record count.
            const nextSeq = this.maxSeq() + sc.records.length;
            const resourceId = this.resources.intern(g.resource, g.resourceSchemaUrl, nextSeq);
            const scopeId = this.scopes.intern(sc.scope, sc.scopeSchemaUrl, nextSeq);
            for (const r of sc.records) {
              const t = r.timeUnixNano <= maxInt64 ? r.timeUnixNano : 0n;
              const seq = Number(
                insert.run(key, resourceId, scopeId, t, r.severityNumber, receivedMs, r.bytes)
                  .lastInsertRowid,
              );
              outcome.firstSeq ??= seq;
              outcome.lastSeq = seq;
            }
          }
        }
        alsoInTransaction?.();
      })();
    } catch (err) {
      this.resources.forgetCache();
      this.scopes.forgetCache();
      throw err;
    }
    outcome.accepted = count;
    outcome.bytes = bytes;
    this.records += count;
    this.growthSinceMeasure += growth;
    return outcome;
  }

  /** The newest seq ever handed out (0 for a new buffer). */
  maxSeq(): number {
    return this.s.maxSeq.get()?.seq ?? 0;
  }

  // --- the disk cap ---------------------------------------------------------

  /** Re-reads the live size of the database (pages in use, not free pages). */
  measure(): number {
    const pages = this.s.pageCount.get()?.page_count ?? 0;
    const free = this.s.freelist.get()?.freelist_count ?? 0;
    const size = this.s.pageSize.get()?.page_size ?? 4096;
    this.measuredBytes = (pages - free) * size;
    this.growthSinceMeasure = 0;
    return this.measuredBytes;
  }

  usedBytes(): number {
    return this.measuredBytes + this.growthSinceMeasure;
  }

  /**
   * At the cap: writes are being refused (block) or evicting (drop-oldest).
   * It clears once use falls below 95% of the cap, so the flag does not
   * flicker with every write near the limit.
   */
  isFull(): boolean {
    if (this.fullSince === null) return false;
    if (this.usedBytes() < this.options.capBytes() * 0.95) this.fullSince = null;
    return this.fullSince !== null;
  }

  /**
   * Ensures `growth` more bytes fit under the cap. Under `block` throws
   * BufferFullError; under `drop-oldest` evicts this source's oldest records
   * and returns false if it had none to evict (the new records cannot fit).
   */
  private makeRoom(sourceId: string, growth: number): boolean {
    const cap = this.options.capBytes();
    if (this.usedBytes() + growth <= cap) return true;
    this.measure();
    if (this.measuredBytes + growth <= cap) return true;
    this.fullSince ??= this.options.now();
    if (this.options.policyOf(sourceId) === 'block') throw new BufferFullError(1_000);
    // Free a little more than needed so we do not evict on every write.
    const target = this.measuredBytes + growth - cap + Math.floor(cap * 0.01);
    const freed = this.evictOldest(sourceId, target);
    this.measure();
    return freed > 0;
  }

  /** Deletes the oldest records of a source until about `bytes` are freed; counts drops per stream. */
  evictOldest(sourceId: string, bytes: number): number {
    const key = this.sourceKey(sourceId);
    let freed = 0;
    let upTo = 0;
    let after = 0;
    while (freed < bytes) {
      const rows = this.s.oldestOfSource.all(key, after);
      if (rows.length === 0) break;
      for (const row of rows) {
        freed += row.n + rowOverheadBytes;
        upTo = row.seq;
        if (freed >= bytes) break;
      }
      after = upTo;
    }
    if (upTo === 0) return 0;
    this.db.transaction(() => {
      for (const streamId of this.options.readersOf(sourceId)) {
        const cursor = this.cursor(streamId);
        if (cursor >= upTo) continue;
        const lost = this.s.countRange.get(key, cursor, upTo);
        if (lost && lost.n > 0) this.options.onDropped(streamId, lost.n, lost.bytes ?? 0);
      }
      this.records -= this.s.deleteUpTo.run(key, upTo).changes;
    })();
    return freed;
  }

  // --- reading --------------------------------------------------------------

  /**
   * Records of `sourceIds` after `afterSeq`, in seq order, at most `limit`.
   * One index range scan per source, merged by seq.
   */
  read(sourceIds: readonly string[], afterSeq: number, limit: number): BufferRow[] {
    if (sourceIds.length === 1) {
      return this.s.readOne.all(this.sourceKey(sourceIds[0]!), afterSeq, limit) as BufferRow[];
    }
    const all: BufferRow[] = [];
    for (const id of sourceIds)
      all.push(...(this.s.readOne.all(this.sourceKey(id), afterSeq, limit) as BufferRow[]));
    all.sort((a, b) => a.seq - b.seq);
    return all.length > limit ? all.slice(0, limit) : all;
  }

  resource(id: number): InternedBlob {
    return this.resources.get(id);
  }

  scope(id: number): InternedBlob {
    return this.scopes.get(id);
  }

  // --- cursors --------------------------------------------------------------

  cursor(streamId: string): number {
    return this.cursors.get(streamId) ?? 0;
  }

  hasCursor(streamId: string): boolean {
    return this.cursors.has(streamId);
  }

  /** Call inside the transaction that records the destination's answer. */
  setCursor(streamId: string, seq: number): void {
    this.s.setCursor.run(streamId, seq);
    this.cursors.set(streamId, seq);
  }

  /** A new stream starts after everything already buffered. */
  startCursor(streamId: string): void {
    if (!this.hasCursor(streamId)) this.setCursor(streamId, this.maxSeq());
  }

  forgetCursor(streamId: string): void {
    this.cursors.delete(streamId);
  }

  /** Undelivered records of a stream, by source: for the backlog figures. */
  backlog(
    streamId: string,
    sourceIds: readonly string[],
  ): { records: number; bytes: number; oldestMs: number | null } {
    const cursor = this.cursor(streamId);
    let records = 0;
    let bytes = 0;
    let oldestMs: number | null = null;
    for (const id of sourceIds) {
      const row = this.s.backlog.get(this.sourceKey(id), cursor);
      if (!row) continue;
      records += row.n;
      bytes += row.bytes ?? 0;
      if (row.oldest !== null)
        oldestMs = oldestMs === null ? row.oldest : Math.min(oldestMs, row.oldest);
    }
    return { records, bytes, oldestMs };
  }

  /** When the oldest undelivered record of a stream arrived (an index seek per source). */
  backlogOldest(streamId: string, sourceIds: readonly string[]): number | null {
    const cursor = this.cursor(streamId);
    let oldest: number | null = null;
    for (const id of sourceIds) {
      const row = this.s.oldestAfter.get(this.sourceKey(id), cursor);
      if (row && (oldest === null || row.received_ms < oldest)) oldest = row.received_ms;
    }
    return oldest;
  }

  /**
   * Counts what deleting `streamId` would discard: its undelivered records
   * that no other stream still needs.
   */
  discardedIfRemoved(streamId: string, sourceIds: readonly string[]): number {
    const cursor = this.cursor(streamId);
    let total = 0;
    for (const id of sourceIds) {
      const others = this.options.readersOf(id).filter((s) => s !== streamId);
      const keep =
        others.length === 0
          ? Number.MAX_SAFE_INTEGER
          : Math.min(...others.map((s) => this.cursor(s)));
      if (keep <= cursor) continue;
      total += this.s.countRange.get(this.sourceKey(id), cursor, keep)?.n ?? 0;
    }
    return total;
  }

  // --- garbage collection ---------------------------------------------------

  /**
   * Deletes records every reader of their source has passed, and the records
   * of sources nobody reads any more. Returns the number of rows deleted.
   */
  collect(): number {
    let deleted = 0;
    this.db.transaction(() => {
      for (const { key, source_id } of this.s.allSourceKeys.all()) {
        const readers = this.options.readersOf(source_id);
        if (readers.length === 0) {
          deleted += this.s.deleteSource.run(key).changes;
          continue;
        }
        const upTo = Math.min(...readers.map((s) => this.cursor(s)));
        if (upTo > 0) deleted += this.s.deleteUpTo.run(key, upTo).changes;
      }
    })();
    this.records -= deleted;
    return deleted;
  }

  recordCount(): number {
    return this.s.recordCount.get()?.n ?? 0;
  }
}
