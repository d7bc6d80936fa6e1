import { OtlpDecodeError } from './errors';
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
import { WireReader, WireType } from './protobuf/reader';

/**
 * Binary protobuf -> model, field numbers as in opentelemetry-proto (see
 * schema.ts). Unknown fields are skipped; a known field with the wrong wire
 * type is an error (its bytes cannot mean what the schema says). Repeated
 * embedded messages that appear twice are merged as protobuf requires.
 */

const { VARINT, I64, LEN, I32 } = WireType;

/** Decodes the whole input as one message, naming the path and offset of any error. */
function decodeWhole<T>(bytes: Uint8Array, read: (r: WireReader) => T): T {
  const r = new WireReader(bytes);
  return read(r);
}

/** Reads a repeated embedded message, adding `name[index]` to the path of errors inside it. */
function element<T>(r: WireReader, name: string, index: number, read: (r: WireReader) => T): T {
  try {
    return r.enter(read);
  } catch (err) {
    if (err instanceof OtlpDecodeError) throw err.within(`${name}[${index}]`);
    throw err;
  }
}

function field<T>(r: WireReader, name: string, read: (r: WireReader) => T): T {
  try {
    return r.enter(read);
  } catch (err) {
    if (err instanceof OtlpDecodeError) throw err.within(name);
    throw err;
  }
}

export function readAnyValue(r: WireReader): AnyValue {
  // A oneof: the last field present wins, as in any protobuf decoder.
  let value: AnyValue = av.empty();
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, LEN, 'stringValue', at);
        value = av.string(r.string());
        break;
      case 2:
        r.expect(tag, VARINT, 'boolValue', at);
        value = av.bool(r.varint32() !== 0);
        break;
      case 3:
        r.expect(tag, VARINT, 'intValue', at);
        value = { kind: 'int', value: r.int64() };
        break;
      case 4:
        r.expect(tag, I64, 'doubleValue', at);
        value = av.double(r.double());
        break;
      case 5:
        r.expect(tag, LEN, 'arrayValue', at);
        value = av.array(field(r, 'arrayValue', readValueList(readAnyValue, 'values')));
        break;
      case 6:
        r.expect(tag, LEN, 'kvlistValue', at);
        value = av.kvlist(field(r, 'kvlistValue', readValueList(readKeyValue, 'values')));
        break;
      case 7:
        r.expect(tag, LEN, 'bytesValue', at);
        value = av.bytes(new Uint8Array(r.bytesView()));
        break;
      default:
        r.skip(tag);
    }
  }
  return value;
}

/** ArrayValue and KeyValueList: one repeated message field numbered 1. */
function readValueList<T>(readItem: (r: WireReader) => T, name: string) {
  return (r: WireReader): T[] => {
    const items: T[] = [];
    while (!r.atEnd()) {
      const at = r.pos;
      const tag = r.tag();
      if (tag >>> 3 === 1) {
        r.expect(tag, LEN, name, at);
        items.push(element(r, name, items.length, readItem));
      } else r.skip(tag);
    }
    return items;
  };
}

export function readKeyValue(r: WireReader): KeyValue {
  let key = '';
  let value: AnyValue = av.empty();
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag, LEN, 'key', at);
      key = r.string();
    } else if (tag >>> 3 === 2) {
      r.expect(tag, LEN, 'value', at);
      value = field(r, 'value', readAnyValue);
    } else r.skip(tag);
  }
  return { key, value };
}

function readAttributeInto(r: WireReader, attributes: KeyValue[], at: number, tag: number): void {
  r.expect(tag, LEN, 'attributes', at);
  attributes.push(element(r, 'attributes', attributes.length, readKeyValue));
}

export function readResource(r: WireReader): Resource {
  const resource = emptyResource();
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 === 1) readAttributeInto(r, resource.attributes, at, tag);
    else if (tag >>> 3 === 2) {
      r.expect(tag, VARINT, 'droppedAttributesCount', at);
      resource.droppedAttributesCount = r.varint32();
    } else r.skip(tag);
  }
  return resource;
}

export function readScope(r: WireReader): InstrumentationScope {
  const scope = emptyScope();
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, LEN, 'name', at);
        scope.name = r.string();
        break;
      case 2:
        r.expect(tag, LEN, 'version', at);
        scope.version = r.string();
        break;
      case 3:
        readAttributeInto(r, scope.attributes, at, tag);
        break;
      case 4:
        r.expect(tag, VARINT, 'droppedAttributesCount', at);
        scope.droppedAttributesCount = r.varint32();
        break;
      default:
        r.skip(tag);
    }
  }
  return scope;
}

