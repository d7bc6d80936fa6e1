import { hostname } from 'node:os';
import type { FileSourceSettings, SourceFileRuntime } from '../../../shared/api/sources';
import { av, kv } from '../../../shared/otlp';
import { appVersion } from '../../base/version';
import type { SourceReport } from '../source-report';
import { ingestInto } from '../ingest';
import { msToNanos, ResourceGroup } from '../record-groups';
import { storageProblem, type RunningSource } from '../running-source';
import { fileProblem } from './discover';
import { FileTracker } from './file-tracker';
import { parseRecord } from './parse-record';
import type { FilePositions, IngestTarget } from '../../engine/ports';
import type { RawRecord } from './record-assembler';
import type { TailedFile } from './tailed-file';

export interface FileSourceTiming {
  /** How often files are looked for and read (stat polling, not fs.watch). */
  pollIntervalMs?: number;
  /**
   * How long an unfinished last line (or multi-line record) is held waiting
   * for more before it is stored as it is; also how long a rotated-away file
   * must stay quiet before it is let go.
   */
  quietFlushMs?: number;
  maxFiles?: number;
  chunkBytes?: number;
  /** Bytes read from one file per poll before the others get their turn. */
  bytesPerPoll?: number;
}

export interface FileSourceOptions extends FileSourceTiming {
  sourceId: string;
  settings: FileSourceSettings;
  target: IngestTarget;
  report: SourceReport;
  positions: FilePositions;
  now: () => number;
  /** A file the source cannot read (message) or can again (null): for the event log. */
  pathProblem(path: string, message: string | null): void;
}

type ReadOutcome = 'done' | 'more' | 'blocked';

/**
 * Follows files and globs: polls with stat (fs.watch misses events on
 * network and some container file systems), reads new bytes in chunks,
 * turns them into records and stores each chunk's records in one
 * transaction with the file's checkpoint. Nothing is read while no stream
 * reads the source or while the buffer is full: files wait at their
 * checkpoints. Memory stays bounded by the chunk size and the record size
 * limit, whatever the size of the files.
 */
export class FileSource implements RunningSource {
  private readonly tracker: FileTracker;
  private readonly group: ResourceGroup;
  private readonly pollMs: number;
  private readonly quietMs: number;
  private readonly chunkBytes: number;
  private readonly bytesPerPoll: number;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;
  private blockedUntil = 0;

  constructor(private readonly o: FileSourceOptions) {
    const s = o.settings;
    this.pollMs = o.pollIntervalMs ?? 500;
    this.quietMs = o.quietFlushMs ?? 5_000;
    this.chunkBytes = o.chunkBytes ?? 1024 * 1024;
    this.bytesPerPoll = o.bytesPerPoll ?? 64 * 1024 * 1024;
    this.tracker = new FileTracker({
      sourceId: o.sourceId,
      patterns: s.paths,
      startAt: s.startAt,
      positions: o.positions,
      now: o.now,
      maxFiles: o.maxFiles ?? 1_000,
      file: {
        maxRecordBytes: s.maxRecordBytes,
        multilineStart: s.multilineStart === null ? null : new RegExp(s.multilineStart),
      },
      flush: (t) => this.canRead() && this.store(t, t.flushPending()),
      pathProblem: o.pathProblem,
    });
    const resource = [kv('host.name', av.string(hostname()))];
    if (s.serviceName) resource.unshift(kv('service.name', av.string(s.serviceName)));
    this.group = new ResourceGroup(
      { attributes: resource, droppedAttributesCount: 0 },
      { name: 'sluice.file', version: appVersion, attributes: [], droppedAttributesCount: 0 },
    );
  }

  get report(): SourceReport {
    return this.o.report;
  }

  /** Finds the files (so `startAt: end` means "the end now"), then polls. */
  async start(): Promise<void> {
    await this.guard(() => this.tracker.scan());
    this.updateNote();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await this.tracker.closeAll();
  }

  readersChanged(): void {
    if (this.canRead() && this.timer && !this.stopped) this.schedule(0);
  }

  files(): SourceFileRuntime[] {
    const out: SourceFileRuntime[] = [...this.tracker.files.values()].map((t) => ({
      path: t.path,
      offset: t.committedOffset,
      size: t.size,
      problem: null,
    }));
    for (const [path, problem] of this.tracker.problems) {
      out.push({ path, offset: 0, size: 0, problem });
    }
    return out;
  }

