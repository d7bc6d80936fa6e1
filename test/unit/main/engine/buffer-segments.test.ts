import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BufferOptions } from '../../../../src/main/engine/buffer/buffer';
import { segmentMaxPayloadBytes } from '../../../../src/main/engine/buffer/segment-plan';
import { indexExportRequest } from '../../../../src/shared/otlp';
import { numberedRequestBytes } from '../../../support/otlp-records';
import { openTestBuffer } from '../../../support/buffer';
import { storedRecords } from '../../../support/record-batches';

let db: Database | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

/** A buffer on a real SQLite file whose one source is read by the given streams. */
function buffer(streams: string[], options: Partial<BufferOptions> = {}) {
  const opened = openTestBuffer(streams, options);
  db = opened.db;
  return opened;
}

const rows = (d: Database) => d.prepare('SELECT count(*) FROM segments').pluck().get() as number;
const request = (from: number, count: number, body?: () => string) =>
  indexExportRequest(numberedRequestBytes(from, count, body ? { body } : {}));

describe('the buffer stores batches', () => {
  it('writes one row for a received request, with consecutive seqs', () => {
    const { b, db } = buffer(['s']);
    const outcome = b.append('src', request(1, 512));
    expect(outcome).toMatchObject({ accepted: 512, firstSeq: 1, lastSeq: 512 });
    expect(rows(db)).toBe(1);
    expect(b.append('src', request(513, 3))).toMatchObject({ firstSeq: 513, lastSeq: 515 });
    expect(rows(db)).toBe(2);
    expect(b.records).toBe(515);
  });

  it('cuts a request larger than a segment into several, never more than the limit each', () => {
    const { b, db } = buffer(['s']);
    const body = () => 'y'.repeat(100_000);
    b.append('src', request(1, 40, body));
    expect(rows(db)).toBeGreaterThanOrEqual(4);
    const sizes = db.prepare('SELECT length(payload) FROM segments').pluck().all() as number[];
    for (const size of sizes) expect(size).toBeLessThanOrEqual(segmentMaxPayloadBytes);
    expect(storedRecords(b, ['src']).map((r) => r.seq)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('lets a cursor stand inside a segment: the backlog counts from it, the segment stays until all pass it', () => {
    const { b, db } = buffer(['a', 'b']);
    b.append('src', request(1, 10));
    b.setCursor('a', 4);
    b.setCursor('b', 10);
    expect(b.backlog('a', ['src']).records).toBe(6);
    expect(b.backlog('b', ['src']).records).toBe(0);
    expect(storedRecords(b, ['src'], 4).map((r) => r.seq)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(b.collect()).toBe(0);
    expect(rows(db)).toBe(1);
    // Only a still needs seq 5-10: removing a would discard them.
    expect(b.discardedIfRemoved('a', ['src'])).toBe(6);
    b.setCursor('a', 10);
    expect(b.collect()).toBe(10);
    expect(rows(db)).toBe(0);
    expect(b.records).toBe(0);
  });

  it('counts exactly what removing a stream would discard, across segment boundaries', () => {
    const { b } = buffer(['a', 'b']);
    b.append('src', request(1, 10)); // seq 1-10
    b.append('src', request(11, 10)); // seq 11-20
    b.setCursor('a', 3);
    b.setCursor('b', 14);
    // a alone needs 4..14: 11 records; b still needs 15..20.
    expect(b.discardedIfRemoved('a', ['src'])).toBe(11);
    expect(b.discardedIfRemoved('b', ['src'])).toBe(0);
  });

  it('evicts whole segments under drop-oldest and counts only what a stream had not taken', () => {
    // The smallest cap Settings allows.
    const cap = 16 * 1024 * 1024;
    let taken = 0;
    const { b, dropped } = buffer(['s'], {
      policyOf: () => 'drop-oldest',
      capBytes: () => cap,
      inFlightUpTo: () => taken,
    });
    const body = () => 'z'.repeat(50_000);
    b.append('src', request(1, 10, body)); // seq 1-10, about 500 KB
    taken = 10; // the stream holds these in memory to send
    // Write until the first eviction (bounded: 16 MB is about 320 writes).
    for (let n = 11; dropped.length === 0 && n < 10_000; n += 10) {
      b.append('src', request(n, 10, body));
    }
    expect(dropped.length).toBeGreaterThan(0);
    const lost = dropped.reduce((n, d) => n + d.records, 0);
    // The oldest ten were taken: they are not counted dropped; what was evicted after them is.
    expect(lost % 10).toBe(0);
    expect(storedRecords(b, ['src'])[0]!.seq).toBeGreaterThan(10);
    expect(b.measure()).toBeLessThanOrEqual(cap);
  });

  it('counts the WAL against the cap, and overshoots it by at most one segment', () => {
    const cap = 16 * 1024 * 1024;
    const { b, db } = buffer(['s'], { capBytes: () => cap });
    const body = () => 'w'.repeat(60_000);
    let refused = false;
    let highest = 0;
    for (let n = 1; !refused && n < 100_000; n += 16) {
      try {
        b.append('src', request(n, 16, body));
      } catch {
        refused = true;
      }
      highest = Math.max(highest, b.measure());
    }
    expect(refused).toBe(true);
    expect(highest).toBeLessThanOrEqual(cap + segmentMaxPayloadBytes);
    // The WAL is part of what was measured, and kept small against the cap.
    const wal = db.pragma('journal_size_limit', { simple: true }) as number;
    expect(wal).toBeLessThanOrEqual(cap / 16);
  });
});
