import type { Database, Statement } from 'better-sqlite3';
import { recordBytesOf, type RecordBatch } from '../../../shared/otlp/record-batch';
import { EngineError } from '../../base/errors';
import { DiskUsage } from './disk-usage';
import { BlobInterner, type InternedBlob } from './interner';
import type { Segment, SegmentGroup } from './segment-format';
import { planSegments, segmentRow, spanStoredBytes } from './segment-plan';
import { SegmentStore } from './segment-store';

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
  /**
   * The newest seq a stream has already taken into memory to send (0: none
   * beyond its cursor). Records up to there are sent from memory even if
   * evicted, so eviction does not count them as dropped.
   */
  inFlightUpTo(streamId: string): number;
  /** Records evicted under drop-oldest before a stream took them. */
  onDropped(streamId: string, records: number, bytes: number): void;
}

/** The buffer is at its cap and the source's policy is `block`: push back. */
export class BufferFullError extends EngineError {
  constructor(readonly retryAfterMs: number) {
    super('unavailable', 'The buffer is full (its disk cap is reached); try again shortly.');
  }
}

/**
 * The durable buffer (docs/buffer.md). A source's records are stored once, in
 * segments, however many streams read it; each stream has a cursor (a seq,
 * which can stand inside a segment); a segment is deleted when every stream
 * that reads its source has passed it. A write returns only after its commit.
 */
export class RecordBuffer {
  readonly resources: BlobInterner;
  readonly scopes: BlobInterner;
  private readonly segments: SegmentStore;
  private readonly disk: DiskUsage;
  private readonly sourceKeys = new Map<string, number>();
  private readonly cursors = new Map<string, number>();
  /** Records in the buffer, kept in memory (summing segments each second would scan them all). */
  records = 0;
  private handedOut: number;
  private measuredBytes = 0;
  private growthSinceMeasure = 0;
  /** What the buffer used when a write was last refused or evicted (null: not full). */
  private fullAt: number | null = null;
  private readonly s: {
    sourceKey: Statement<[string], { key: number }>;
    addSourceKey: Statement<[string]>;
    cursors: Statement<[], { stream_id: string; acked_seq: number }>;
    setCursor: Statement<[string, number]>;
    allSourceKeys: Statement<[], { key: number; source_id: string }>;
  };

  constructor(
    private readonly db: Database,
    private readonly options: BufferOptions,
  ) {
    this.resources = new BlobInterner(db, 'resources');
    this.scopes = new BlobInterner(db, 'scopes');
    this.segments = new SegmentStore(db);
    this.disk = new DiskUsage(db);
    this.s = {
      sourceKey: db.prepare('SELECT key FROM source_keys WHERE source_id = ?'),
      addSourceKey: db.prepare('INSERT INTO source_keys (source_id) VALUES (?)'),
      cursors: db.prepare('SELECT stream_id, acked_seq FROM stream_cursors'),
      setCursor: db.prepare(
        'INSERT INTO stream_cursors (stream_id, acked_seq) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET acked_seq = excluded.acked_seq',
      ),
      allSourceKeys: db.prepare('SELECT key, source_id FROM source_keys'),
    };
    for (const row of this.s.cursors.all()) this.cursors.set(row.stream_id, row.acked_seq);
    this.records = this.segments.totalRecords();
    this.handedOut = this.segments.handedOut();
    this.measure();
  }

  // --- sources --------------------------------------------------------------

  /** The small integer that stands for a source id in segment rows. */
  sourceKey(sourceId: string): number {
    let key = this.sourceKeys.get(sourceId) ?? this.s.sourceKey.get(sourceId)?.key;
    if (key === undefined) key = Number(this.s.addSourceKey.run(sourceId).lastInsertRowid);
    this.sourceKeys.set(sourceId, key);
    return key;
  }

  // --- writing --------------------------------------------------------------

