import { Msg, type MessageKind } from './protobuf/logs-schema';
import type { WireReader } from './protobuf/reader';
import { kindSet, walk, type WalkVisitor } from './protobuf/walk';
import type { RecordShape } from './record-batch';

/** What a record whose bytes cannot be read is taken to be: beyond every limit. */
export const unknownShape: Readonly<RecordShape> = Object.freeze({
  attributes: 0xffff,
  depth: 0xff,
  maxKeyBytes: 0xff,
  maxValueBytes: 0xffffffff,
});

/**
 * Notes a LogRecord's shape (RecordShape) while a walk goes through it: the
 * longest key and value come from the lengths of strings the walk passes
 * anyway, without decoding them. Used by the indexer inside a request and by
 * `recordShape` on one record.
 */
export class ShapeTracker {
  private inRecord = false;
  private maxKey = 0;
  private maxValue = 0;

  begin(): void {
    this.inRecord = true;
    this.maxKey = 0;
    this.maxValue = 0;
  }

  end(attributes: number, depth: number): RecordShape {
    this.inRecord = false;
    return { attributes, depth, maxKeyBytes: this.maxKey, maxValueBytes: this.maxValue };
  }

  /** A scalar field inside the record: keys and string or bytes values are measured, not read. */
  scalar(kind: MessageKind, field: number, r: WireReader): boolean {
    if (!this.inRecord) return false;
    const isKey = kind === Msg.KeyValue && field === 1;
    const isValue = kind === Msg.AnyValue && (field === 1 || field === 7);
    if (!isKey && !isValue) return false;
    const end = r.lengthDelimited();
    const length = end - r.pos;
    r.pos = end;
    if (isKey) {
      if (length > this.maxKey) this.maxKey = length;
    } else if (length > this.maxValue) this.maxValue = length;
    return true;
  }
}

class ShapeVisitor implements WalkVisitor {
  readonly nodes = kindSet(Msg.LogRecord);
  readonly scalars = kindSet(Msg.KeyValue, Msg.AnyValue);
  readonly tracker = new ShapeTracker();
  shape: RecordShape = unknownShape;

  enter(kind: MessageKind): void {
    if (kind === Msg.LogRecord) this.tracker.begin();
  }

  leave(kind: MessageKind, _start: number, _end: number, children: number, deepest: number): void {
    if (kind === Msg.LogRecord) this.shape = this.tracker.end(children, deepest);
  }

  scalar(kind: MessageKind, field: number, r: WireReader): boolean {
    return this.tracker.scalar(kind, field, r);
  }
}

/** The shape of one LogRecord's bytes; `unknownShape` when they cannot be read. */
export function recordShape(bytes: Uint8Array): RecordShape {
  // Walked as the one record of a ScopeLogs, so the walk reports its end.
  const head = [0x12];
  for (let n = bytes.length; ; n = Math.floor(n / 128)) {
    head.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    if (n <= 0x7f) break;
  }
  const framed = new Uint8Array(head.length + bytes.length);
  framed.set(head);
  framed.set(bytes, head.length);
  const visitor = new ShapeVisitor();
  try {
    walk(framed, Msg.ScopeLogs, visitor);
  } catch {
    return unknownShape;
  }
  return visitor.shape;
}
