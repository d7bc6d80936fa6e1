import type { RecordShape } from '../../../shared/otlp/record-batch';

/**
 * How a segment's records are described inside its row (docs/buffer.md,
 * "Segments"). One segment is one stretch of a received request: its
 * LogRecords' bytes, one after another as they came (`payload`), and a
 * compact index of fixed-size entries (`idx`), one per record:
 *
 *   0 offset u32 | 4 length u32 | 8 time ms f64 | 16 longest value u32 |
 *   20 group u16 | 22 attributes u16 | 24 severity u8 | 25 depth u8 |
 *   26 longest key u8 | 27 reserved u8                  (28 bytes, little-endian)
 *
 * The last four (the record's shape, RecordShape in src/shared/otlp) let
 * the exporter see that most records cannot break a Dynatrace limit
 * without decoding them.
 * `group` points into the segment's `groups` blob: per group the interned
 * resource id and scope id, u32 each. Sequence numbers are not stored per
 * record: a segment holds the consecutive seqs first_seq..last_seq.
 */

export const indexEntryBytes = 28;
export const groupEntryBytes = 8;

export interface SegmentGroup {
  resourceId: number;
  scopeId: number;
}

/** One stored segment, as read back. */
export interface Segment {
  sourceKey: number;
  firstSeq: number;
  lastSeq: number;
  count: number;
  receivedMs: number;
  payload: Uint8Array;
  index: SegmentIndex;
  groups: readonly SegmentGroup[];
}

/** Reads the fixed-size entries of a segment's index. */
export class SegmentIndex {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get count(): number {
    return this.bytes.byteLength / indexEntryBytes;
  }

  offset(i: number): number {
    return this.view.getUint32(i * indexEntryBytes, true);
  }

  length(i: number): number {
    return this.view.getUint32(i * indexEntryBytes + 4, true);
  }

  timeMs(i: number): number {
    return this.view.getFloat64(i * indexEntryBytes + 8, true);
  }

  maxValueBytes(i: number): number {
    return this.view.getUint32(i * indexEntryBytes + 16, true);
  }

  group(i: number): number {
    return this.view.getUint16(i * indexEntryBytes + 20, true);
  }

  attributes(i: number): number {
    return this.view.getUint16(i * indexEntryBytes + 22, true);
  }

  severity(i: number): number {
    return this.view.getUint8(i * indexEntryBytes + 24);
  }

  depth(i: number): number {
    return this.view.getUint8(i * indexEntryBytes + 25);
  }

  maxKeyBytes(i: number): number {
    return this.view.getUint8(i * indexEntryBytes + 26);
  }

  /** Sum of record lengths for entries [from, to). */
  bytesBetween(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) n += this.length(i);
    return n;
  }
}

/** Writes index entries; `offset` is relative to the segment's payload. */
export class SegmentIndexWriter {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private i = 0;

  constructor(count: number) {
    this.bytes = new Uint8Array(count * indexEntryBytes);
    this.view = new DataView(this.bytes.buffer);
  }

  add(
    offset: number,
    length: number,
    timeMs: number,
    group: number,
    severity: number,
    shape: RecordShape,
  ): void {
    const at = this.i++ * indexEntryBytes;
    const v = this.view;
    v.setUint32(at, offset, true);
    v.setUint32(at + 4, length, true);
    v.setFloat64(at + 8, timeMs, true);
    v.setUint32(at + 16, Math.min(shape.maxValueBytes, 0xffffffff), true);
    v.setUint16(at + 20, group, true);
    v.setUint16(at + 22, Math.min(shape.attributes, 0xffff), true);
    v.setUint8(at + 24, severity);
    v.setUint8(at + 25, Math.min(shape.depth, 0xff));
    v.setUint8(at + 26, Math.min(shape.maxKeyBytes, 0xff));
  }
}

export function encodeGroups(groups: readonly SegmentGroup[]): Uint8Array {
  const bytes = new Uint8Array(groups.length * groupEntryBytes);
  const view = new DataView(bytes.buffer);
  groups.forEach((g, i) => {
    view.setUint32(i * groupEntryBytes, g.resourceId, true);
    view.setUint32(i * groupEntryBytes + 4, g.scopeId, true);
  });
  return bytes;
}

export function decodeGroups(bytes: Uint8Array): SegmentGroup[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const groups: SegmentGroup[] = [];
  for (let at = 0; at + groupEntryBytes <= bytes.byteLength; at += groupEntryBytes)
    groups.push({ resourceId: view.getUint32(at, true), scopeId: view.getUint32(at + 4, true) });
  return groups;
}
