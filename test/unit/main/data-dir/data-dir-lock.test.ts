import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

  // Far above any pid_max: no such process can exist. The others name no process at all.
  const staleLocks = [
    ['a process that is gone', '999999999'],
    ['an empty file', ''],
    ['something that is not a process id', 'not a pid'],
  ];
  it.each(staleLocks)('takes over a stale lock holding %s, and holds it', (_what, content) => {
    const dir = tempDir();
    const path = join(dir, 'sluice.lock');
    writeFileSync(path, content);
    const lock = lockDataDir(dir);
    // The lock now names this process, so a second opener is refused and told who holds it.
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(`process ${process.pid}`);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('does not take over the lock of a process that is alive', () => {
    const dir = tempDir();
    const path = join(dir, 'sluice.lock');
    // The parent of this test process is alive for as long as the test runs.
    writeFileSync(path, String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(`process ${process.ppid}`);
    expect(readFileSync(path, 'utf8')).toBe(String(process.ppid));
  });
});
