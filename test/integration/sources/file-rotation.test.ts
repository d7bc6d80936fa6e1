import {
  appendFileSync,
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { tempDir } from '../../support/temp-dir';
import { afterFilePolls } from './file-polls';
import {
  addFileSource,
  expectDeliveredOnce,
  linesText as text,
  numbered,
  openHarness,
  type Harness,
} from './support';

/** Rotation, truncation, deletion: every line is delivered exactly once. */

let h: Harness | null = null;
afterEach(async () => {
  await h?.engine.close();
  h = null;
});

async function follow(paths: string[]) {
  h = openHarness();
  return addFileSource(h.engine, { paths });
}

describe('file tail: rotation and truncation', () => {
  it('survives rotation by rename: the old file is read to its end, the new one from its start', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 3)));
    await follow([file]);
    await expectDeliveredOnce(h!, numbered(1, 3));
    renameSync(file, join(dir, 'app.log.1'));
    appendFileSync(join(dir, 'app.log.1'), text(numbered(4, 5))); // the writer had it open
    writeFileSync(file, text(numbered(6, 8)));
    await expectDeliveredOnce(h!, numbered(1, 8));
  });

  it('does not read a renamed file twice when the glob matches its new name too', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 3)));
    await follow([join(dir, 'app.log*')]);
    await expectDeliveredOnce(h!, numbered(1, 3));
    renameSync(file, join(dir, 'app.log.1'));
    writeFileSync(file, text(numbered(4, 5)));
    await expectDeliveredOnce(h!, numbered(1, 5));
  });

  it('survives copy-truncate, reading the copy where the original was (copy and truncate seen together)', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 3)));
    await follow([join(dir, 'app.log*')]);
    await expectDeliveredOnce(h!, numbered(1, 3));
    appendFileSync(file, text(numbered(4, 4))); // written just before the rotation
    copyFileSync(file, join(dir, 'app.log.1'));
    truncateSync(file, 0);
    appendFileSync(file, text(numbered(5, 6)));
    await expectDeliveredOnce(h!, numbered(1, 6));
  });

  it('survives copy-truncate when the copy is seen before the truncation', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 3)));
    await follow([join(dir, 'app.log*')]);
    await expectDeliveredOnce(h!, numbered(1, 3));
    copyFileSync(file, join(dir, 'app.log.1'));
    await afterFilePolls(h!.engine, 3); // several polls see the copy beside the untruncated original
    truncateSync(file, 0);
    appendFileSync(file, text(numbered(4, 5)));
    await expectDeliveredOnce(h!, numbered(1, 5));
  });

  it('survives copy-truncate when only the original is followed', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 3)));
    await follow([file]);
    await expectDeliveredOnce(h!, numbered(1, 3));
    copyFileSync(file, join(dir, 'app.log.1'));
    truncateSync(file, 0);
    appendFileSync(file, text(numbered(4, 5)));
    await expectDeliveredOnce(h!, numbered(1, 5));
  });

  it('reads a truncated file from its start, skipping the NUL padding a non-appending writer leaves', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 3)));
    await follow([file]);
    await expectDeliveredOnce(h!, numbered(1, 3));
    truncateSync(file, 0);
    // The writer keeps its old offset: the file is a hole of NULs, then its next line.
    const fd = openSync(file, 'r+');
    writeSync(fd, 'line 4\n', Buffer.byteLength(text(numbered(1, 3))));
    closeSync(fd);
    await expectDeliveredOnce(h!, numbered(1, 4));
  });

  it('survives truncation to a shorter content that then grows past the old offset', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 3)));
    await follow([file]);
    await expectDeliveredOnce(h!, numbered(1, 3));
    // Replaced in place before a poll saw it shorter: the first bytes differ.
    writeFileSync(file, text(['other 1', 'other 2', 'other 3', 'other 4']));
    await expectDeliveredOnce(h!, [...numbered(1, 3), 'other 1', 'other 2', 'other 3', 'other 4']);
  });

  it('survives deletion and re-creation', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.log');
    writeFileSync(file, text(numbered(1, 2)));
    await follow([file]);
    await expectDeliveredOnce(h!, numbered(1, 2));
    rmSync(file);
    await afterFilePolls(h!.engine); // a poll sees the file gone
    writeFileSync(file, text(numbered(3, 4)));
    await expectDeliveredOnce(h!, numbered(1, 4));
  });

  it('reads files that appear later from their beginning, even when starting at the end', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.log'), text(numbered(1, 2)));
    h = openHarness();
    await addFileSource(h.engine, {
      paths: [join(dir, 'new', '*.log'), join(dir, '*.log')],
      startAt: 'end',
    });
    await afterFilePolls(h.engine); // polls see the folders as they were: what follows appears later
    mkdirSync(join(dir, 'new'));
    writeFileSync(join(dir, 'new', 'later.log'), text(numbered(3, 4)));
    writeFileSync(join(dir, 'another.log'), text(numbered(5, 5)));
    appendFileSync(join(dir, 'old.log'), text(numbered(6, 6)));
    await expectDeliveredOnce(h, numbered(3, 6));
  });
});
