/** One line of a file, without its line ending. */
export interface Line {
  bytes: Buffer;
  /** File offset just past the line (past its newline, or its last byte when flushed). */
  endOffset: number;
  /** Bytes beyond the record size limit that were left out. */
  truncatedBytes: number;
}

const zeros = Buffer.alloc(64 * 1024);

/**
 * Splits file bytes into lines, keeping the unfinished last line until its
 * newline arrives (or `flush` is called after a quiet period). A line longer
 * than `maxBytes` keeps its first `maxBytes` (cut on a UTF-8 character
 * boundary) and counts the rest, so memory stays bounded whatever the file
 * holds. Runs of NUL bytes where a line would start are skipped: a writer
 * that is not in append mode leaves them after a copy-truncate rotation.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private length = 0;
  private cut = 0;

  constructor(private readonly maxBytes: number) {}

  /** Whether an unfinished line is held. */
  get pending(): boolean {
    return this.length > 0 || this.cut > 0;
  }

  /** Splits `chunk`, which starts at file offset `start`, into the lines it completes. */
  push(chunk: Buffer, start: number): Line[] {
    const lines: Line[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (!this.pending) pos = skipNuls(chunk, pos);
      if (pos >= chunk.length) break;
      const nl = chunk.indexOf(10, pos);
      if (nl === -1) {
        // Copied: a view would keep the whole read buffer alive while we wait.
        this.append(Buffer.from(chunk.subarray(pos)));
        break;
      }
      this.append(chunk.subarray(pos, nl));
      lines.push(this.take(start + nl + 1));
      pos = nl + 1;
    }
    return lines;
  }

  /** The unfinished line as a line of its own, ending at `endOffset`; null if none. */
  flush(endOffset: number): Line | null {
    return this.pending ? this.take(endOffset) : null;
  }

  /** Forgets the unfinished line (reading starts again at a checkpoint). */
  reset(): void {
    this.parts = [];
    this.length = 0;
    this.cut = 0;
  }

  private append(part: Buffer): void {
    const room = this.maxBytes - this.length;
    if (part.length <= room) {
      if (part.length > 0) this.parts.push(part);
      this.length += part.length;
    } else {
      if (room > 0) this.parts.push(part.subarray(0, room));
      this.length += Math.max(0, room);
      this.cut += part.length - Math.max(0, room);
    }
  }

  private take(endOffset: number): Line {
    let bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.length);
    let cut = this.cut;
    if (cut > 0) {
      const end = utf8SafeEnd(bytes);
      cut += bytes.length - end;
      bytes = bytes.subarray(0, end);
    } else if (bytes.length > 0 && bytes[bytes.length - 1] === 13) {
      bytes = bytes.subarray(0, bytes.length - 1); // CRLF
    }
    this.reset();
    return { bytes, endOffset, truncatedBytes: cut };
  }
}

function skipNuls(chunk: Buffer, pos: number): number {
  // Whole blocks first (a memcmp), so a gigabyte of NULs is skipped quickly.
  while (
    chunk.length - pos >= zeros.length &&
    chunk.compare(zeros, 0, zeros.length, pos, pos + zeros.length) === 0
  ) {
    pos += zeros.length;
  }
  while (pos < chunk.length && chunk[pos] === 0) pos++;
  return pos;
}

/** The length of `bytes` without a UTF-8 character cut off at its end. */
export function utf8SafeEnd(bytes: Buffer): number {
  let i = bytes.length - 1;
  // Walk back over at most 3 continuation bytes to the lead byte.
  let back = 0;
  while (i >= 0 && back < 3 && (bytes[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - i >= need ? bytes.length : i;
}
