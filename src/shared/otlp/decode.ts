import type { OtlpLimits } from './limits';
import {
  av,
  createLogRecord,
  emptyResource,
  emptyScope,
  type AnyValue,
  type ExportLogsPartialSuccess,
  type ExportLogsServiceRequest,
  type ExportLogsServiceResponse,
  type InstrumentationScope,
  type KeyValue,
  type LogRecord,
  type Resource,
  type ResourceLogs,
  type ScopeLogs,
} from './model';
import { Msg, type MessageKind } from './protobuf/logs-schema';
import type { WireReader } from './protobuf/reader';
import { kindSet, walk, type WalkVisitor } from './protobuf/walk';

/**
 * Binary protobuf -> model, field numbers as in opentelemetry-proto. The
 * bytes are walked once by the iterative walker (protobuf/walk.ts), which
 * checks wire types, lengths and limits; this visitor only builds objects.
 * Unknown fields are skipped; a repeated occurrence of an embedded message is
 * merged into the first, as protobuf requires; in an AnyValue (a oneof) the
 * last member present wins.
 */

/** An AnyValue being read: the member seen last. */
interface ValueSlot {
  value: AnyValue;
}

type Node =
  | ExportLogsServiceRequest
  | ResourceLogs
  | Resource
  | ScopeLogs
  | InstrumentationScope
  | LogRecord
  | KeyValue
  | ValueSlot
  | AnyValue[]
  | KeyValue[]
  | ExportLogsServiceResponse
  | ExportLogsPartialSuccess;

const everyMessage = kindSet(
  Msg.ResourceLogs,
  Msg.Resource,
  Msg.ScopeLogs,
  Msg.Scope,
  Msg.LogRecord,
  Msg.KeyValue,
  Msg.AnyValue,
  Msg.ArrayValue,
  Msg.KeyValueList,
  Msg.PartialSuccess,
);

/** Builds the model of one message as the walker reports it. */
class ModelBuilder implements WalkVisitor {
  readonly nodes = everyMessage;
  readonly scalars = everyMessage;
  private readonly stack: Node[];

  constructor(root: Node) {
    this.stack = [root];
  }

  private top<T extends Node>(): T {
    return this.stack[this.stack.length - 1] as T;
  }

  enter(kind: MessageKind, field: number, parent: MessageKind): void {
    const p = this.top();
    let node: Node;
    switch (kind) {
      case Msg.ResourceLogs: {
        const rl: ResourceLogs = { resource: emptyResource(), scopeLogs: [], schemaUrl: '' };
        (p as ExportLogsServiceRequest).resourceLogs.push(rl);
        node = rl;
        break;
      }
      case Msg.Resource:
        node = (p as ResourceLogs).resource; // a repeat merges into the same object
        break;
      case Msg.ScopeLogs: {
        const sl: ScopeLogs = { scope: emptyScope(), logRecords: [], schemaUrl: '' };
        (p as ResourceLogs).scopeLogs.push(sl);
        node = sl;
        break;
      }
      case Msg.Scope:
        node = (p as ScopeLogs).scope;
        break;
      case Msg.LogRecord: {
        const record = createLogRecord();
        (p as ScopeLogs).logRecords.push(record);
        node = record;
        break;
      }
      case Msg.KeyValue: {
        const kv: KeyValue = { key: '', value: av.empty() };
        if (parent === Msg.KeyValueList) (p as KeyValue[]).push(kv);
        else (p as Resource | InstrumentationScope | LogRecord).attributes.push(kv);
        node = kv;
        break;
      }
      case Msg.AnyValue:
        node = { value: av.empty() } satisfies ValueSlot;
        break;
      case Msg.ArrayValue:
      case Msg.KeyValueList:
        node = [];
        break;
      case Msg.PartialSuccess: {
        const partial: ExportLogsPartialSuccess = { rejectedLogRecords: 0n, errorMessage: '' };
        (p as ExportLogsServiceResponse).partialSuccess = partial;
        node = partial;
        break;
      }
      default:
        throw new Error(`internal: no model for message kind ${kind} in field ${field}`);
    }
    this.stack.push(node);
  }

  leave(kind: MessageKind): void {
    const node = this.stack.pop()!;
    const p = this.top();
    if (kind === Msg.AnyValue) {
      const value = (node as ValueSlot).value;
      if (Array.isArray(p)) (p as AnyValue[]).push(value);
      else if ('body' in p) (p as LogRecord).body = value;
      else (p as KeyValue).value = value;
    } else if (kind === Msg.ArrayValue) {
      (p as ValueSlot).value = av.array(node as AnyValue[]);
    } else if (kind === Msg.KeyValueList) {
      (p as ValueSlot).value = av.kvlist(node as KeyValue[]);
    }
  }

