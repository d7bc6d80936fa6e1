import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../base/errors';
import { makePrivateDir, privateFileMode } from '../base/private-files';

/** Whether a process with this id exists (EPERM: it does, but is another user's). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFilePath(dataDir: string): string {
  return join(dataDir, 'sluice.lock');
}

/**
 * Removes the lock if process `pid` holds it: for an exit path where the
 * engine could not close (the process is ending on an uncaught error), so
 * the next start does not have to find it stale.
 */
export function removeLockOf(dataDir: string, pid: number): void {
  const path = lockFilePath(dataDir);
  try {
    if (Number.parseInt(readFileSync(path, 'utf8'), 10) === pid) unlinkSync(path);
  } catch {
    // No lock, or already gone.
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Two engines must never open the same buffer. The lock is a file holding the
 * owner's pid, created exclusively; a lock whose process is gone is stale and
 * taken over. Within one process a second lock on the same folder also fails.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  makePrivateDir(dataDir);
  const path = lockFilePath(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', privateFileMode);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && attempt === 0) {
        throw new EngineError(
          'conflict',
          `Another Sluice (process ${pid}) is already using the data folder ${dataDir}. ` +
            'Close it first, or start this one with another --data-dir.',
        );
      }
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed the stale lock first; try again.
      }
    }
  }
  throw new EngineError('conflict', `Could not lock the data folder ${dataDir}; try again.`);
}
