import type { FileHandle } from 'node:fs/promises';
import type { Fingerprint } from './fingerprint';
import { LineSplitter } from './line-splitter';
import type { FilePosition } from '../../engine/ports';
import { RecordAssembler, type RawRecord } from './record-assembler';

export interface TailedFileOptions {
  maxRecordBytes: number;
  multilineStart: RegExp | null;
}

/**
 * One followed file: an open handle (so a file renamed or deleted by a
 * rotation can still be read to its end), how far it was read, how far that
 * is committed, and the line and record state in between.
 *
 *   0 ........ committedOffset ........ readOffset ........ size
 *              ^ checkpoint in SQLite   ^ lines/records held, not yet stored
 *
 * Everything between the two offsets is rebuilt by reading again from the
 * checkpoint, which is how a restart or a full buffer loses nothing.
 */
export class TailedFile {
  readOffset: number;
  committedOffset: number;
  size: number;
  mtimeMs = 0;
  /** When new bytes were last read (for the quiet-period flush of an unfinished line). */
  lastGrowthAt: number;
  /** Since when no path of the source leads to this file (renamed away or deleted). */
  detachedSince: number | null = null;
  private readonly splitter: LineSplitter;
  private readonly assembler: RecordAssembler;

  private constructor(
    readonly identity: string,
    public path: string,
    public name: string,
    private readonly handle: FileHandle,
    public fingerprint: Fingerprint,
    offset: number,
    size: number,
    now: number,
    options: TailedFileOptions,
  ) {
    this.readOffset = offset;
    this.committedOffset = offset;
    this.size = size;
    this.lastGrowthAt = now;
    this.splitter = new LineSplitter(options.maxRecordBytes);
    this.assembler = new RecordAssembler(options.multilineStart, options.maxRecordBytes);
  }

  /** Follows a file through a handle the caller opened. */
  static adopt(
    handle: FileHandle,
    found: { identity: string; path: string; name: string; size: number },
    start: { offset: number; fingerprint: Fingerprint },
    now: number,
    options: TailedFileOptions,
  ): TailedFile {
    return new TailedFile(
      found.identity,
      found.path,
      found.name,
      handle,
      start.fingerprint,
      start.offset,
      found.size,
      now,
      options,
    );
  }

  get fileHandle(): FileHandle {
    return this.handle;
  }

  /** Whether lines or a record are held, waiting for more bytes. */
  get pending(): boolean {
    return this.splitter.pending || this.assembler.pending;
  }

  /** The next bytes after readOffset, at most `max`; null at the end of the file. */
  async readChunk(max: number): Promise<{ chunk: Buffer; start: number } | null> {
    const chunk = Buffer.allocUnsafe(max);
    const start = this.readOffset;
    const { bytesRead } = await this.handle.read(chunk, 0, max, start);
    if (bytesRead === 0) return null;
    this.readOffset += bytesRead;
    if (this.readOffset > this.size) this.size = this.readOffset;
    return { chunk: chunk.subarray(0, bytesRead), start };
  }

  /** The records the chunk completes. */
  consume(chunk: Buffer, start: number): RawRecord[] {
    const out: RawRecord[] = [];
    for (const line of this.splitter.push(chunk, start)) out.push(...this.assembler.push(line));
    return out;
  }

  /** Whatever is held, as records, now (after a quiet period or before letting go of the file). */
  flushPending(): RawRecord[] {
    const out: RawRecord[] = [];
    const line = this.splitter.flush(this.readOffset);
    if (line) out.push(...this.assembler.push(line));
    const last = this.assembler.flush();
    if (last) out.push(last);
    return out;
  }

  /** Back to the checkpoint: what was read after it will be read again. */
  rewind(): void {
    this.readOffset = this.committedOffset;
    this.splitter.reset();
    this.assembler.reset();
  }

  /** The file now holds other bytes (truncated or replaced): start again at `offset`. */
  restartAt(offset: number, fingerprint: Fingerprint, now: number): void {
    this.committedOffset = offset;
    this.fingerprint = fingerprint;
    this.lastGrowthAt = now;
    this.rewind();
  }

  /** The checkpoint to store with records that end at `offset`. */
  position(offset = this.committedOffset): FilePosition {
    return { identity: this.identity, path: this.path, offset, fingerprint: this.fingerprint };
  }

  async currentSize(): Promise<number> {
    const s = await this.handle.stat();
    return s.size;
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => {});
  }
}
