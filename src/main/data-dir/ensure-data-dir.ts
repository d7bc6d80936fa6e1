import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { EngineError } from '../base/errors';
import { makePrivateDir, repairDataDirModes, type ModeRepair } from '../base/private-files';

const where = '--data-dir or SLUICE_DATA_DIR';

/** The nearest part of `path` that exists: what is in the way when it is a file. */
function firstExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/** Why a folder cannot be the data folder, in words an administrator can act on. */
function explain(dataDir: string, err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `The data folder ${dataDir} cannot be created: ${firstExisting(dataDir)} is a file, not a folder. Choose another data folder (${where}).`;
    case 'EACCES':
    case 'EPERM':
      return `Sluice may not write to the data folder ${dataDir} (permission denied). Choose a folder this user can write (${where}), or change its permissions.`;
    case 'EROFS':
      return `The data folder ${dataDir} is on a read-only file system. Choose a writable folder (${where}).`;
    case 'ENOSPC':
      return `The disk holding the data folder ${dataDir} is full. Free some space, or choose a folder on another disk (${where}).`;
    default:
      return `The data folder ${dataDir} cannot be used: ${err.message}. Choose another data folder (${where}).`;
  }
}

/**
 * Creates the data folder if needed (private: 0700) and checks that it can
 * be written, before anything (the log, the lock, the database) is put
 * there, so a bad path gets one clear message instead of the first file
 * operation's error code. An existing folder that other users could read is
 * made private; the answer says what was changed, for the caller to tell.
 */
export function ensureDataDir(dataDir: string): ModeRepair {
  try {
    // Only this user may enter the folder: the buffer keeps records as
    // received, before any stream's masking rules (docs/processing.md).
    makePrivateDir(dataDir);
    accessSync(dataDir, constants.W_OK | constants.X_OK);
    return repairDataDirModes(dataDir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code !== 'string') throw err;
    throw new EngineError('unavailable', explain(dataDir, e));
  }
}