export function readLogRecord(r: WireReader): LogRecord {
  const record = createLogRecord();
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, I64, 'timeUnixNano', at);
        record.timeUnixNano = r.fixed64();
        break;
      case 2:
        r.expect(tag, VARINT, 'severityNumber', at);
        record.severityNumber = r.varint32() | 0; // an enum is an int32
        break;
      case 3:
        r.expect(tag, LEN, 'severityText', at);
        record.severityText = r.string();
        break;
      case 5:
        r.expect(tag, LEN, 'body', at);
        record.body = field(r, 'body', readAnyValue);
        break;
      case 6:
        readAttributeInto(r, record.attributes, at, tag);
        break;
      case 7:
        r.expect(tag, VARINT, 'droppedAttributesCount', at);
        record.droppedAttributesCount = r.varint32();
        break;
      case 8:
        r.expect(tag, I32, 'flags', at);
        record.flags = r.fixed32();
        break;
      case 9:
        r.expect(tag, LEN, 'traceId', at);
        record.traceId = new Uint8Array(r.bytesView());
        break;
      case 10:
        r.expect(tag, LEN, 'spanId', at);
        record.spanId = new Uint8Array(r.bytesView());
        break;
      case 11:
        r.expect(tag, I64, 'observedTimeUnixNano', at);
        record.observedTimeUnixNano = r.fixed64();
        break;
      case 12:
        r.expect(tag, LEN, 'eventName', at);
        record.eventName = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  return record;
}

/** Merging a repeated occurrence of an embedded message, as protobuf does. */
function mergeResource(into: Resource, more: Resource): Resource {
  into.attributes.push(...more.attributes);
  if (more.droppedAttributesCount) into.droppedAttributesCount = more.droppedAttributesCount;
  return into;
}

function mergeScope(into: InstrumentationScope, more: InstrumentationScope): InstrumentationScope {
  into.attributes.push(...more.attributes);
  if (more.name) into.name = more.name;
  if (more.version) into.version = more.version;
  if (more.droppedAttributesCount) into.droppedAttributesCount = more.droppedAttributesCount;
  return into;
}

function readScopeLogs(r: WireReader): ScopeLogs {
  const scopeLogs: ScopeLogs = { scope: emptyScope(), logRecords: [], schemaUrl: '' };
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, LEN, 'scope', at);
        scopeLogs.scope = mergeScope(scopeLogs.scope, field(r, 'scope', readScope));
        break;
      case 2:
        r.expect(tag, LEN, 'logRecords', at);
        scopeLogs.logRecords.push(
          element(r, 'logRecords', scopeLogs.logRecords.length, readLogRecord),
        );
        break;
      case 3:
        r.expect(tag, LEN, 'schemaUrl', at);
        scopeLogs.schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  return scopeLogs;
}

function readResourceLogs(r: WireReader): ResourceLogs {
  const resourceLogs: ResourceLogs = { resource: emptyResource(), scopeLogs: [], schemaUrl: '' };
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, LEN, 'resource', at);
        resourceLogs.resource = mergeResource(
          resourceLogs.resource,
          field(r, 'resource', readResource),
        );
        break;
      case 2:
        r.expect(tag, LEN, 'scopeLogs', at);
        resourceLogs.scopeLogs.push(
          element(r, 'scopeLogs', resourceLogs.scopeLogs.length, readScopeLogs),
        );
        break;
      case 3:
        r.expect(tag, LEN, 'schemaUrl', at);
        resourceLogs.schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  return resourceLogs;
}

function readExportRequest(r: WireReader): ExportLogsServiceRequest {
  const request: ExportLogsServiceRequest = { resourceLogs: [] };
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag, LEN, 'resourceLogs', at);
      request.resourceLogs.push(
        element(r, 'resourceLogs', request.resourceLogs.length, readResourceLogs),
      );
    } else r.skip(tag);
  }
  return request;
}

function readPartialSuccess(r: WireReader): ExportLogsPartialSuccess {
  const partial: ExportLogsPartialSuccess = { rejectedLogRecords: 0n, errorMessage: '' };
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag, VARINT, 'rejectedLogRecords', at);
      partial.rejectedLogRecords = r.int64();
    } else if (tag >>> 3 === 2) {
      r.expect(tag, LEN, 'errorMessage', at);
      partial.errorMessage = r.string();
    } else r.skip(tag);
  }
  return partial;
}

function readExportResponse(r: WireReader): ExportLogsServiceResponse {
  const response: ExportLogsServiceResponse = { partialSuccess: null };
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag, LEN, 'partialSuccess', at);
      response.partialSuccess = field(r, 'partialSuccess', readPartialSuccess);
    } else r.skip(tag);
  }
  return response;
}

export function decodeAnyValue(bytes: Uint8Array): AnyValue {
  return decodeWhole(bytes, readAnyValue);
}

/** Decodes one LogRecord message (the bytes the buffer stores per record). */
export function decodeLogRecord(bytes: Uint8Array): LogRecord {
  return decodeWhole(bytes, readLogRecord);
}

export function decodeResource(bytes: Uint8Array): Resource {
  return decodeWhole(bytes, readResource);
}

export function decodeScope(bytes: Uint8Array): InstrumentationScope {
  return decodeWhole(bytes, readScope);
}

export function decodeExportRequest(bytes: Uint8Array): ExportLogsServiceRequest {
  return decodeWhole(bytes, readExportRequest);
}

export function decodeExportResponse(bytes: Uint8Array): ExportLogsServiceResponse {
  return decodeWhole(bytes, readExportResponse);
}
