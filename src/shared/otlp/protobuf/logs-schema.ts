import { WireType } from './reader';

/**
 * The OTLP logs messages as a table the walker (walk.ts) reads: for each
 * message, its known fields with their wire type and, for embedded messages,
 * what they hold. Field numbers and names are opentelemetry-proto's (names as
 * OTLP/JSON spells them, for error paths). A field not listed is skipped, as
 * protobuf requires of unknown fields.
 */

export const Msg = {
  Request: 0,
  ResourceLogs: 1,
  Resource: 2,
  ScopeLogs: 3,
  Scope: 4,
  LogRecord: 5,
  KeyValue: 6,
  AnyValue: 7,
  ArrayValue: 8,
  KeyValueList: 9,
  Response: 10,
  PartialSuccess: 11,
} as const;
export type MessageKind = (typeof Msg)[keyof typeof Msg];
export const messageKinds = 12;

export interface FieldSpec {
  readonly name: string;
  readonly wire: number;
  /** The message an embedded field holds; -1 for scalars, strings and bytes. */
  readonly child: MessageKind | -1;
  /** A repeated embedded message: error paths number its elements. */
  readonly repeated: boolean;
}

const { VARINT, I64, LEN, I32 } = WireType;
const scalar = (name: string, wire: number): FieldSpec => ({
  name,
  wire,
  child: -1,
  repeated: false,
});
const one = (name: string, child: MessageKind): FieldSpec => ({
  name,
  wire: LEN,
  child,
  repeated: false,
});
const many = (name: string, child: MessageKind): FieldSpec => ({
  name,
  wire: LEN,
  child,
  repeated: true,
});

/** fields[kind][fieldNumber]; holes are unknown fields. */
export const fields: readonly (readonly (FieldSpec | undefined)[])[] = (() => {
  const t: (FieldSpec | undefined)[][] = Array.from({ length: messageKinds }, () => []);
  t[Msg.Request]![1] = many('resourceLogs', Msg.ResourceLogs);

  t[Msg.ResourceLogs]![1] = one('resource', Msg.Resource);
  t[Msg.ResourceLogs]![2] = many('scopeLogs', Msg.ScopeLogs);
  t[Msg.ResourceLogs]![3] = scalar('schemaUrl', LEN);

  t[Msg.Resource]![1] = many('attributes', Msg.KeyValue);
  t[Msg.Resource]![2] = scalar('droppedAttributesCount', VARINT);

  t[Msg.ScopeLogs]![1] = one('scope', Msg.Scope);
  t[Msg.ScopeLogs]![2] = many('logRecords', Msg.LogRecord);
  t[Msg.ScopeLogs]![3] = scalar('schemaUrl', LEN);

  t[Msg.Scope]![1] = scalar('name', LEN);
  t[Msg.Scope]![2] = scalar('version', LEN);
  t[Msg.Scope]![3] = many('attributes', Msg.KeyValue);
  t[Msg.Scope]![4] = scalar('droppedAttributesCount', VARINT);

  t[Msg.LogRecord]![1] = scalar('timeUnixNano', I64);
  t[Msg.LogRecord]![2] = scalar('severityNumber', VARINT);
  t[Msg.LogRecord]![3] = scalar('severityText', LEN);
  t[Msg.LogRecord]![5] = one('body', Msg.AnyValue);
  t[Msg.LogRecord]![6] = many('attributes', Msg.KeyValue);
  t[Msg.LogRecord]![7] = scalar('droppedAttributesCount', VARINT);
  t[Msg.LogRecord]![8] = scalar('flags', I32);
  t[Msg.LogRecord]![9] = scalar('traceId', LEN);
  t[Msg.LogRecord]![10] = scalar('spanId', LEN);
  t[Msg.LogRecord]![11] = scalar('observedTimeUnixNano', I64);
  t[Msg.LogRecord]![12] = scalar('eventName', LEN);

  t[Msg.KeyValue]![1] = scalar('key', LEN);
  t[Msg.KeyValue]![2] = one('value', Msg.AnyValue);

  t[Msg.AnyValue]![1] = scalar('stringValue', LEN);
  t[Msg.AnyValue]![2] = scalar('boolValue', VARINT);
  t[Msg.AnyValue]![3] = scalar('intValue', VARINT);
  t[Msg.AnyValue]![4] = scalar('doubleValue', I64);
  t[Msg.AnyValue]![5] = one('arrayValue', Msg.ArrayValue);
  t[Msg.AnyValue]![6] = one('kvlistValue', Msg.KeyValueList);
  t[Msg.AnyValue]![7] = scalar('bytesValue', LEN);

  t[Msg.ArrayValue]![1] = many('values', Msg.AnyValue);
  t[Msg.KeyValueList]![1] = many('values', Msg.KeyValue);

  t[Msg.Response]![1] = one('partialSuccess', Msg.PartialSuccess);
  t[Msg.PartialSuccess]![1] = scalar('rejectedLogRecords', VARINT);
  t[Msg.PartialSuccess]![2] = scalar('errorMessage', LEN);
  return t;
})();
