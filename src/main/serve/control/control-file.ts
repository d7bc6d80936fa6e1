import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../data-dir/data-dir-lock';

/**
 * `<dataDir>/control.json`: how commands reach the instance that owns a
 * data folder (docs/config.md, "The control endpoint"). Readable by its
 * owner only: the token in it is as good as the instance's keys.
 */
export interface ControlInfo {
  /** ws://127.0.0.1:PORT/api */
  url: string;
  token: string;
  pid: number;
}

export function controlFilePath(dataDir: string): string {
  return join(dataDir, 'control.json');
}

/** Written whole (a temporary file renamed over it), mode 0600 from the start. */
export function writeControlFile(dataDir: string, info: ControlInfo): void {
  const path = controlFilePath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(info)}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

function parse(text: string): ControlInfo | null {
  try {
    const v = JSON.parse(text) as Partial<ControlInfo>;
    if (typeof v.url !== 'string' || !/^ws:\/\/127\.0\.0\.1:\d+\/api$/.test(v.url)) return null;
    if (typeof v.token !== 'string' || v.token === '') return null;
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0) return null;
    return { url: v.url, token: v.token, pid: v.pid };
  } catch {
    return null;
  }
}

/**
 * The running instance's endpoint, or null: no file, a file whose process
 * is gone (a crash left it behind), or one this user does not own (another
 * user could otherwise point our commands, and any secret they carry, at a
 * server of theirs).
 */
export function readControlFile(dataDir: string): ControlInfo | null {
  const path = controlFilePath(dataDir);
  let text: string;
  try {
    const st = statSync(path);
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return null;
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const info = parse(text);
  return info && isProcessAlive(info.pid) ? info : null;
}

/** Removes the file if `mine` says it is this instance's (a newer one may have replaced it). */
function removeIf(dataDir: string, mine: (info: ControlInfo | null) => boolean): void {
  const path = controlFilePath(dataDir);
  try {
    if (!mine(parse(readFileSync(path, 'utf8')))) return;
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Removes the file if it is still ours, by its token: a clean stop. */
export function removeControlFile(dataDir: string, token: string): void {
  removeIf(dataDir, (info) => info?.token === token);
}

/**
 * Removes the file if process `pid` wrote it: for an exit path where the
 * instance could not stop cleanly (an uncaught error ends the process).
 */
export function removeControlFileOf(dataDir: string, pid: number): void {
  removeIf(dataDir, (info) => info?.pid === pid);
}
