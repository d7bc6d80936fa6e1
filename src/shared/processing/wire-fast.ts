import { concatBytes } from '../otlp/bytes';
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
const utf8Encoder = new TextEncoder();
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

function varintBytes(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** tag, length, bytes. */
function lengthDelimited(tag: number, content: Uint8Array): Uint8Array {
  const len = varintBytes(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

function stringValue(s: string): Uint8Array {
  return lengthDelimited(0x0a, utf8Encoder.encode(s));
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
  const parts: Uint8Array[] = [];
  let copiedTo = 0;
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
      let replacement: Uint8Array | null = null;
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
        if (out !== null) replacement = lengthDelimited(BODY_TAG, stringValue(out));
      } else {
        // KeyValue: key (field 1), value (field 2).
        const kv = new Walk(bytes, start, end);
        let key: string | null = null;
        let valueStart = -1;
        let valueEnd = -1;
        while (kv.pos < end) {
          const t = kv.varint();
          if (t === 0x0a || t === 0x12) {
            const l = kv.varint();
            if (t === 0x0a) key = text(bytes, kv.pos, kv.pos + l);
            else [valueStart, valueEnd] = [kv.pos, kv.pos + l];
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
        if (out !== null) {
          const keyField = lengthDelimited(0x0a, utf8Encoder.encode(key));
          const valueField = lengthDelimited(0x12, stringValue(out));
          replacement = lengthDelimited(ATTRIBUTE_TAG, concatBytes([keyField, valueField]));
        }
      }
      if (replacement) {
        parts.push(bytes.subarray(copiedTo, fieldStart), replacement);
        copiedTo = end;
      }
    }
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) return null;
    throw err;
  }
  const changedByRule = touched.flatMap((t, i) => (t ? [i] : []));
  if (changedByRule.length === 0) return { bytes, changedByRule };
  parts.push(bytes.subarray(copiedTo));
  return { bytes: concatBytes(parts), changedByRule };
}
