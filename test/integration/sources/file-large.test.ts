import { appendFileSync, truncateSync, writeFileSync } from 'node:fs';
import { appInternals } from '../../support/app-internals';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/scripted-sender';
import { tempDir } from '../../support/temp-dir';
import {
  addSource,
  addStream,
  bufferedBodies,
  fastTiming,
  openHarness,
  type Harness,
} from './support';

/**
 * Big files without writing gigabytes: a sparse file (ftruncate) is a
 * gigabyte-long hole that costs no disk, with real lines before and after.
 * What matters is bounded memory and exact offsets past 2^31 (and 2^32),
 * through a restart.
 */

let h: Harness | null = null;
afterEach(async () => {
  await h?.engine.close();
  h = null;
});

const GiB = 2 ** 30;

async function follow(
  dataDir: string,
  file: string,
  startAt: 'end' | 'beginning',
  maxRecordBytes?: number,
) {
  h = openHarness({ dataDir });
  const source = await addSource(h.engine, {
    name: 'Big',
    settings: {
      kind: 'file',
      paths: [file],
      startAt,
      ...(maxRecordBytes ? { maxRecordBytes } : {}),
    },
  });
  await addStream(h.engine, [source.id], 'Paused', false);
  return source.id;
}

/** Peak external (Buffer) memory, sampled every 10 ms, until `done` holds. */
async function peakBufferMemoryUntil(done: () => void, timeoutMs: number): Promise<number> {
  const start = process.memoryUsage().arrayBuffers;
  let peak = 0;
  // The sampling rate, not a wait: the waiting is `eventually`'s.
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - start);
  }, 10);
  try {
    await eventually(done, timeoutMs);
  } finally {
    clearInterval(sampler);
  }
  return peak;
}

describe('file tail: large files', () => {
  it('follows a 4.5 GB file from its end at offsets past 2^32, through a restart', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'huge.log');
    writeFileSync(file, 'head line\n');
    truncateSync(file, 4.5 * GiB); // sparse
    appendFileSync(file, 'already there\n');
    let id = await follow(dataDir, file, 'end');
    appendFileSync(file, 'after 1\nafter 2\n');
    await eventually(() => expect(bufferedBodies(h!.engine, id)).toEqual(['after 1', 'after 2']));
    const expectedOffset = 4.5 * GiB + 'already there\nafter 1\nafter 2\n'.length;
    expect(appInternals(h!.engine).sourceManager.runtime(id)!.files![0]!.offset).toBe(
      expectedOffset,
    );

    await h!.engine.close();
    appendFileSync(file, 'while stopped\n');
    h = openHarness({ dataDir, timing: fastTiming });
    id = h.engine.listSources()[0]!.id;
    await eventually(() =>
      expect(bufferedBodies(h!.engine, id)).toEqual(['after 1', 'after 2', 'while stopped']),
    );
    expect(appInternals(h.engine).sourceManager.runtime(id)!.files![0]!.offset).toBe(
      expectedOffset + 14,
    );
  });

  it('reads a 1 GiB file from its beginning in bounded memory', async () => {
    const file = join(tempDir(), 'gig.log');
    writeFileSync(file, 'first\n');
    truncateSync(file, GiB); // a gigabyte of NULs, as copy-truncate with a non-appending writer leaves
    appendFileSync(file, 'last\n');
    const id = await follow(tempDir(), file, 'beginning');
    const peak = await peakBufferMemoryUntil(
      () => expect(bufferedBodies(h!.engine, id)).toHaveLength(2),
      60_000,
    );
    expect(bufferedBodies(h!.engine, id)).toEqual(['first', 'last']);
    expect(appInternals(h!.engine).sourceManager.runtime(id)!.files![0]!.offset).toBe(GiB + 5);
    expect(peak).toBeLessThan(128 * 1024 * 1024); // the file is 1,024 MiB
  });

  it('keeps a 64 MiB line to the record size limit without holding it', async () => {
    const file = join(tempDir(), 'wide.log');
    writeFileSync(file, `${'x'.repeat(64 * 1024 * 1024)}\nnext\n`);
    const id = await follow(tempDir(), file, 'beginning', 1_024);
    const peak = await peakBufferMemoryUntil(
      () => expect(bufferedBodies(h!.engine, id)).toHaveLength(2),
      30_000,
    );
    expect(bufferedBodies(h!.engine, id)).toEqual(['x'.repeat(1_024), 'next']);
    expect(appInternals(h!.engine).sourceManager.runtime(id)!.totals.truncated).toBe(1);
    expect(peak).toBeLessThan(60 * 1024 * 1024); // the line is 64 MiB
  });
});
