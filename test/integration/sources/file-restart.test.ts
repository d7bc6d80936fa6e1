import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/scripted-sender';
import { tempDir } from '../../support/temp-dir';
import { afterFilePolls } from './file-polls';
import {
  addSource,
  addStream,
  bufferedBodies,
  fastTiming,
  openHarness,
  type Harness,
  numbered,
  linesText as text,
} from './support';

/**
 * Restarts: the engine closes in the middle of a file (or with a partial
 * line, or while the file is rotated) and opens again on the same data
 * folder. A paused stream keeps every record in the buffer, where each line
 * must be exactly once.
 */

let h: Harness | null = null;
afterEach(async () => {
  await h?.engine.close();
  h = null;
});

// Small reads so a file takes many polls: the engine can be stopped half-way.
const slowTiming = {
  ...fastTiming,
  file: { ...fastTiming!.file, chunkBytes: 2_048, bytesPerPoll: 4_096 },
};

async function start(dataDir: string, paths: string[] | null) {
  h = openHarness({ dataDir, timing: slowTiming });
  if (!paths) return h.engine.listSources()[0]!.id;
  const source = await addSource(h.engine, {
    name: 'Files',
    settings: { kind: 'file', paths, startAt: 'beginning' },
  });
  await addStream(h.engine, [source.id], 'Paused', false);
  return source.id;
}

async function restart(dataDir: string) {
  await h!.engine.close();
  return start(dataDir, null);
}

describe('file tail: restarts', () => {
  it('neither loses nor repeats a line when stopped in the middle of a file', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'big.log');
    const all = numbered(1, 4_000);
    writeFileSync(file, text(all));
    let id = await start(dataDir, [file]);
    await eventually(() => expect(bufferedBodies(h!.engine, id).length).toBeGreaterThan(200));
    id = await restart(dataDir);
    const afterRestart = bufferedBodies(h!.engine, id).length;
    expect(afterRestart).toBeLessThan(all.length); // really stopped half-way
    appendFileSync(file, text(numbered(4_001, 4_010)));
    await eventually(() => expect(bufferedBodies(h!.engine, id)).toHaveLength(4_010), 20_000);
    expect(bufferedBodies(h!.engine, id)).toEqual(numbered(1, 4_010));
  });

  it('reads what was appended while stopped, and completes a partial line from before', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'app.log');
    writeFileSync(file, `${text(numbered(1, 2))}line 3 beg`);
    let id = await start(dataDir, [file]);
    await eventually(() => expect(bufferedBodies(h!.engine, id)).toEqual(numbered(1, 2)));
    await h!.engine.close();
    appendFileSync(file, `un\n${text(numbered(4, 5))}`);
    id = await start(dataDir, null);
    await eventually(() =>
      expect(bufferedBodies(h!.engine, id)).toEqual([
        ...numbered(1, 2),
        'line 3 begun',
        ...numbered(4, 5),
      ]),
    );
  });

  it('finishes a file rotated by rename while stopped, then reads the new one', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 2)));
    let id = await start(dataDir, [file]);
    await eventually(() => expect(bufferedBodies(h!.engine, id)).toEqual(numbered(1, 2)));
    await h!.engine.close();
    appendFileSync(file, text(numbered(3, 4)));
    renameSync(file, join(dir, 'app.log.1'));
    writeFileSync(file, text(numbered(5, 6)));
    id = await start(dataDir, null);
    await eventually(() => expect(bufferedBodies(h!.engine, id).sort()).toEqual(numbered(1, 6)));
    await afterFilePolls(h!.engine); // and no line a second time
    expect(bufferedBodies(h!.engine, id)).toHaveLength(6);
  });

  it('starts at the end only on its very first scan', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    writeFileSync(join(dir, 'a.log'), text(numbered(1, 2)));
    h = openHarness({ dataDir, timing: slowTiming });
    const source = await addSource(h.engine, {
      name: 'Files',
      settings: { kind: 'file', paths: [join(dir, '*.log')], startAt: 'end' },
    });
    await addStream(h.engine, [source.id], 'Paused', false);
    await h.engine.close();
    // Written while stopped: a new file and lines in the known one.
    writeFileSync(join(dir, 'b.log'), text(['b 1']));
    appendFileSync(join(dir, 'a.log'), text(numbered(3, 3)));
    const id = await start(dataDir, null);
    await eventually(() => expect(bufferedBodies(h!.engine, id).sort()).toEqual(['b 1', 'line 3']));
  });
});
