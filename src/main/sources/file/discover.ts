import fg from 'fast-glob';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename } from 'node:path';

/** `~/x` is the user's home folder, as a shell would read it. */
export function expandHome(pattern: string): string {
  return pattern === '~' || pattern.startsWith('~/') ? homedir() + pattern.slice(1) : pattern;
}

/**
 * The files the source's paths and globs match now. A literal path is taken
 * as is (it may not exist yet); a glob is expanded with fast-glob, following
 * symbolic links and including dot files. Unreadable folders are skipped
 * rather than failing the whole scan.
 */
export async function discoverFiles(patterns: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const raw of patterns) {
    const pattern = expandHome(raw);
    // fast-glob wants forward slashes; on Windows a path's backslashes are separators.
    const globbable = process.platform === 'win32' ? fg.convertPathToPattern(pattern) : pattern;
    if (!fg.isDynamicPattern(globbable)) {
      found.add(pattern);
      continue;
    }
    const matches = await fg(globbable, {
      absolute: true,
      onlyFiles: true,
      dot: true,
      followSymbolicLinks: true,
      suppressErrors: true,
      unique: true,
    });
    for (const m of matches.sort()) found.add(m);
  }
  return [...found];
}

export interface FoundFile {
  path: string;
  name: string;
  /** `<dev>:<inode>`: the same file under any name. */
  identity: string;
  size: number;
  mtimeMs: number;
}

/** A path the source cannot use, and why, in words. */
export interface PathProblem {
  path: string;
  problem: string;
}

export function fileProblem(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied: give the user running Sluice read access to it.';
    case 'EMFILE':
    case 'ENFILE':
      return 'Too many open files: follow fewer files, or raise the open-file limit.';
    case 'EISDIR':
      return 'This is a folder: use a glob such as /path/*.log.';
    default:
      return (err as Error).message ?? String(err);
  }
}

/** stat() of a found path; null when it is missing or not a regular file. */
export async function statFound(path: string): Promise<FoundFile | PathProblem | null> {
  try {
    const s = await stat(path, { bigint: true });
    if (s.isDirectory()) return { path, problem: fileProblem({ code: 'EISDIR' }) };
    if (!s.isFile()) return null;
    return {
      path,
      name: basename(path),
      identity: `${s.dev}:${s.ino}`,
      size: Number(s.size),
      mtimeMs: Number(s.mtimeMs),
    };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? null : { path, problem: fileProblem(err) };
  }
}
