import type { RecordBuffer } from '../buffer/buffer';
import type { Segment } from '../buffer/segment-format';

/** Segments read ahead at a time: two cover a full request of typical records. */
const readAhead = 2;

/**
 * A stream's read position in the buffer, with the segments it has loaded:
 * batches take records one by one from here, so a segment is read from
 * SQLite once however many requests its records end up in. The position can
 * stand inside a segment, and runs ahead of the stream's cursor by what is
 * in flight.
 */
export class SegmentReader {
  private segments: Segment[] = [];
  private current = 0;
  private i = 0;
  private loadedTo: number;

  constructor(
    private readonly buffer: Pick<RecordBuffer, 'readSegments'>,
    private sourceIds: readonly string[],
    /** The seq of the last record taken (or passed). */
    public position: number,
  ) {
    this.loadedTo = position;
  }

  /** Start again from `position` (the cursor): after a stop, new settings or a restart. */
  reset(position: number, sourceIds = this.sourceIds): void {
    this.sourceIds = sourceIds;
    this.position = position;
    this.loadedTo = position;
    this.segments = [];
    this.current = 0;
    this.i = 0;
  }

  /** The newest seq held in memory: these records are sent from here even if evicted. */
  get loadedUpTo(): number {
    return this.loadedTo;
  }

  /** The next record after the position, without taking it; null when none is buffered. */
  peek(): { segment: Segment; i: number; seq: number } | null {
    for (;;) {
      const segment = this.segments[this.current];
      if (!segment) {
        if (!this.load()) return null;
        continue;
      }
      if (segment.firstSeq + this.i <= this.position) this.i = this.position - segment.firstSeq + 1;
      if (this.i < segment.count) return { segment, i: this.i, seq: segment.firstSeq + this.i };
      this.current++;
      this.i = 0;
    }
  }

  /** Takes the record `peek` returned. */
  advance(): void {
    const segment = this.segments[this.current]!;
    this.position = segment.firstSeq + this.i;
    this.i++;
  }

  private load(): boolean {
    // Segments already taken are released before more are read.
    this.segments = [];
    this.current = 0;
    this.i = 0;
    const more = this.buffer.readSegments(this.sourceIds, this.loadedTo, readAhead);
    if (more.length === 0) return false;
    this.segments = more;
    this.loadedTo = more[more.length - 1]!.lastSeq;
    return true;
  }
}
