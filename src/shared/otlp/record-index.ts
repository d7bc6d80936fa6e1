import { concatBytes } from './bytes';
import type { OtlpLimits } from './limits';
import { Msg, type MessageKind } from './protobuf/logs-schema';
import type { WireReader } from './protobuf/reader';
import { kindSet, walk, type WalkVisitor } from './protobuf/walk';
import { RecordColumns, type RecordBatch, type RecordGroup } from './record-batch';
import { ShapeTracker } from './record-shape';

const EMPTY: Uint8Array = new Uint8Array(0);
const utf8 = new TextDecoder();

/**
 * Walks a received ExportLogsServiceRequest once and notes, for each
 * LogRecord, where its bytes are, its timestamp and severity and its
 * resource + scope group. The whole request is checked on the way (every
 * attribute and body value, within the limits), so what passes can be stored
 * and later spliced into requests a server will parse. Nothing is copied: the
 * batch's payload is the request, and resources and scopes are views into it
 * (a repeated Resource or scope field is merged by concatenation, protobuf's
 * merge rule).
 */
class RequestIndexer implements WalkVisitor {
  readonly nodes = kindSet(Msg.ResourceLogs, Msg.Resource, Msg.ScopeLogs, Msg.Scope, Msg.LogRecord);
  readonly scalars = kindSet(
    Msg.ResourceLogs,
    Msg.ScopeLogs,
    Msg.LogRecord,
    Msg.KeyValue,
    Msg.AnyValue,
  );
  readonly columns = new RecordColumns();
  private readonly shape = new ShapeTracker();
  readonly groups: RecordGroup[] = [];
  private resourceGroups: RecordGroup[] = [];
  private resource = EMPTY;
  private resourceSchemaUrl = '';
  private group: RecordGroup | null = null;
  private groupIndex = -1;
  private timeMs = 0;
  private severity = 0;

  constructor(private readonly bytes: Uint8Array) {}

  enter(kind: MessageKind, _field: number, _parent: MessageKind, start: number, end: number): void {
    switch (kind) {
      case Msg.ResourceLogs:
        this.resource = EMPTY;
        this.resourceSchemaUrl = '';
        this.resourceGroups = [];
        break;
      case Msg.Resource:
        this.resource = merged(this.resource, this.bytes.subarray(start, end));
        break;
      case Msg.ScopeLogs:
        this.group = { resource: EMPTY, resourceSchemaUrl: '', scope: EMPTY, scopeSchemaUrl: '' };
        this.groupIndex = this.groups.push(this.group) - 1;
        this.resourceGroups.push(this.group);
        break;
      case Msg.Scope:
        this.group!.scope = merged(this.group!.scope, this.bytes.subarray(start, end));
        break;
      case Msg.LogRecord:
        this.timeMs = 0;
        this.severity = 0;
        this.shape.begin();
        break;
    }
  }

  leave(kind: MessageKind, start: number, end: number, children: number, deepest: number): void {
    if (kind === Msg.LogRecord) {
      const shape = this.shape.end(children, deepest);
      this.columns.push(this.groupIndex, start, end - start, this.timeMs, this.severity, shape);
    } else if (kind === Msg.ResourceLogs) {
      // The resource may come after its scope groups in the bytes.
      for (const g of this.resourceGroups) {
        g.resource = this.resource;
        g.resourceSchemaUrl = this.resourceSchemaUrl;
      }
    }
  }

  scalar(kind: MessageKind, field: number, r: WireReader): boolean {
    if (kind === Msg.KeyValue || kind === Msg.AnyValue) return this.shape.scalar(kind, field, r);
    if (kind === Msg.LogRecord) {
      if (field === 1) {
        this.timeMs = r.fixed64Number() / 1e6;
        return true;
      }
      if (field === 2) {
        this.severity = r.varint32() | 0;
        return true;
      }
      return false;
    }
    if (field !== 3) return false;
    const url = readText(r);
    if (kind === Msg.ResourceLogs) this.resourceSchemaUrl = url;
    else this.group!.scopeSchemaUrl = url;
    return true;
  }
}

function merged(previous: Uint8Array, next: Uint8Array): Uint8Array {
  return previous.length === 0 ? next : concatBytes([previous, next]);
}

function readText(r: WireReader): string {
  const end = r.lengthDelimited();
  const text = end === r.pos ? '' : utf8.decode(r.buf.subarray(r.pos, end));
  r.pos = end;
  return text;
}

/**
 * Indexes a binary ExportLogsServiceRequest (see RequestIndexer). Throws
 * OtlpDecodeError naming the path and byte offset of the first malformed
 * field, or OtlpLimitError when the request is beyond `limits`.
 */
export function indexExportRequest(bytes: Uint8Array, limits?: OtlpLimits): RecordBatch {
  const indexer = new RequestIndexer(bytes);
  walk(bytes, Msg.Request, indexer, limits);
  return indexer.columns.batch(bytes, indexer.groups);
}
