import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDataDir } from '../../../../src/main/engine/ensure-data-dir';
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
});
