import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BufferFullError, type FullPolicy } from '../../../../../src/main/engine/buffer/buffer';
import {
  decodeLogRecord,
  decodeResource,
  indexExportRequest,
} from '../../../../../src/shared/otlp';
import { openTestBuffer } from '../../../../support/buffer';
import { numberedRequestBytes } from '../../../../support/otlp-records';
import { storedRecords } from '../../../../support/record-batches';

// The durable buffer on a real SQLite file (docs/buffer.md): what it keeps
// across a restart, what it refuses or drops at its cap, and what it stores
// once. Segments, cursors inside them and eviction are in buffer-segments.test.ts.

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function buffer(...args: Parameters<typeof openTestBuffer>) {
  const opened = openTestBuffer(...args);
  open.push(opened.db);
  return opened;
}

const request = (from: number, count: number, service?: string) =>
  indexExportRequest(numberedRequestBytes(from, count, service ? { service } : {}));
/** The `n` attribute of each record stored for `sources` after `afterSeq`. */
const numbersStored = (b: ReturnType<typeof buffer>['b'], sources: string[], afterSeq = 0) =>
  storedRecords(b, sources, afterSeq).map((r) => {
    const n = decodeLogRecord(r.bytes).attributes.find((a) => a.key === 'n')!.value;
    return n.kind === 'int' ? Number(n.value) : NaN;
  });

describe('the buffer across a restart', () => {
  it('keeps records, cursors and seqs when the file is opened again', () => {
    const first = buffer(['s']);
    first.b.append('src', request(1, 5));
    first.b.setCursor('s', 2);
    first.db.close();

    const again = buffer(['s'], {}, first.path);
    expect(again.b.records).toBe(5);
    expect(again.b.maxSeq()).toBe(5);
    expect(again.b.cursor('s')).toBe(2);
    expect(numbersStored(again.b, ['src'], 2)).toEqual([3, 4, 5]);
    expect(again.b.append('src', request(6, 1))).toMatchObject({ firstSeq: 6, lastSeq: 6 });
  });

  it('never hands out a seq twice, even once everything was delivered and deleted', () => {
    const first = buffer(['s']);
    first.b.append('src', request(1, 3));
    first.b.setCursor('s', 3);
    expect(first.b.collect()).toBe(3);
    first.db.close();

    // A seq at or below the cursor would be skipped by the stream: lost.
    const again = buffer(['s'], {}, first.path);
    expect(again.b.records).toBe(0);
    expect(again.b.append('src', request(4, 2))).toMatchObject({ firstSeq: 4, lastSeq: 5 });
    expect(numbersStored(again.b, ['src'], again.b.cursor('s'))).toEqual([4, 5]);
  });
});

describe('what the buffer does not store', () => {
  it('counts the records of a source no stream reads as unrouted, and stores none', () => {
    const { b } = buffer([]);
    expect(b.append('src', request(1, 3))).toEqual({
      accepted: 0,
      bytes: 0,
      unrouted: 3,
      dropped: 0,
      firstSeq: null,
      lastSeq: null,
    });
    expect(b.records).toBe(0);
    expect(b.maxSeq()).toBe(0);
  });

  // A cap of one byte: full from the first write.
  const cases: [FullPolicy, string][] = [
    ['block', 'refuses the write with a retry delay (the source pushes back)'],
    ['drop-oldest', 'drops the new records, counted for every reader, when nothing older can go'],
  ];
  it.each(cases)('at its cap under %s, %s; it stores nothing', (policy) => {
    const { b, dropped } = buffer(['a', 'b'], { capBytes: () => 1, policyOf: () => policy });
    if (policy === 'block') {
      const refused = (() => {
        try {
          b.append('src', request(1, 4));
        } catch (err) {
          return err;
        }
      })();
      expect(refused).toBeInstanceOf(BufferFullError);
      expect((refused as BufferFullError).retryAfterMs).toBeGreaterThan(0);
      expect(dropped).toEqual([]);
    } else {
      expect(b.append('src', request(1, 4))).toMatchObject({ accepted: 0, dropped: 4 });
      expect(dropped).toEqual([
        { stream: 'a', records: 4 },
        { stream: 'b', records: 4 },
      ]);
    }
    expect(b.isFull()).toBe(true);
    expect(b.records).toBe(0);
    expect(b.maxSeq()).toBe(0);
    expect(storedRecords(b, ['src'])).toEqual([]);
  });

  it('stores nothing when what must commit with the records fails (a file position)', () => {
    const { b } = buffer(['s']);
    expect(() =>
      b.append('src', request(1, 2), () => {
        throw new Error('the position could not be saved');
      }),
    ).toThrow('the position could not be saved');
    expect(b.records).toBe(0);
    expect(b.maxSeq()).toBe(0);
    // And the next write is whole, from the first seq.
    let saved = false;
    expect(b.append('src', request(1, 2), () => (saved = true))).toMatchObject({
      accepted: 2,
      firstSeq: 1,
    });
    expect(saved).toBe(true);
  });
});