  /**
   * Stores every record of a batch for `sourceId` in one transaction, as one
   * or more segments. Throws BufferFullError when full under `block`.
   */
  append(
    sourceId: string,
    batch: RecordBatch,
    /** Runs inside the same transaction (a file source saves its position here). */
    alsoInTransaction?: () => void,
  ): AppendOutcome {
    const count = batch.count;
    const outcome: AppendOutcome = {
      accepted: 0,
      bytes: 0,
      unrouted: 0,
      dropped: 0,
      firstSeq: null,
      lastSeq: null,
    };
    if (count === 0) return outcome;
    const bytes = recordBytesOf(batch);
    if (this.options.readersOf(sourceId).length === 0) {
      outcome.unrouted = count;
      return outcome;
    }
    const spans = planSegments(batch);
    let growth = 0;
    for (const span of spans) growth += spanStoredBytes(span, batch.groups.length);
    if (!this.makeRoom(sourceId, growth)) {
      for (const streamId of this.options.readersOf(sourceId))
        this.options.onDropped(streamId, count, bytes);
      outcome.dropped = count;
      return outcome;
    }

    const receivedMs = this.options.now();
    const firstSeq = this.handedOut + 1;
    try {
      this.db.transaction(() => {
        const key = this.sourceKey(sourceId);
        const interned = this.intern(batch, firstSeq + count - 1);
        let seq = this.handedOut;
        for (const span of spans) {
          seq += span.to - span.from;
          this.segments.insert(key, seq, receivedMs, segmentRow(batch, span, interned));
        }
        alsoInTransaction?.();
      })();
    } catch (err) {
      this.resources.forgetCache();
      this.scopes.forgetCache();
      throw err;
    }
    this.handedOut += count;
    outcome.accepted = count;
    outcome.bytes = bytes;
    outcome.firstSeq = firstSeq;
    outcome.lastSeq = this.handedOut;
    this.records += count;
    this.growthSinceMeasure += 2 * growth;
    return outcome;
  }

  /** Interned resource and scope ids for each group of the batch. */
  private intern(batch: RecordBatch, lastSeq: number): SegmentGroup[] {
    return batch.groups.map((g) => ({
      resourceId: this.resources.intern(g.resource, g.resourceSchemaUrl, lastSeq),
      scopeId: this.scopes.intern(g.scope, g.scopeSchemaUrl, lastSeq),
    }));
  }

  /** The newest seq ever handed out (0 for a new buffer). */
  maxSeq(): number {
    return this.handedOut;
  }

  // --- the disk cap ---------------------------------------------------------

  /** Re-reads what the buffer uses on disk (pages in use plus the WAL). */
  measure(): number {
    this.disk.tune(this.options.capBytes());
    this.measuredBytes = this.disk.measure();
    this.growthSinceMeasure = 0;
    return this.measuredBytes;
  }

  usedBytes(): number {
    return this.measuredBytes + this.growthSinceMeasure;
  }

  /**
   * At the cap: writes are being refused (block) or evicting (drop-oldest).
   * It clears once use has fallen 5% of the cap below where the last write
   * was turned away, so the flag does not flicker with every write near
   * the limit.
   */
  isFull(): boolean {
    if (this.fullAt === null) return false;
    if (this.usedBytes() < this.fullAt - this.options.capBytes() * 0.05) this.fullAt = null;
    return this.fullAt !== null;
  }

  /**
   * Ensures `growth` more bytes fit under the cap. Under `block` throws
   * BufferFullError; under `drop-oldest` evicts this source's oldest segments
   * and returns false if it had none to evict (the new records cannot fit).
   */
  private makeRoom(sourceId: string, growth: number): boolean {
    const cap = this.options.capBytes();
    // A write grows the database and, until the next checkpoint, the WAL by
    // about the same: both count against the cap.
    const cost = 2 * growth;
    // Within a tenth of the cap the estimate is not trusted: measure.
    if (this.usedBytes() + cost <= cap * 0.9) return true;
    this.measure();
    if (this.measuredBytes + cost <= cap) return true;
    this.fullAt = this.measuredBytes;
    if (this.options.policyOf(sourceId) === 'block') throw new BufferFullError(1_000);
    // Free a little more than needed so we do not evict on every write.
    const target = this.measuredBytes + cost - cap + Math.floor(cap * 0.01);
    const freed = this.evictOldest(sourceId, target);
    this.measure();
    return freed > 0;
  }

  /**
   * Deletes the oldest segments of a source until about `bytes` are freed;
   * each stream that had not taken their records counts them as dropped.
   */
  evictOldest(sourceId: string, bytes: number): number {
    const key = this.sourceKey(sourceId);
    let freed = 0;
    let upTo = 0;
    while (freed < bytes) {
      const rows = this.segments.oldest(key, upTo);
      if (rows.length === 0) break;
      for (const row of rows) {
        freed += row.size;
        upTo = row.last_seq;
        if (freed >= bytes) break;
      }
    }
    if (upTo === 0) return 0;
    this.db.transaction(() => {
      for (const streamId of this.options.readersOf(sourceId)) {
        const from = Math.max(this.cursor(streamId), this.options.inFlightUpTo(streamId));
        const lost = this.segments.range(key, from, upTo);
        if (lost.records > 0) this.options.onDropped(streamId, lost.records, lost.bytes);
      }
      this.records -= this.segments.deleteUpTo(key, upTo);
    })();
    return freed;
  }

