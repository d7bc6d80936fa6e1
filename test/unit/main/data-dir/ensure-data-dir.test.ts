import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDataDir } from '../../../../src/main/data-dir/ensure-data-dir';
import { describeRepair } from '../../../../src/main/base/private-files';
import { tempDir } from '../../../support/temp-dir';

describe('ensureDataDir (real file system)', () => {
  it('creates a missing data folder, parents included', () => {
    const dir = join(tempDir(), 'a', 'b', 'Sluice');
    ensureDataDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    ensureDataDir(dir); // and an existing one is fine
  });

  it('creates the data folder private to this user (the buffer holds records before masking)', () => {
    const dir = join(tempDir(), 'Sluice');
    ensureDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('names the file that is in the way, and says what to do', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    for (const dir of [file, join(file, 'sub', 'deeper')]) {
      expect(() => ensureDataDir(dir)).toThrow(
        expect.objectContaining({
          code: 'unavailable',
          message: `The data folder ${dir} cannot be created: ${file} is a file, not a folder. Choose another data folder (--data-dir or SLUICE_DATA_DIR).`,
        }),
      );
    }
    expect(existsSync(join(file, 'logs'))).toBe(false);
  });

  // Modes are checked, not access: the tests run as root, who may read anything.
  const mode = (p: string) => statSync(p).mode & 0o777;

  it('creates a new data folder private (0700), parents included', () => {
    const dir = join(tempDir(), 'new', 'Sluice');
    expect(ensureDataDir(dir)).toEqual({ repaired: [], failed: [] });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, '..'))).toBe(0o700);
  });

  it('makes an existing folder private, its files and logs/ too, and says what it changed', () => {
    const dir = join(tempDir(), 'Sluice');
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const files = ['sluice.db', 'sluice.db-wal', 'sluice.db-shm', 'logs/sluice.log'];
    for (const f of files) writeFileSync(join(dir, f), 'x');
    writeFileSync(join(dir, 'control.json'), 'x', { mode: 0o600 });
    // Not Sluice's: an administrator's configuration file kept beside it.
    writeFileSync(join(dir, 'sluice.json'), '{}');
    for (const p of [dir, join(dir, 'logs')]) chmodSync(p, 0o755);
    for (const f of [...files, 'sluice.json']) chmodSync(join(dir, f), 0o644);
    chmodSync(join(dir, 'control.json'), 0o600);

    const repair = ensureDataDir(dir);
    expect(repair.failed).toEqual([]);
    expect([...repair.repaired].sort()).toEqual(
      [dir, join(dir, 'logs'), ...files.map((f) => join(dir, f))].sort(),
    );
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'logs'))).toBe(0o700);
    for (const f of files) expect(mode(join(dir, f)), f).toBe(0o600);
    expect(mode(join(dir, 'sluice.json'))).toBe(0o644);
    expect(describeRepair(dir, repair)).toMatch(/could be read by other users: made private/);
    // Once private, a second start has nothing to say.
    expect(describeRepair(dir, ensureDataDir(dir))).toBeNull();
  });
});
