import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../../../src/main/data-dir/data-dir-lock';
import { EngineError } from '../../../../src/main/base/errors';
import { tempDir } from '../../../support/temp-dir';

describe('lockDataDir', () => {
  it('refuses a second lock on the same folder while the first is held', () => {
    const dir = tempDir();
    const first = lockDataDir(dir);
    let err: unknown;
    try {
      lockDataDir(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toContain(`process ${process.pid}`);
    expect((err as EngineError).message).toContain('--data-dir');
    first.release();
    lockDataDir(dir).release();
  });

  it('takes over a stale lock left by a process that is gone', () => {
    const dir = tempDir();
    // Far above any pid_max: no such process can exist.
    writeFileSync(join(dir, 'sluice.lock'), '999999999');
    const lock = lockDataDir(dir);
    lock.release();
  });
});
