import { open, readdir, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { discoverFiles, fileProblem, statFound, type FoundFile } from './discover';
import {
  checkFingerprint,
  fingerprintMaxBytes,
  fingerprintOf,
  headMatches,
  readHead,
  takeFingerprint,
  type Fingerprint,
} from './fingerprint';
import type { FilePosition, FilePositions } from '../../engine/ports';
import { TailedFile, type TailedFileOptions } from './tailed-file';

export interface FileTrackerOptions {
  sourceId: string;
  patterns: readonly string[];
  startAt: 'end' | 'beginning';
  positions: FilePositions;
  now: () => number;
  maxFiles: number;
  file: TailedFileOptions;
  /** Stores what a file holds before it starts over; false when that was not possible. */
  flush(file: TailedFile): boolean;
  /** A path became unusable (message) or usable again (null). */
  pathProblem(path: string, message: string | null): void;
}

// How long a truncated file's old fingerprint is remembered, to recognise its copy.
const resetMemoryMs = 60_000;
// Entries looked at per folder when searching for a file rotated while we were stopped.
const maxFolderEntries = 2_000;

/**
 * Which files a file source follows, as files come, go, are renamed,
 * truncated and copied. A file is known by `<dev>:<inode>` (so a rename is
 * not a new file) and checked by its fingerprint (so truncation, a reused
 * inode, or a copy made by copy-truncate is recognised):
 *
 * - a known file found under another name: same file, new path;
 * - a known file under no path any more (renamed away or deleted): still
 *   read through its open handle until drained and quiet, then let go;
 * - a known file now shorter than what was read, or starting with other
 *   bytes: truncated or replaced: what it held is stored, reading restarts
 *   at 0;
 * - a new file whose first bytes are those of a file being followed (or
 *   just truncated): a copy, read from where the original was;
 * - any other new file: from its beginning, except on the source's very
 *   first scan, where `startAt` decides;
 * - a checkpoint from an earlier run: resumed, also when the file was
 *   renamed beside itself while Sluice was stopped.
 */
export class FileTracker {
  readonly files = new Map<string, TailedFile>();
  problems = new Map<string, string>();
  /** Files matched beyond the limit, not followed. */
  overLimit = 0;
  private readonly stored: Map<string, FilePosition>;
  private firstScan: boolean;
  private restoredSearched = false;
  private recentResets: { fingerprint: Fingerprint; offset: number; at: number }[] = [];

  constructor(private readonly o: FileTrackerOptions) {
    this.stored = new Map(o.positions.load(o.sourceId).map((p) => [p.identity, p]));
    this.firstScan = !o.positions.wasScanned(o.sourceId);
  }

  async scan(): Promise<void> {
    const now = this.o.now();
    const seen = new Map<string, FoundFile>();
    const problems = new Map<string, string>();
    for (const path of await discoverFiles(this.o.patterns)) {
      const f = await statFound(path);
      if (!f) continue;
      if ('problem' in f) problems.set(path, f.problem);
      else if (!seen.has(f.identity)) seen.set(f.identity, f);
    }
    for (const t of this.files.values()) {
      const f = seen.get(t.identity);
      seen.delete(t.identity);
      if (f) {
        t.path = f.path;
        t.name = f.name;
        t.detachedSince = null;
        await this.checkInPlace(t, f, now);
      } else {
        t.detachedSince ??= now;
        t.size = await t.currentSize().catch(() => t.size);
      }
    }
    if (!this.restoredSearched) {
      this.restoredSearched = true;
      await this.resumeRotatedWhileStopped(seen, now);
    }
    this.overLimit = 0;
    for (const f of seen.values()) {
      if (this.files.size >= this.o.maxFiles) {
        this.overLimit++;
        continue;
      }
      try {
        await this.follow(f, now);
      } catch (err) {
        problems.set(f.path, fileProblem(err));
      }
    }
    for (const [path, message] of problems) {
      if (this.problems.get(path) !== message) this.o.pathProblem(path, message);
    }
    for (const path of this.problems.keys()) {
      if (!problems.has(path)) this.o.pathProblem(path, null);
    }
    this.problems = problems;
    if (this.firstScan) {
      this.o.positions.markScanned(this.o.sourceId, now);
      this.firstScan = false;
    }
    this.recentResets = this.recentResets.filter((r) => now - r.at < resetMemoryMs);
  }

  private async checkInPlace(t: TailedFile, f: FoundFile, now: number): Promise<void> {
    if (f.size < t.readOffset) return this.startOver(t, f, now);
    if (f.size !== t.size || f.mtimeMs !== t.mtimeMs) {
      const check = await checkFingerprint(t.fileHandle, t.fingerprint, f.size);
      if (!check.matches) return this.startOver(t, f, now);
      t.fingerprint = check.fingerprint;
    }
    t.size = f.size;
    t.mtimeMs = f.mtimeMs;
  }

  /** Truncated or replaced in place: store what was held, remember the old bytes, read from 0. */
  private async startOver(t: TailedFile, f: FoundFile, now: number): Promise<void> {
    this.o.flush(t);
    this.recentResets.push({ fingerprint: t.fingerprint, offset: t.committedOffset, at: now });
    t.restartAt(0, await takeFingerprint(t.fileHandle, f.size), now);
    t.size = f.size;
    t.mtimeMs = f.mtimeMs;
    this.o.positions.save(this.o.sourceId, t.position(), now);
  }

  private async follow(f: FoundFile, now: number): Promise<void> {
    const handle = await open(f.path, 'r');
    try {
      const head = await readHead(handle, Math.min(f.size, fingerprintMaxBytes));
      const stored = this.stored.get(f.identity);
      this.stored.delete(f.identity);
      let offset: number;
      if (stored && headMatches(head, stored.fingerprint) && stored.offset <= f.size) {
        offset = stored.offset;
      } else if (this.firstScan && !stored) {
        offset = this.o.startAt === 'end' ? f.size : 0;
      } else {
        offset = this.copyOffset(head, f.size) ?? 0;
      }
      this.adopt(handle, f, offset, fingerprintOf(head), now);
    } catch (err) {
      await handle.close().catch(() => {});
      throw err;
    }
  }

  private adopt(
    handle: FileHandle,
    f: FoundFile,
    offset: number,
    fingerprint: Fingerprint,
    now: number,
  ): TailedFile {
    const t = TailedFile.adopt(handle, f, { offset, fingerprint }, now, this.o.file);
    t.mtimeMs = f.mtimeMs;
    this.files.set(t.identity, t);
    // The checkpoint a restart resumes from, even before any record is read.
    this.o.positions.save(this.o.sourceId, t.position(), now);
    return t;
  }

  /** A new file that starts like one we read (a copy-truncate copy): where that one was. */
  private copyOffset(head: Buffer, size: number): number | null {
    for (const r of this.recentResets) {
      if (r.fingerprint.length > 0 && r.offset > 0 && headMatches(head, r.fingerprint)) {
        return Math.min(r.offset, size);
      }
    }
    for (const t of this.files.values()) {
      if (t.fingerprint.length > 0 && t.readOffset > 0 && headMatches(head, t.fingerprint)) {
        return Math.min(t.readOffset, size);
      }
    }
    return null;
  }

  /**
   * Checkpoints of files no path leads to any more: rotated (renamed beside
   * themselves) while Sluice was stopped, their unread end is read from the
   * new name; checkpoints of files that are gone are dropped.
   */
  private async resumeRotatedWhileStopped(
    seen: Map<string, FoundFile>,
    now: number,
  ): Promise<void> {
    for (const p of this.stored.values()) {
      if (seen.has(p.identity) || this.files.has(p.identity)) continue;
      this.stored.delete(p.identity);
      const found = await findByIdentity(dirname(p.path), p.identity);
      if (found && found.size >= p.offset) {
        try {
          const handle = await open(found.path, 'r');
          const head = await readHead(handle, Math.min(found.size, fingerprintMaxBytes));
          if (headMatches(head, p.fingerprint)) {
            this.adopt(handle, found, p.offset, p.fingerprint, now).detachedSince = now;
            continue;
          }
          await handle.close();
        } catch {
          // Unreadable: treated as gone.
        }
      }
      this.o.positions.forget(this.o.sourceId, p.identity);
    }
  }

  /** Stops following a file (drained after a rotation, or the source stops). */
  async release(t: TailedFile, forget: boolean): Promise<void> {
    this.files.delete(t.identity);
    if (forget) this.o.positions.forget(this.o.sourceId, t.identity);
    await t.close();
  }

  async closeAll(): Promise<void> {
    for (const t of [...this.files.values()]) await this.release(t, false);
  }
}

async function findByIdentity(folder: string, identity: string): Promise<FoundFile | null> {
  let names: string[];
  try {
    names = (await readdir(folder)).slice(0, maxFolderEntries);
  } catch {
    return null;
  }
  for (const name of names) {
    const f = await statFound(join(folder, name));
    if (f && !('problem' in f) && f.identity === identity) return f;
  }
  return null;
}
