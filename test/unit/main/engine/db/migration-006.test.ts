import { copyFileSync } from 'node:fs';
import { appInternals } from '../../../../support/app-internals';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../../../src/main/app/app';
import { decodeLogRecord, decodeResource } from '../../../../../src/shared/otlp';
import { openTestEngine } from '../../../../support/engine';
import { storedRecords } from '../../../../support/record-batches';
import { tempDir } from '../../../../support/temp-dir';

// test/fixtures/stores/README.md says how this store was written (the
// release before segments, schema 5) and what it holds.
const fixture = new URL('../../../../fixtures/stores/schema5-records.db', import.meta.url);
const ids = {
  a: 'e0ffabcd-4b69-4d3e-a15d-9c0e74bc7296',
  b: '24e63e1d-633e-44d3-b309-403e628fc6c4',
  readsBoth: '5dc2f2c9-61ef-48f5-9313-d27754aa09f5',
  readsA: 'ece11022-3e4f-4538-b2c1-b8f849085d76',
};

let engine: App | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

function openFixture(): App {
  const dataDir = tempDir();
  copyFileSync(fixture, join(dataDir, 'sluice.db'));
  engine = openTestEngine(undefined, dataDir).engine;
  return engine;
}

const numbers = (e: App, sources: string[], after: number) =>
  storedRecords(appInternals(e).pipeline.buffer, sources, after).map((r) => {
    const n = decodeLogRecord(r.bytes).attributes.find((a) => a.key === 'n')!.value;
    return n.kind === 'int' ? Number(n.value) : NaN;
  });

describe('migration 006: a store of the schema-5 release moves into segments', () => {
  it('keeps every record each stream had not passed, in order, with the same seqs', () => {
    const e = openFixture();
    const buffer = appInternals(e).pipeline.buffer;
    expect(buffer.cursor(ids.readsBoth)).toBe(9);
    expect(buffer.cursor(ids.readsA)).toBe(2);
    expect(buffer.maxSeq()).toBe(23);
    // Stream "reads A and B" passed seq 1-9: next are A n=6..9 (seq 10-13), B n=103..106 (14-17), A n=10..15 (18-23).
    expect(numbers(e, [ids.a, ids.b], 9)).toEqual([
      6, 7, 8, 9, 103, 104, 105, 106, 10, 11, 12, 13, 14, 15,
    ]);
    // Stream "reads A" passed seq 1-2 (A n=0,1).
    expect(numbers(e, [ids.a], 2)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const seqs = storedRecords(buffer, [ids.a, ids.b], 0).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(buffer.records).toBe(23);
  });

  it('keeps each record with its own resource, and the backlog figures', () => {
    const e = openFixture();
    const segment = appInternals(e).pipeline.buffer.readSegments([ids.b], 0, 10)[0]!;
    const resource = appInternals(e).pipeline.buffer.resource(segment.groups[0]!.resourceId);
    expect(decodeResource(resource.bytes).attributes[0]!.value).toEqual({
      kind: 'string',
      value: 'b1',
    });
    const runtimes = appInternals(e).pipeline.runtimes();
    expect(runtimes.find((r) => r.id === ids.readsBoth)!.backlogRecords).toBe(14);
    expect(runtimes.find((r) => r.id === ids.readsA)!.backlogRecords).toBe(14);
  });

  it('never hands out a seq again: new records continue after the old ones', () => {
    const e = openFixture();
    const outcome = appInternals(e).pipeline.ingestRequest(
      ids.a,
      new Uint8Array([0x0a, 0x04, 0x12, 0x02, 0x12, 0x00]),
    );
    expect(outcome).toMatchObject({ accepted: 1, firstSeq: 24, lastSeq: 24 });
  });
});
