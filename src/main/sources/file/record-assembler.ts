import type { Line } from './line-splitter';

/** The text of one log record, before parsing. */
export interface RawRecord {
  text: string;
  /** File offset just past the record's last line: the checkpoint once it is stored. */
  endOffset: number;
  /** Bytes left out to keep the record under the size limit. */
  truncatedBytes: number;
}

// Not fatal: invalid UTF-8 becomes U+FFFD instead of an error.
const decoder = new TextDecoder('utf-8');

/**
 * Turns lines into records. Without a start pattern every line is a record.
 * With one, a line matching it starts a new record and the lines that follow
 * (a stack trace) are joined to it with "\n", up to `maxBytes`; so a record
 * is complete only when the next one starts, or `flush` is called after a
 * quiet period. Lines before the first match are records of their own.
 */
export class RecordAssembler {
  private current: { parts: string[]; bytes: number; endOffset: number; cut: number } | null = null;

  constructor(
    private readonly start: RegExp | null,
    private readonly maxBytes: number,
  ) {}

  get pending(): boolean {
    return this.current !== null;
  }

  push(line: Line): RawRecord[] {
    const text = decoder.decode(line.bytes);
    if (!this.start) {
      return [{ text, endOffset: line.endOffset, truncatedBytes: line.truncatedBytes }];
    }
    const out: RawRecord[] = [];
    if (this.current === null || this.start.test(text)) {
      const done = this.flush();
      if (done) out.push(done);
      this.current = {
        parts: [text],
        bytes: line.bytes.length,
        endOffset: line.endOffset,
        cut: line.truncatedBytes,
      };
      return out;
    }
    const c = this.current;
    c.endOffset = line.endOffset;
    c.cut += line.truncatedBytes;
    if (c.bytes + 1 + line.bytes.length <= this.maxBytes) {
      c.parts.push(text);
      c.bytes += 1 + line.bytes.length;
    } else {
      // Whole lines are left out once the record is full: a stack trace keeps its head.
      c.cut += 1 + line.bytes.length;
    }
    return out;
  }

  /** The record being joined, now; null if none. */
  flush(): RawRecord | null {
    const c = this.current;
    this.current = null;
    return c ? { text: c.parts.join('\n'), endOffset: c.endOffset, truncatedBytes: c.cut } : null;
  }

  reset(): void {
    this.current = null;
  }
}
