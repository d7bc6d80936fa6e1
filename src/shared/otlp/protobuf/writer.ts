import { utf8Length } from '../bytes';

/**
 * A protobuf writer into a buffer of exactly the right size. Encoders measure
 * first (recording each embedded message's size in a `SizeCache`, in the
 * order they will be written), allocate once, then write: no growing buffers,
 * no copying of nested messages.
 */

const utf8 = new TextEncoder();
// Longer ASCII strings (stack traces) go through TextEncoder, whose native
// copy wins once the call's fixed cost is spread over enough characters.
const asciiLoopMax = 256;
const scratch = new DataView(new ArrayBuffer(8));

/** Sizes of embedded messages in pre-order, filled by a measure pass, read by the write pass. */
export class SizeCache {
  readonly sizes: number[] = [];
  private next = 0;

  /** Reserves a slot for a message whose size is known only after its children. */
  reserve(): number {
    this.sizes.push(0);
    return this.sizes.length - 1;
  }

  set(slot: number, size: number): void {
    this.sizes[slot] = size;
  }

  take(): number {
    return this.sizes[this.next++]!;
  }
}

export function varintSize(n: number): number {
  if (n < 0) return 10; // negative int32 values are sign-extended to 64 bits
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x200000) return 3;
  if (n < 0x10000000) return 4;
  if (n < 0x800000000) return 5;
  // Beyond 2^35 only lengths of huge batches get here; count 7 bits at a time.
  let size = 5;
  let rest = Math.floor(n / 0x800000000);
  while (rest > 0) {
    size++;
    rest = Math.floor(rest / 128);
  }
  return size;
}

export function int64Size(value: bigint): number {
  if (value < 0n) return 10;
  if (value < 0x800000000n) return varintSize(Number(value));
  let size = 0;
  let rest = value;
  while (rest > 0n) {
    size++;
    rest >>= 7n;
  }
  return size;
}

/** Bytes a length-delimited field takes: tag + length prefix + payload. */
export function lengthDelimitedSize(tagSize: number, payload: number): number {
  return tagSize + varintSize(payload) + payload;
}

export function stringFieldSize(text: string): number {
  const n = utf8Length(text);
  return 1 + varintSize(n) + n;
}

export class WireWriter {
  readonly buf: Uint8Array;
  pos = 0;

  /** A writer into a new buffer of `size` bytes, or into `buffer` (all of it is written). */
  constructor(size: number | Uint8Array) {
    this.buf = typeof size === 'number' ? new Uint8Array(size) : size;
  }

  /** Tag for fields 1..15 (one byte), which is all OTLP logs uses. */
  tag(field: number, wireType: number): void {
    this.buf[this.pos++] = (field << 3) | wireType;
  }

  varint(n: number): void {
    if (n < 0) {
      this.int64(BigInt(n));
      return;
    }
    const buf = this.buf;
    while (n > 0x7f) {
      buf[this.pos++] = (n & 0x7f) | 0x80;
      n = n > 0xffffffff ? Math.floor(n / 128) : n >>> 7;
    }
    buf[this.pos++] = n;
  }

  /** int64 as a varint (two's complement for negatives, so always 10 bytes then). */
  int64(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    const buf = this.buf;
    while (v > 0x7fn) {
      buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    buf[this.pos++] = Number(v);
  }

  fixed32(n: number): void {
    const buf = this.buf;
    buf[this.pos++] = n & 0xff;
    buf[this.pos++] = (n >>> 8) & 0xff;
    buf[this.pos++] = (n >>> 16) & 0xff;
    buf[this.pos++] = (n >>> 24) & 0xff;
  }

  /** fixed64 from an unsigned bigint; values outside 0..2^64-1 wrap like protobuf's uint64. */
  fixed64(value: bigint): void {
    const v = BigInt.asUintN(64, value);
    this.fixed32(Number(v & 0xffffffffn));
    this.fixed32(Number(v >> 32n));
  }

  double(value: number): void {
    scratch.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.buf[this.pos++] = scratch.getUint8(i);
  }

  bytes(value: Uint8Array): void {
    this.varint(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /**
   * Writes a string that turns out to be ASCII, copying it in a loop; false
   * (nothing written) at its first other character. For the short strings
   * that make up most of a log record (keys, ids, levels, paths) this is
   * much quicker than measuring it again and a TextEncoder call with the
   * subarray view it needs (encodeLogRecord: about 25% less time).
   */
  private ascii(text: string): boolean {
    const start = this.pos;
    this.varint(text.length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = start;
        return false;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
    return true;
  }

  /** Raw bytes with no length prefix (splicing pre-encoded fields). */
  raw(value: Uint8Array): void {
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  string(text: string): void {
    if (text.length <= asciiLoopMax && this.ascii(text)) return;
    const length = utf8Length(text);
    this.varint(length);
    const { written } = utf8.encodeInto(text, this.buf.subarray(this.pos, this.pos + length));
    if (written !== length) throw new Error('internal: UTF-8 length mismatch while encoding');
    this.pos += length;
  }
}
