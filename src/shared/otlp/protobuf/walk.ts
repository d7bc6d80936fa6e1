import { OtlpDecodeError } from '../errors';
import { defaultOtlpLimits, OtlpLimitError, type OtlpLimits } from '../limits';
import { fields, Msg, type MessageKind } from './logs-schema';
import { WireReader } from './reader';

/**
 * The one walk over OTLP logs protobuf (docs/otlp.md, "The walker"). It is
 * iterative: an explicit stack of the messages it is inside, never a call per
 * nesting level, so no input can exhaust the call stack. While it walks it
 * checks every known field's wire type, every length against what encloses
 * it, and the limits (limits.ts); it stops at the first problem with an
 * OtlpDecodeError naming the path (OTLP/JSON names) and the byte offset.
 *
 * What is made of the bytes is the visitor's business: the model decoder
 * (decode.ts) builds objects, the indexer (record-index.ts) notes where each
 * LogRecord is. A visitor says which messages it wants to hear about, so
 * the indexer pays nothing for the attributes it only needs checked.
 */
export interface WalkVisitor {
  /** By message kind: call enter/leave for embedded messages of this kind. */
  readonly nodes: readonly boolean[];
  /** By message kind: offer its scalar fields (numbers, strings, bytes) to `scalar`. */
  readonly scalars: readonly boolean[];
  /** An embedded message of `kind` starts at `start` (after its length) and ends at `end`. */
  enter(kind: MessageKind, field: number, parent: MessageKind, start: number, end: number): void;
  /**
   * It ended. `children`: how many elements its repeated message field had
   * (a LogRecord's attributes); `deepest`: for a LogRecord, the deepest value
   * nesting in it (0: no value; 1: only scalar values).
   */
  leave(kind: MessageKind, start: number, end: number, children: number, deepest: number): void;
  /**
   * A scalar field of a `kind` message, its tag already read and its wire
   * type checked. Read the value from `r` and return true, or return false
   * to have it skipped.
   */
  scalar(kind: MessageKind, field: number, r: WireReader): boolean;
}

/** What a walk counted, for callers that report it. */
export interface WalkCounts {
  records: number;
  values: number;
}

export function walk(
  bytes: Uint8Array,
  root: MessageKind,
  visitor: WalkVisitor,
  limits: OtlpLimits = defaultOtlpLimits,
): WalkCounts {
  const r = new WireReader(bytes);
  // Each level of value nesting takes at most three messages (AnyValue,
  // KeyValueList, KeyValue); the envelope above the first value at most five.
  const capacity = 3 * limits.maxValueDepth + 8;
  const kinds = new Uint8Array(capacity);
  const ends = new Float64Array(capacity);
  const starts = new Float64Array(capacity);
  const fieldNumbers = new Uint16Array(capacity);
  const indexes = new Uint32Array(capacity);
  const childCounts = new Uint32Array(capacity);
  let depth = 0;
  kinds[0] = root;
  ends[0] = bytes.length;
  let valueDepth = 0;
  let deepestInRecord = 0;
  let records = 0;
  let values = 0;
  const { nodes, scalars } = visitor;

  try {
    for (;;) {
      const kind = kinds[depth] as MessageKind;
      if (r.pos >= r.end) {
        if (depth === 0) break;
        const start = starts[depth]!;
        const end = ends[depth]!;
        if (kind === Msg.AnyValue) valueDepth--;
        if (nodes[kind]) visitor.leave(kind, start, end, childCounts[depth]!, deepestInRecord);
        depth--;
        r.end = ends[depth]!;
        continue;
      }
      const at = r.pos;
      const tag = r.tag();
      const field = tag >>> 3;
      const spec = fields[kind]![field];
      if (spec === undefined) {
        r.skip(tag);
        continue;
      }
      r.expect(tag, spec.wire, spec.name, at);
      if (spec.child === -1) {
        if (!scalars[kind] || !visitor.scalar(kind, field, r)) r.skip(tag);
        continue;
      }
      const child = spec.child;
      const index = spec.repeated ? childCounts[depth]! : 0;
      let end: number;
      try {
        end = r.lengthDelimited();
      } catch (err) {
        // The child's own length is broken: the error is the child's.
        if (err instanceof OtlpDecodeError) {
          const segment = spec.repeated ? `${spec.name}[${index}]` : spec.name;
          throw err.within(segment);
        }
        throw err;
      }
      if (child === Msg.AnyValue) {
        if (++valueDepth > limits.maxValueDepth)
          throw new OtlpLimitError('maxValueDepth', limits.maxValueDepth, { offset: at });
        if (valueDepth > deepestInRecord) deepestInRecord = valueDepth;
        if (++values > limits.maxValues)
          throw new OtlpLimitError('maxValues', limits.maxValues, { offset: at });
      } else if (child === Msg.KeyValue) {
        if (++values > limits.maxValues)
          throw new OtlpLimitError('maxValues', limits.maxValues, { offset: at });
      } else if (child === Msg.LogRecord) {
        if (++records > limits.maxRecords)
          throw new OtlpLimitError('maxRecords', limits.maxRecords, { offset: at });
        deepestInRecord = 0;
      }
      if (depth + 1 >= capacity) {
        // Only an envelope message repeated inside itself could get here
        // (values are bounded above); treat it like values nested too deep.
        throw new OtlpLimitError('maxValueDepth', limits.maxValueDepth, { offset: at });
      }
      if (spec.repeated) childCounts[depth]!++;
      depth++;
      kinds[depth] = child;
      starts[depth] = r.pos;
      ends[depth] = end;
      fieldNumbers[depth] = field;
      indexes[depth] = index;
      childCounts[depth] = 0;
      r.end = end;
      if (nodes[child]) visitor.enter(child, field, kind, r.pos, end);
    }
  } catch (err) {
    if (err instanceof OtlpDecodeError && depth > 0)
      throw err.at(pathOf(kinds, fieldNumbers, indexes, depth, err.path));
    throw err;
  }
  return { records, values };
}

/** `resourceLogs[0].scopeLogs[1].logRecords[3].body` for the messages on the stack. */
function pathOf(
  kinds: Uint8Array,
  fieldNumbers: Uint16Array,
  indexes: Uint32Array,
  depth: number,
  inner: string,
): string {
  const segments: string[] = [];
  for (let d = 1; d <= depth; d++) {
    const spec = fields[kinds[d - 1]!]![fieldNumbers[d]!]!;
    segments.push(spec.repeated ? `${spec.name}[${indexes[d]}]` : spec.name);
  }
  // A path through deeply nested values is shortened so the message stays
  // readable: where the value starts, how deep it went, and where it broke.
  const keep = 8;
  const shown =
    segments.length > keep * 2
      ? [...segments.slice(0, keep), `(${segments.length - keep - 2} more)`, ...segments.slice(-2)]
      : segments;
  const path = shown.join('.');
  if (!inner) return path;
  return inner.startsWith('[') ? path + inner : `${path}.${inner}`;
}

/** A kind set for WalkVisitor.nodes / .scalars. */
export function kindSet(...kinds: MessageKind[]): boolean[] {
  const set = new Array<boolean>(12).fill(false);
  for (const k of kinds) set[k] = true;
  return set;
}