  // --- reading --------------------------------------------------------------

  /**
   * Segments of `sourceIds` holding records after `afterSeq`, in seq order, at
   * most `limit`. One index range scan per source, merged by seq.
   */
  readSegments(sourceIds: readonly string[], afterSeq: number, limit: number): Segment[] {
    if (sourceIds.length === 1)
      return this.segments.read(this.sourceKey(sourceIds[0]!), afterSeq, limit);
    const all: Segment[] = [];
    for (const id of sourceIds)
      all.push(...this.segments.read(this.sourceKey(id), afterSeq, limit));
    all.sort((a, b) => a.lastSeq - b.lastSeq);
    return all.length > limit ? all.slice(0, limit) : all;
  }

  /**
   * Every record of `sourceIds` after `afterSeq`, in seq order, with its
   * interned resource and scope ids (for previews, tools and tests; the
   * exporter reads segments through its SegmentReader).
   */
  *storedRecords(
    sourceIds: readonly string[],
    afterSeq = 0,
  ): Generator<{ seq: number; bytes: Uint8Array; resourceId: number; scopeId: number }> {
    for (const s of this.readSegments(sourceIds, afterSeq, Number.MAX_SAFE_INTEGER)) {
      for (let i = 0; i < s.count; i++) {
        const seq = s.firstSeq + i;
        if (seq <= afterSeq) continue;
        const group = s.groups[s.index.group(i)]!;
        const offset = s.index.offset(i);
        yield {
          seq,
          bytes: s.payload.subarray(offset, offset + s.index.length(i)),
          resourceId: group.resourceId,
          scopeId: group.scopeId,
        };
      }
    }
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
      const b = this.segments.after(this.sourceKey(id), cursor);
      records += b.records;
      bytes += b.bytes;
      if (b.oldestReceivedMs !== null)
        oldestMs = oldestMs === null ? b.oldestReceivedMs : Math.min(oldestMs, b.oldestReceivedMs);
    }
    return { records, bytes, oldestMs };
  }

  /** When the oldest undelivered record of a stream arrived (an index seek per source). */
  backlogOldest(streamId: string, sourceIds: readonly string[]): number | null {
    const cursor = this.cursor(streamId);
    let oldest: number | null = null;
    for (const id of sourceIds) {
      const at = this.segments.firstReceivedAfter(this.sourceKey(id), cursor);
      if (at !== null && (oldest === null || at < oldest)) oldest = at;
    }
    return oldest;
  }

  /** The oldest record timestamp a stream has not passed (by segment), for the log-age checks. */
  backlogOldestTime(streamId: string, sourceIds: readonly string[]): number | null {
    const cursor = this.cursor(streamId);
    let oldest: number | null = null;
    for (const id of sourceIds) {
      const t = this.segments.oldestTimeAfter(this.sourceKey(id), cursor);
      if (t !== null && (oldest === null || t < oldest)) oldest = t;
    }
    return oldest;
  }

  /** A stream's backlog in the order it will be sent, segment by segment (for the log-age outlook). */
  backlogStretches(
    streamId: string,
    sourceIds: readonly string[],
  ): { records: number; oldestTimeMs: number }[] {
    const cursor = this.cursor(streamId);
    const all = sourceIds.flatMap((id) => this.segments.stretchesAfter(this.sourceKey(id), cursor));
    all.sort((a, b) => a.lastSeq - b.lastSeq);
    return all;
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
      total += this.segments.range(
        this.sourceKey(id),
        cursor,
        Math.min(keep, this.maxSeq()),
      ).records;
    }
    return total;
  }

  // --- garbage collection ---------------------------------------------------

  /**
   * Deletes segments every reader of their source has passed, and the
   * segments of sources nobody reads any more. Returns the records deleted.
   */
  collect(): number {
    let deleted = 0;
    this.db.transaction(() => {
      for (const { key, source_id } of this.s.allSourceKeys.all()) {
        const readers = this.options.readersOf(source_id);
        if (readers.length === 0) {
          deleted += this.segments.deleteSource(key);
          continue;
        }
        const upTo = Math.min(...readers.map((s) => this.cursor(s)));
        if (upTo > 0) deleted += this.segments.deleteUpTo(key, upTo);
      }
    })();
    this.records -= deleted;
    return deleted;
  }

  recordCount(): number {
    return this.segments.totalRecords();
  }
}