describe('what the buffer stores once', () => {
  it('stores a resource and a scope once, however many requests carry them', () => {
    const { b, db } = buffer(['s']);
    b.append('src', request(1, 2, 'checkout'));
    b.append('src', request(3, 2, 'checkout'));
    b.append('src', request(5, 1, 'billing'));
    const count = (table: string) =>
      db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect(count('resources')).toBe(2);
    expect(count('scopes')).toBe(1);
    const ids = [...b.storedRecords(['src'])].map((r) => r.resourceId);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[4]).not.toBe(ids[0]);
    // Each record reads back with the resource it was sent with.
    const service = (id: number) => decodeResource(b.resource(id).bytes).attributes[0]?.value;
    expect(service(ids[0]!)).toEqual({ kind: 'string', value: 'checkout' });
    expect(service(ids[4]!)).toEqual({ kind: 'string', value: 'billing' });
  });

  it('merges several sources in seq order, and starts a new stream after what is there', () => {
    const { b } = buffer(['s', 'late']);
    b.append('a', request(1, 2));
    b.append('b', request(3, 1));
    b.append('a', request(4, 2));
    expect(numbersStored(b, ['a', 'b'])).toEqual([1, 2, 3, 4, 5]);
    expect(numbersStored(b, ['b', 'a'], 2)).toEqual([3, 4, 5]);
    b.startCursor('late');
    expect(b.cursor('late')).toBe(5);
    // A stream that has a cursor keeps it.
    b.setCursor('s', 1);
    b.startCursor('s');
    expect(b.cursor('s')).toBe(1);
  });
});

describe('collect', () => {
  const cases: [string, string[], Record<string, number>, number, number[]][] = [
    // what, readers, cursors, deleted, left (by `n`)
    ['nothing while a reader has passed nothing', ['a', 'b'], { a: 5, b: 0 }, 0, [1, 2, 3, 4, 5]],
    ['up to the slowest reader, by whole segment', ['a', 'b'], { a: 5, b: 2 }, 2, [3, 4, 5]],
    ['everything every reader has passed', ['a', 'b'], { a: 5, b: 5 }, 5, []],
    ['everything of a source nobody reads any more', [], {}, 5, []],
  ];
  it.each(cases)('deletes %s', (_what, readers, cursors, deleted, left) => {
    let reading = ['a', 'b'];
    const { b } = buffer(['a', 'b'], { readersOf: () => reading });
    b.append('src', request(1, 2)); // one segment: seq 1-2
    b.append('src', request(3, 3)); // another: seq 3-5
    for (const [stream, seq] of Object.entries(cursors)) b.setCursor(stream, seq);
    reading = readers;
    expect(b.collect()).toBe(deleted);
    expect(b.records).toBe(5 - deleted);
    expect(numbersStored(b, ['src'])).toEqual(left);
  });
});