  scalar(kind: MessageKind, field: number, r: WireReader): boolean {
    const n = this.top();
    switch (kind) {
      case Msg.AnyValue:
        return readValueMember(n as ValueSlot, field, r);
      case Msg.KeyValue:
        if (field !== 1) return false;
        (n as KeyValue).key = r.string();
        return true;
      case Msg.LogRecord:
        return readRecordField(n as LogRecord, field, r);
      case Msg.Resource:
      case Msg.Scope:
        return readScopeOrResourceField(n as InstrumentationScope, kind, field, r);
      case Msg.ResourceLogs:
      case Msg.ScopeLogs:
        if (field !== 3) return false;
        (n as ResourceLogs | ScopeLogs).schemaUrl = r.string();
        return true;
      case Msg.PartialSuccess: {
        const partial = n as ExportLogsPartialSuccess;
        if (field === 1) partial.rejectedLogRecords = r.int64();
        else if (field === 2) partial.errorMessage = r.string();
        else return false;
        return true;
      }
      default:
        return false;
    }
  }
}

function readValueMember(slot: ValueSlot, field: number, r: WireReader): boolean {
  switch (field) {
    case 1:
      slot.value = av.string(r.string());
      return true;
    case 2:
      slot.value = av.bool(r.varint32() !== 0);
      return true;
    case 3:
      slot.value = { kind: 'int', value: r.int64() };
      return true;
    case 4:
      slot.value = av.double(r.double());
      return true;
    case 7:
      slot.value = av.bytes(new Uint8Array(r.bytesView()));
      return true;
    default:
      return false;
  }
}

function readRecordField(record: LogRecord, field: number, r: WireReader): boolean {
  switch (field) {
    case 1:
      record.timeUnixNano = r.fixed64();
      return true;
    case 2:
      record.severityNumber = r.varint32() | 0; // an enum is an int32
      return true;
    case 3:
      record.severityText = r.string();
      return true;
    case 7:
      record.droppedAttributesCount = r.varint32();
      return true;
    case 8:
      record.flags = r.fixed32();
      return true;
    case 9:
      record.traceId = new Uint8Array(r.bytesView());
      return true;
    case 10:
      record.spanId = new Uint8Array(r.bytesView());
      return true;
    case 11:
      record.observedTimeUnixNano = r.fixed64();
      return true;
    case 12:
      record.eventName = r.string();
      return true;
    default:
      return false;
  }
}

function readScopeOrResourceField(
  node: InstrumentationScope,
  kind: MessageKind,
  field: number,
  r: WireReader,
): boolean {
  if (kind === Msg.Resource) {
    if (field !== 2) return false;
    (node as Resource).droppedAttributesCount = r.varint32();
    return true;
  }
  // A repeated scope merges: a later non-empty name or version wins.
  if (field === 1 || field === 2) {
    const text = r.string();
    if (text && field === 1) node.name = text;
    else if (text) node.version = text;
  } else if (field === 4) node.droppedAttributesCount = r.varint32();
  else return false;
  return true;
}

function decodeAs<T extends Node>(
  bytes: Uint8Array,
  kind: MessageKind,
  root: T,
  limits?: OtlpLimits,
): T {
  walk(bytes, kind, new ModelBuilder(root), limits);
  return root;
}

export function decodeAnyValue(bytes: Uint8Array, limits?: OtlpLimits): AnyValue {
  return decodeAs(bytes, Msg.AnyValue, { value: av.empty() } as ValueSlot, limits).value;
}

/** Decodes one LogRecord message (the bytes the buffer stores per record). */
export function decodeLogRecord(bytes: Uint8Array, limits?: OtlpLimits): LogRecord {
  return decodeAs(bytes, Msg.LogRecord, createLogRecord(), limits);
}

export function decodeResource(bytes: Uint8Array, limits?: OtlpLimits): Resource {
  return decodeAs(bytes, Msg.Resource, emptyResource(), limits);
}

export function decodeScope(bytes: Uint8Array, limits?: OtlpLimits): InstrumentationScope {
  return decodeAs(bytes, Msg.Scope, emptyScope(), limits);
}

export function decodeExportRequest(
  bytes: Uint8Array,
  limits?: OtlpLimits,
): ExportLogsServiceRequest {
  return decodeAs(bytes, Msg.Request, { resourceLogs: [] } as ExportLogsServiceRequest, limits);
}

export function decodeExportResponse(bytes: Uint8Array): ExportLogsServiceResponse {
  return decodeAs(bytes, Msg.Response, { partialSuccess: null } as ExportLogsServiceResponse);
}
