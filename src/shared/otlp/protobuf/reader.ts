import { OtlpDecodeError } from '../errors';

/**
 * A protobuf wire-format reader over one Uint8Array, with absolute byte
 * offsets in every error. Reading an embedded message does not copy: the
 * caller narrows `end` (see `enter`). 64-bit values come back as `bigint`,
 * never as a lossy `number`.
 */

export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;

const WIRE_TYPE_NAMES = [
  'varint',
  '64-bit',
  'length-delimited',
  'start-group',
  'end-group',
  '32-bit',
];

const utf8 = new TextDecoder('utf-8');
const scratch = new DataView(new ArrayBuffer(8));

export function wireTypeName(wireType: number): string {
  return WIRE_TYPE_NAMES[wireType] ?? `invalid (${wireType})`;
}

export class WireReader {
  pos: number;
  end: number;

  readonly buf: Uint8Array;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    // A Node Buffer is a Uint8Array subclass whose slice() does not copy; a
    // plain view over the same memory keeps views and copies predictable.
    this.buf =
      buf.constructor === Uint8Array ? buf : new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    this.pos = pos;
    this.end = end;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a tag; returns `fieldNumber * 8 + wireType` after validating both. */
  tag(): number {
    const at = this.pos;
    const tag = this.varint32();
    const wireType = tag & 7;
    if (tag >>> 3 === 0) throw this.error(`invalid field number 0 in tag at byte ${at}`, at);
    if (wireType === WireType.SGROUP || wireType === WireType.EGROUP || wireType > 5) {
      throw this.error(
        `unsupported wire type ${wireTypeName(wireType)} for field ${tag >>> 3} at byte ${at}`,
        at,
      );
    }
    return tag;
  }

  /** A varint's low 32 bits as an unsigned number (tags, lengths, uint32, enums). */
  varint32(): number {
    const buf = this.buf;
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw this.truncated('varint', start);
      const b = buf[this.pos++]!;
      if (shift < 32) result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) return result >>> 0;
    }
    throw this.error(`malformed varint at byte ${start} (longer than 10 bytes)`, start);
  }

  /** A varint as a signed 64-bit integer (int64). */
  int64(): bigint {
    const buf = this.buf;
    const start = this.pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw this.truncated('varint', start);
      const b = buf[this.pos++]!;
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
    }
    throw this.error(`malformed varint at byte ${start} (longer than 10 bytes)`, start);
  }

  fixed32(): number {
    const at = this.need(4, '32-bit value');
    const b = this.buf;
    return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
  }

  /** fixed64 as an unsigned bigint (timestamps). */
  fixed64(): bigint {
    const at = this.need(8, '64-bit value');
    const b = this.buf;
    const lo = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
    const hi = (b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16) | (b[at + 7]! << 24)) >>> 0;
    return hi === 0 ? BigInt(lo) : (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** fixed64 as a number: exact up to 2^53, within 2^-52 of the value beyond (timestamps in ms). */
  fixed64Number(): number {
    const at = this.need(8, '64-bit value');
    const b = this.buf;
    const lo = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
    const hi = (b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16) | (b[at + 7]! << 24)) >>> 0;
    return hi * 4_294_967_296 + lo;
  }

  double(): number {
    const at = this.need(8, '64-bit value');
    for (let i = 0; i < 8; i++) scratch.setUint8(i, this.buf[at + i]!);
    return scratch.getFloat64(0, true);
  }

  /** Reads a length prefix and returns the end offset of the payload after checking bounds. */
  lengthDelimited(): number {
    const start = this.pos;
    const length = this.varint32();
    if (length > this.end - this.pos) {
      throw this.error(
        `truncated input: length prefix at byte ${start} declares ${length} bytes ` +
          `but only ${this.end - this.pos} remain`,
        start,
      );
    }
    return this.pos + length;
  }

  /** A view (no copy) of a length-delimited payload. */
  bytesView(): Uint8Array {
    const end = this.lengthDelimited();
    const view = this.buf.subarray(this.pos, end);
    this.pos = end;
    return view;
  }

  string(): string {
    const end = this.lengthDelimited();
    // Invalid UTF-8 decodes with U+FFFD rather than failing: the inspector must
    // still show what it can of a payload a sender got slightly wrong.
    const text = utf8.decode(this.buf.subarray(this.pos, end));
    this.pos = end;
    return text;
  }

  /** Runs `read` over an embedded message, restoring the outer limit after. */
  enter<T>(read: (r: WireReader) => T): T {
    const end = this.lengthDelimited();
    const outerEnd = this.end;
    this.end = end;
    const value = read(this);
    if (this.pos !== end) throw this.error(`embedded message did not end at byte ${end}`, this.pos);
    this.end = outerEnd;
    return value;
  }

  skip(tag: number): void {
    switch (tag & 7) {
      case WireType.VARINT:
        this.varint32();
        return;
      case WireType.I64:
        this.need(8, '64-bit value');
        return;
      case WireType.LEN:
        this.pos = this.lengthDelimited();
        return;
      case WireType.I32:
        this.need(4, '32-bit value');
        return;
      default:
        throw this.error(`cannot skip wire type ${tag & 7}`, this.pos);
    }
  }

  /** Fails unless the field's wire type is `expected` (a field sent with the wrong type). */
  expect(tag: number, expected: number, fieldName: string, at: number): void {
    if ((tag & 7) !== expected) {
      throw this.error(
        `field ${tag >>> 3} (${fieldName}) at byte ${at} has wire type ` +
          `${wireTypeName(tag & 7)}, expected ${wireTypeName(expected)}`,
        at,
      );
    }
  }

  error(message: string, offset: number): OtlpDecodeError {
    return new OtlpDecodeError(message, { offset });
  }

  private need(n: number, what: string): number {
    const at = this.pos;
    if (this.end - at < n) throw this.truncated(what, at);
    this.pos = at + n;
    return at;
  }

  private truncated(what: string, at: number): OtlpDecodeError {
    return this.error(`truncated input: ${what} at byte ${at} runs past byte ${this.end}`, at);
  }
}
