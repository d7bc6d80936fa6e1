import { bytesToBase64, bytesToHex } from './bytes';
import type {
  AnyValue,
  ExportLogsServiceRequest,
  ExportLogsServiceResponse,
  InstrumentationScope,
  KeyValue,
  LogRecord,
  Resource,
} from './model';

/**
 * Model -> OTLP/JSON (the OTLP specification's JSON mapping): lowerCamelCase
 * keys, trace and span ids as lowercase hex, 64-bit integers as decimal
 * strings, enums as integers, bytes values as base64. As in proto3 JSON,
 * fields at their default value are left out; an AnyValue always shows its
 * member, even '' or 0. The result is plain JSON data: `JSON.stringify` it.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

function doubleToJson(value: number): JsonValue {
  // JSON has no NaN or Infinity; proto3 JSON spells them as strings.
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function anyValueToJson(value: AnyValue): JsonObject {
  switch (value.kind) {
    case 'empty':
      return {};
    case 'string':
      return { stringValue: value.value };
    case 'bool':
      return { boolValue: value.value };
    case 'int':
      return { intValue: value.value.toString() };
    case 'double':
      return { doubleValue: doubleToJson(value.value) };
    case 'bytes':
      return { bytesValue: bytesToBase64(value.value) };
    case 'array':
      return { arrayValue: { values: value.value.map(anyValueToJson) } };
    case 'kvlist':
      return { kvlistValue: { values: value.value.map(keyValueToJson) } };
  }
}

function keyValueToJson(kv: KeyValue): JsonObject {
  return { key: kv.key, value: anyValueToJson(kv.value) };
}

/** Adds `key: value` unless the value is the field's default. */
function put(out: JsonObject, key: string, value: JsonValue | undefined, isDefault: boolean) {
  if (!isDefault && value !== undefined) out[key] = value;
}

function attributesInto(out: JsonObject, attributes: readonly KeyValue[], dropped: number) {
  put(out, 'attributes', attributes.map(keyValueToJson), attributes.length === 0);
  put(out, 'droppedAttributesCount', dropped, dropped === 0);
}

export function resourceToJson(resource: Resource): JsonObject {
  const out: JsonObject = {};
  attributesInto(out, resource.attributes, resource.droppedAttributesCount);
  return out;
}

export function scopeToJson(scope: InstrumentationScope): JsonObject {
  const out: JsonObject = {};
  put(out, 'name', scope.name, scope.name === '');
  put(out, 'version', scope.version, scope.version === '');
  attributesInto(out, scope.attributes, scope.droppedAttributesCount);
  return out;
}

export function logRecordToJson(record: LogRecord): JsonObject {
  const out: JsonObject = {};
  put(out, 'timeUnixNano', record.timeUnixNano.toString(), record.timeUnixNano === 0n);
  put(
    out,
    'observedTimeUnixNano',
    record.observedTimeUnixNano.toString(),
    record.observedTimeUnixNano === 0n,
  );
  put(out, 'severityNumber', record.severityNumber, record.severityNumber === 0);
  put(out, 'severityText', record.severityText, record.severityText === '');
  put(out, 'body', anyValueToJson(record.body), record.body.kind === 'empty');
  attributesInto(out, record.attributes, record.droppedAttributesCount);
  put(out, 'flags', record.flags, record.flags === 0);
  put(out, 'traceId', bytesToHex(record.traceId), record.traceId.length === 0);
  put(out, 'spanId', bytesToHex(record.spanId), record.spanId.length === 0);
  put(out, 'eventName', record.eventName, record.eventName === '');
  return out;
}

export function exportRequestToJson(request: ExportLogsServiceRequest): JsonObject {
  return {
    resourceLogs: request.resourceLogs.map((rl) => {
      const out: JsonObject = {};
      const resource = resourceToJson(rl.resource);
      put(out, 'resource', resource, Object.keys(resource).length === 0);
      out.scopeLogs = rl.scopeLogs.map((sl) => {
        const scopeOut: JsonObject = {};
        const scope = scopeToJson(sl.scope);
        put(scopeOut, 'scope', scope, Object.keys(scope).length === 0);
        scopeOut.logRecords = sl.logRecords.map(logRecordToJson);
        put(scopeOut, 'schemaUrl', sl.schemaUrl, sl.schemaUrl === '');
        return scopeOut;
      });
      put(out, 'schemaUrl', rl.schemaUrl, rl.schemaUrl === '');
      return out;
    }),
  };
}

export function exportResponseToJson(response: ExportLogsServiceResponse): JsonObject {
  const partial = response.partialSuccess;
  if (!partial) return {};
  const out: JsonObject = {};
  put(
    out,
    'rejectedLogRecords',
    partial.rejectedLogRecords.toString(),
    partial.rejectedLogRecords === 0n,
  );
  put(out, 'errorMessage', partial.errorMessage, partial.errorMessage === '');
  return { partialSuccess: out };
}
