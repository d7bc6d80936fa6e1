import { utf8Length } from '../otlp/bytes';
import { WireWriter, varintSize } from '../otlp/protobuf/writer';
import type { ValueOp, ValueSlot } from './compile';
import { ScanBudget } from './mask';

/**
 * The sending path's shortcut for records whose rules only change string
 * values (masks and truncations): the stored LogRecord bytes are walked,
 * only the content and the top-level attribute strings are read, and only
 * the fields a rule changed are written anew and spliced between the
 * untouched bytes. Decoding and re-encoding whole records cost more than the
 * detectors themselves (docs/processing.md, "Cost").
 *
 * Anything this walk does not handle the way the full path does (a
 * structured body or attribute value, a long integer a card detector must
 * see, bytes it cannot read) makes it answer null: the caller then takes
 * the full path, whose result is the reference.
 */

const BODY_TAG = 0x2a; // field 5, length-delimited
const ATTRIBUTE_TAG = 0x32; // field 6, length-delimited
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
// 10^12: integers from here on may be card numbers (see attribute-ops.ts).
const bigIntThreshold = 1_000_000_000_000;

class Walk {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    pos: number,
    readonly end: number,
  ) {
    this.pos = pos;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new RangeError('truncated varint');
      const b = this.buf[this.pos++]!;
      // Past 2^53 precision is lost, which only matters for the int check (a bigger value is big).
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
      if (shift > 63) throw new RangeError('varint too long');
    }
  }

  /** Skips a field's value of this wire type. */
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) {
      // Read the length first: `this.pos += this.varint()` would add it to the position before the length.
      const len = this.varint();
      this.pos += len;
    } else if (wireType === 5) this.pos += 4;
    else throw new RangeError('unsupported wire type');
    if (this.pos > this.end) throw new RangeError('field past the end');
  }
}

/** Text from UTF-8 bytes; ASCII (the common case in logs) without TextDecoder's per-call cost. */
function text(buf: Uint8Array, start: number, end: number): string {
  if (end - start < 64) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c >= 0x80) return utf8Decoder.decode(buf.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8Decoder.decode(buf.subarray(start, end));
}

// Attribute keys repeat record after record: each distinct key is decoded
// once and the same string returned after (hashed once, which the masker's
// per-key lookup needs; a string built again per record is hashed again).
const keyCacheMax = 4_096;
const keyMaxBytes = 128;
const keyCache = new Map<number, { bytes: Uint8Array; text: string }>();

function keyText(buf: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length > keyMaxBytes) return text(buf, start, end);
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
  const known = keyCache.get(hash);
  if (known && known.bytes.length === length) {
    let same = true;
    for (let i = 0; i < length && same; i++) same = known.bytes[i] === buf[start + i];
    if (same) return known.text;
  }
  const decoded = text(buf, start, end);
  if (keyCache.size >= keyCacheMax) keyCache.clear();
  keyCache.set(hash, { bytes: buf.slice(start, end), text: decoded });
  return decoded;
}

type Value =
  | { kind: 'string'; start: number; end: number }
  | { kind: 'int'; value: number }
  | { kind: 'other' }
  | { kind: 'nested' };

/** What an AnyValue message holds, without copying it. */
function readAnyValue(buf: Uint8Array, start: number, end: number): Value {
  const w = new Walk(buf, start, end);
  let value: Value = { kind: 'other' };
  while (w.pos < end) {
    const tag = w.varint();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 1 && wireType === 2) {
      const len = w.varint();
      value = { kind: 'string', start: w.pos, end: w.pos + len };
      w.pos += len;
      if (w.pos > end) throw new RangeError('string past the end');
    } else if (field === 3 && wireType === 0) {
      value = { kind: 'int', value: w.varint() };
    } else if ((field === 5 || field === 6) && wireType === 2) {
      value = { kind: 'nested' };
      w.skip(wireType);
    } else {
      value = { kind: 'other' };
      w.skip(wireType);
    }
  }
  return value;
}

/**
 * A field a rule changed: bytes [from, to) of the record are replaced by the
 * body, or by the attribute whose key is bytes [keyStart, keyEnd) of the
 * record (copied as they are), holding the new string.
 */
interface Edit {
  from: number;
  to: number;
  keyStart: number;
  keyEnd: number;
  value: string;
}

/** Size of a length-delimited field with a one-byte tag. */
function fieldSize(payload: number): number {
  return 1 + varintSize(payload) + payload;
}

/** The edit's field payload and, within it, the AnyValue's (a string_value field). */
function editSizes(e: Edit): { payload: number; value: number } {
  const value = fieldSize(utf8Length(e.value));
  const payload = e.keyStart < 0 ? value : fieldSize(e.keyEnd - e.keyStart) + fieldSize(value);
  return { payload, value };
}

// Changed records are small and many: they are cut from shared slabs, as
// Node's Buffer pool does, because a typed array of its own costs an
// allocation outside the JS heap each (the largest single cost of masking a
// typical record). A slab lives while any record cut from it does; records
// live until their request is sent (the inspector's samples copy views).
const slabBytes = 64 * 1024;
const ownBufferFrom = 4 * 1024;
let slab = new Uint8Array(0);
let slabUsed = 0;

