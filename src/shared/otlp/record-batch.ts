import { encodeLogRecordWithShape } from './encode';
import type { LogRecord } from './model';
import { recordShape } from './record-shape';

/**
 * Log records as the engine takes them in: their protobuf bytes in one
 * payload, and per record where its bytes are and the few fields the engine
 * needs without decoding (docs/buffer.md). Made by the indexer from a
 * received request (record-index.ts: the payload is the request itself, no
 * copy) or by a source from records it made (RecordBatchWriter).
 */
export interface RecordGroup {
  /** Resource message bytes; empty when absent. */
  resource: Uint8Array;
  resourceSchemaUrl: string;
  /** InstrumentationScope message bytes; empty when absent. */
  scope: Uint8Array;
  scopeSchemaUrl: string;
}

export interface RecordBatch {
  /** The bytes every record's offset points into. */
  readonly payload: Uint8Array;
  readonly count: number;
  /** Per record (index < count): where its LogRecord message is in `payload`. */
  readonly offsets: Uint32Array;
  readonly lengths: Uint32Array;
  /** time_unix_nano in milliseconds; 0 when the record has none. */
  readonly timesMs: Float64Array;
  readonly severities: Uint8Array;
  /** Index into `groups`. */
  readonly groupOf: Uint32Array;
  /** What Dynatrace's limits are about, without decoding: see RecordShape. */
  readonly attributes: Uint16Array;
  readonly depths: Uint8Array;
  readonly maxKeyBytes: Uint8Array;
  readonly maxValueBytes: Uint32Array;
  readonly groups: readonly RecordGroup[];
}

/**
 * The shape of one LogRecord, noted while it is walked anyway, so the
 * exporter can tell most records cannot break a Dynatrace limit without
 * decoding them (docs/buffer.md, "Segments"). Counts saturate at their
 * column's maximum.
 */
export interface RecordShape {
  /** Its own attributes. */
  attributes: number;
  /** The deepest value nesting: 0 no value, 1 only scalars, 2 an array or kvlist, ... */
  depth: number;
  /** The longest attribute key, in bytes, at any depth. */
  maxKeyBytes: number;
  /** The longest string or bytes value (body included), in bytes, at any depth. */
  maxValueBytes: number;
}

/** Bytes of the records of a batch (without resources and scopes). */
export function recordBytesOf(batch: RecordBatch): number {
  let n = 0;
  for (let i = 0; i < batch.count; i++) n += batch.lengths[i]!;
  return n;
}

/** Growable per-record columns. */
export class RecordColumns {
  count = 0;
  offsets = new Uint32Array(64);
  lengths = new Uint32Array(64);
  timesMs = new Float64Array(64);
  severities = new Uint8Array(64);
  groupOf = new Uint32Array(64);
  attributes = new Uint16Array(64);
  depths = new Uint8Array(64);
  maxKeyBytes = new Uint8Array(64);
  maxValueBytes = new Uint32Array(64);

  push(
    group: number,
    offset: number,
    length: number,
    timeMs: number,
    severity: number,
    shape: RecordShape,
  ): void {
    if (this.count === this.offsets.length) this.grow();
    const i = this.count++;
    this.offsets[i] = offset;
    this.lengths[i] = length;
    this.timesMs[i] = timeMs;
    // Severity numbers are 1-24; anything else is kept as "unspecified" (0),
    // which no filter drops.
    this.severities[i] = severity > 0 && severity <= 24 ? severity : 0;
    this.groupOf[i] = group;
    this.attributes[i] = Math.min(shape.attributes, 0xffff);
    this.depths[i] = Math.min(shape.depth, 0xff);
    this.maxKeyBytes[i] = Math.min(shape.maxKeyBytes, 0xff);
    this.maxValueBytes[i] = Math.min(shape.maxValueBytes, 0xffffffff);
  }

  private grow(): void {
    const n = this.offsets.length * 2;
    const grown = <T extends Uint32Array | Uint16Array | Float64Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.offsets = grown(this.offsets, (k) => new Uint32Array(k));
    this.lengths = grown(this.lengths, (k) => new Uint32Array(k));
    this.timesMs = grown(this.timesMs, (k) => new Float64Array(k));
    this.severities = grown(this.severities, (k) => new Uint8Array(k));
    this.groupOf = grown(this.groupOf, (k) => new Uint32Array(k));
    this.attributes = grown(this.attributes, (k) => new Uint16Array(k));
    this.depths = grown(this.depths, (k) => new Uint8Array(k));
    this.maxKeyBytes = grown(this.maxKeyBytes, (k) => new Uint8Array(k));
    this.maxValueBytes = grown(this.maxValueBytes, (k) => new Uint32Array(k));
  }

  batch(payload: Uint8Array, groups: readonly RecordGroup[]): RecordBatch {
    return {
      payload,
      count: this.count,
      offsets: this.offsets,
      lengths: this.lengths,
      timesMs: this.timesMs,
      severities: this.severities,
      groupOf: this.groupOf,
      attributes: this.attributes,
      depths: this.depths,
      maxKeyBytes: this.maxKeyBytes,
      maxValueBytes: this.maxValueBytes,
      groups,
    };
  }
}

export const nanosToMs = (nanos: bigint): number => (nanos === 0n ? 0 : Number(nanos) / 1e6);

/**
 * Records a source makes itself (file lines, sample data), encoded one by
 * one into a growing payload.
 */
export class RecordBatchWriter {
  private readonly columns = new RecordColumns();
  private readonly groups: RecordGroup[] = [];
  private payload = new Uint8Array(4096);
  private used = 0;

  /** Registers a resource + scope pair; returns its index for `add`. */
  group(g: RecordGroup): number {
    this.groups.push(g);
    return this.groups.length - 1;
  }

  add(group: number, record: LogRecord): void {
    // Written straight into the payload: a buffer per record and a copy
    // cost the file source more than encoding did (docs/benchmarks.md).
    const { bytes, shape } = encodeLogRecordWithShape(record, (size) => this.reserve(size));
    this.columns.push(
      group,
      this.used,
      bytes.length,
      nanosToMs(record.timeUnixNano),
      record.severityNumber,
      shape,
    );
    this.used += bytes.length;
  }

  /** A record's bytes as they are (its shape is read from them; unreadable bytes have none). */
  addEncoded(group: number, bytes: Uint8Array, timeMs: number, severity: number): void {
    this.reserve(bytes.length).set(bytes);
    this.columns.push(group, this.used, bytes.length, timeMs, severity, recordShape(bytes));
    this.used += bytes.length;
  }

  /** The next `size` bytes of the payload (grown when needed), not yet counted as used. */
  private reserve(size: number): Uint8Array {
    if (this.used + size > this.payload.length) {
      const next = new Uint8Array(Math.max(this.payload.length * 2, this.used + size));
      next.set(this.payload.subarray(0, this.used));
      this.payload = next;
    }
    return this.payload.subarray(this.used, this.used + size);
  }

  get count(): number {
    return this.columns.count;
  }

  build(): RecordBatch {
    return this.columns.batch(this.payload.subarray(0, this.used), this.groups);
  }
}
