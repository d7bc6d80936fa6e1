import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds buffered application logs, dead-lettered response
 * bodies and the control endpoint's token: only its owner may read it.
 * Everything Sluice creates there is created private (folders 0700, files
 * 0600), whatever the umask, and an existing folder is repaired at start.
 */
export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

// Windows has no such modes (access is by ACL, private to the user by default).
const hasModes = process.platform !== 'win32';

/** mkdir -p with 0700 (parents it creates too). */
export function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: privateDirMode });
}

export interface ModeRepair {
  /** Paths whose mode let other users in, now private. */
  repaired: string[];
  /** Paths that could not be changed (another user's file), with why. */
  failed: { path: string; reason: string }[];
}

/**
 * What Sluice keeps in the data folder: the buffer and its -wal, -shm and
 * moved-aside copies, the lock, control.json, logs/. Anything else there
 * (a configuration file an administrator keeps beside it) is theirs.
 */
const ownEntry = /^(sluice\.db|sluice\.lock|control\.json|logs$)/;

/**
 * Takes group and other permissions away from the data folder and what
 * Sluice keeps in it (logs/ and its files included). Symbolic links are
 * left alone (chmod would follow them out).
 */
export function repairDataDirModes(dataDir: string): ModeRepair {
  const result: ModeRepair = { repaired: [], failed: [] };
  if (!hasModes) return result;
  const visit = (path: string, depth: number): void => {
    let st;
    try {
      st = statSync(path, { throwIfNoEntry: false });
    } catch {
      return;
    }
    if (!st || st.isSymbolicLink()) return;
    const dir = st.isDirectory();
    if (!dir && !st.isFile()) return;
    if ((st.mode & 0o077) !== 0) {
      try {
        chmodSync(path, dir ? privateDirMode : privateFileMode);
        result.repaired.push(path);
      } catch (err) {
        result.failed.push({ path, reason: (err as Error).message });
      }
    }
    if (dir && depth < 2) {
      for (const name of readdirSync(path)) {
        if (depth === 0 && !ownEntry.test(name)) continue;
        visit(join(path, name), depth + 1);
      }
    }
  };
  visit(dataDir, 0);
  return result;
}

/** One sentence for the log and the command line; null when there was nothing to repair. */
export function describeRepair(dataDir: string, r: ModeRepair): string | null {
  const lines: string[] = [];
  if (r.repaired.length > 0) {
    lines.push(
      `The data folder ${dataDir} could be read by other users: made private (folders 0700, files 0600): ${r.repaired.join(', ')}.`,
    );
  }
  for (const f of r.failed) {
    lines.push(`Could not make ${f.path} private (${f.reason}): change its owner or mode by hand.`);
  }
  return lines.length > 0 ? lines.join('\n') : null;
}