function allocate(size: number): Uint8Array {
  if (size >= ownBufferFrom) return new Uint8Array(size);
  if (slabUsed + size > slab.length) {
    slab = new Uint8Array(slabBytes);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + size);
  slabUsed += size;
  return out;
}

/**
 * The record with every edit spliced in, written into one buffer of the
 * exact size: the untouched bytes are copied once, and no piece of a field
 * is built on its own (each small typed array is a separate allocation,
 * which cost more than the masking of a typical record).
 */
function splice(bytes: Uint8Array, edits: readonly Edit[]): Uint8Array {
  const sizes = edits.map(editSizes);
  let size = bytes.length;
  edits.forEach((e, i) => (size += fieldSize(sizes[i]!.payload) - (e.to - e.from)));
  const w = new WireWriter(allocate(size));
  let at = 0;
  edits.forEach((e, i) => {
    w.raw(bytes.subarray(at, e.from));
    const { payload, value } = sizes[i]!;
    w.buf[w.pos++] = e.keyStart < 0 ? BODY_TAG : ATTRIBUTE_TAG;
    w.varint(payload);
    if (e.keyStart >= 0) {
      w.buf[w.pos++] = 0x0a; // KeyValue.key
      w.bytes(bytes.subarray(e.keyStart, e.keyEnd));
      w.buf[w.pos++] = 0x12; // KeyValue.value
      w.varint(value);
    }
    w.buf[w.pos++] = 0x0a; // AnyValue.string_value
    w.string(e.value);
    at = e.to;
  });
  w.raw(bytes.subarray(at));
  if (w.pos !== size) throw new Error('internal: record size mismatch while masking');
  return w.buf;
}

/** The value after every op in order, and which ops changed it. */
function applyOps(
  ops: readonly ValueOp[],
  value: string,
  slot: ValueSlot,
  budget: ScanBudget,
  touched: boolean[],
): string | null {
  let current = value;
  let changed = false;
  for (const op of ops) {
    const next = op.apply(current, slot, budget);
    if (next !== null && next !== current) {
      current = next;
      changed = true;
      touched[op.index] = true;
    }
  }
  return changed ? current : null;
}

/**
 * The record's bytes after the value ops, and the ops that changed it; null
 * when the full path must do it. Throws what the ops throw (the scan bound).
 */
export function fastRecord(
  bytes: Uint8Array,
  ops: readonly ValueOp[],
  ruleCount: number,
): { bytes: Uint8Array; changedByRule: number[] } | null {
  const touched = new Array<boolean>(ruleCount).fill(false);
  const budget = new ScanBudget();
  const edits: Edit[] = [];
  const w = new Walk(bytes, 0, bytes.length);
  try {
    while (w.pos < bytes.length) {
      const fieldStart = w.pos;
      const tag = w.varint();
      if (tag !== BODY_TAG && tag !== ATTRIBUTE_TAG) {
        w.skip(tag & 7);
        continue;
      }
      const len = w.varint();
      const start = w.pos;
      const end = start + len;
      if (end > bytes.length) return null;
      w.pos = end;
      if (tag === BODY_TAG) {
        const v = readAnyValue(bytes, start, end);
        if (v.kind === 'nested') return null;
        if (v.kind !== 'string') continue;
        const out = applyOps(
          ops,
          text(bytes, v.start, v.end),
          { content: true, key: null },
          budget,
          touched,
        );
        if (out !== null)
          edits.push({ from: fieldStart, to: end, keyStart: -1, keyEnd: -1, value: out });
      } else {
        // KeyValue: key (field 1), value (field 2).
        const kv = new Walk(bytes, start, end);
        let key: string | null = null;
        let keyStart = -1;
        let keyEnd = -1;
        let valueStart = -1;
        let valueEnd = -1;
        while (kv.pos < end) {
          const t = kv.varint();
          if (t === 0x0a || t === 0x12) {
            const l = kv.varint();
            if (t === 0x0a) {
              key = keyText(bytes, kv.pos, kv.pos + l);
              [keyStart, keyEnd] = [kv.pos, kv.pos + l];
            } else [valueStart, valueEnd] = [kv.pos, kv.pos + l];
            kv.pos += l;
          } else kv.skip(t & 7);
        }
        if (key === null || valueStart < 0) continue;
        const slot: ValueSlot = { content: false, key };
        const v = readAnyValue(bytes, valueStart, valueEnd);
        if (v.kind === 'nested') return null;
        if (v.kind === 'int') {
          if (v.value >= bigIntThreshold || ops.some((op) => op.needsInts(slot))) return null;
          continue;
        }
        if (v.kind !== 'string') continue;
        const out = applyOps(ops, text(bytes, v.start, v.end), slot, budget, touched);
        if (out !== null) edits.push({ from: fieldStart, to: end, keyStart, keyEnd, value: out });
      }
    }
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) return null;
    throw err;
  }
  const changedByRule = touched.flatMap((t, i) => (t ? [i] : []));
  if (changedByRule.length === 0) return { bytes, changedByRule };
  return { bytes: splice(bytes, edits), changedByRule };
}