  /** One poll: look for files, then read what is new in each. True when a file has more. */
  async pollOnce(): Promise<boolean> {
    await this.tracker.scan();
    let more = false;
    if (this.canRead()) {
      for (const t of [...this.tracker.files.values()]) {
        const r = await this.read(t);
        if (r === 'blocked') break;
        if (r === 'more') more = true;
        else if (t.detachedSince !== null) await this.maybeRelease(t);
      }
    }
    this.updateNote();
    return more;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.polling) return this.schedule(this.pollMs);
      let more = false;
      this.polling = this.guard(async () => {
        more = await this.pollOnce();
      }).finally(() => {
        this.polling = null;
        // Read on at once while a file has more than one poll's worth.
        this.schedule(more ? 0 : this.pollMs);
      });
    }, delay);
    this.timer.unref?.();
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      if (!this.o.report.hasProblem) return;
      this.o.report.setProblem(null);
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      this.o.report.setProblem(
        code.startsWith('SQLITE')
          ? storageProblem(err)
          : `Reading the files failed: ${fileProblem(err)}`,
      );
    }
  }

  private canRead(): boolean {
    return this.o.target.readersOf(this.o.sourceId).length > 0 && this.o.now() >= this.blockedUntil;
  }

  private async read(t: TailedFile): Promise<ReadOutcome> {
    let budget = this.bytesPerPoll;
    let grew = false;
    // Up to the size the last scan saw: a file that grew since is read on the next poll.
    while (budget > 0 && t.readOffset < t.size) {
      const got = await t.readChunk(Math.min(this.chunkBytes, budget, t.size - t.readOffset));
      if (!got) break;
      grew = true;
      budget -= got.chunk.length;
      const records = t.consume(got.chunk, got.start);
      if (records.length > 0 && !this.store(t, records)) return 'blocked';
      if (this.stopped) return 'done';
    }
    const now = this.o.now();
    if (grew) t.lastGrowthAt = now;
    else if (t.pending && now - t.lastGrowthAt >= this.quietMs) {
      if (!this.store(t, t.flushPending())) return 'blocked';
    }
    return budget <= 0 ? 'more' : 'done';
  }

  /** A rotated-away or deleted file is let go once read to its end and quiet. */
  private async maybeRelease(t: TailedFile): Promise<void> {
    const quiet = this.o.now() - t.lastGrowthAt >= this.quietMs;
    if (quiet && !t.pending && t.readOffset >= (await t.currentSize())) {
      await this.tracker.release(t, true);
    }
  }

  /**
   * Stores records read from `t` with its checkpoint, in one transaction.
   * When nothing could be stored (buffer full, or no stream reads the source
   * any more) the file goes back to its checkpoint and is read again later.
   */
  private store(t: TailedFile, records: RawRecord[]): boolean {
    if (records.length === 0) return true;
    const endOffset = records[records.length - 1]!.endOffset;
    const now = this.o.now();
    const observed = msToNanos(now);
    const origin = { path: t.path, name: t.name };
    const batch = this.group.batchFrom(records, (r) =>
      parseRecord(r, origin, this.o.settings, observed),
    );
    const position = t.position(endOffset);
    const save = () => this.o.positions.save(this.o.sourceId, position, now);
    let result;
    try {
      result = ingestInto(this.o.target, this.o.sourceId, batch, save);
    } catch (err) {
      t.rewind();
      throw err;
    }
    if (result.kind === 'full') {
      t.rewind();
      this.blockedUntil = now + result.retryAfterMs;
      this.o.report.full(0, result.retryAfterMs);
      return false;
    }
    const outcome = result.outcome;
    if (outcome.unrouted > 0) {
      t.rewind(); // no stream reads the source now: wait at the checkpoint
      return false;
    }
    // Records that did not fit under drop-oldest are counted; the file moves on past them.
    if (outcome.dropped > 0) save();
    t.committedOffset = endOffset;
    this.o.report.stored(outcome);
    this.o.report.truncated(records.filter((r) => r.truncatedBytes > 0).length);
    return true;
  }

  private updateNote(): void {
    const followed = this.tracker.files.size;
    const problems = this.tracker.problems.size;
    const parts: string[] = [];
    if (followed === 0 && problems === 0) {
      parts.push(
        `No file matches ${this.o.settings.paths.join(', ')} yet; files are picked up as they appear.`,
      );
    }
    if (problems > 0) {
      parts.push(
        `${problems} ${problems === 1 ? 'file cannot' : 'files cannot'} be read: see the file list.`,
      );
    }
    if (this.tracker.overLimit > 0) {
      parts.push(
        `${this.tracker.overLimit} more matching files are not followed (the limit is ${followed}).`,
      );
    }
    this.o.report.note = parts.length ? parts.join(' ') : null;
  }
}
