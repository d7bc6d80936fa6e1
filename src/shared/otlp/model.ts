/**
 * The in-memory OTLP logs model: plain data, no protobufjs classes, so it can
 * cross threads (structured clone), reach the renderer and be compared with
 * `toEqual` in tests.
 *
 * Representation choices (docs/otlp.md explains them):
 * - 64-bit integers (`timeUnixNano`, `observedTimeUnixNano`, int values,
 *   `rejectedLogRecords`) are `bigint`: a `number` silently loses precision
 *   past 2^53, which is already reached by nanosecond timestamps.
 * - bytes (`traceId`, `spanId`, bytes values) are `Uint8Array`; empty means
 *   unset.
 * - `AnyValue` is a `kind`-tagged union; `{ kind: 'empty' }` is an AnyValue
 *   with no value set (OTLP's way of saying null), and also what an absent
 *   body or KeyValue value decodes to.
 * - Absent messages (resource, scope) decode to empty ones: OTLP gives
 *   "absent" and "empty" the same meaning.
 */

export type AnyValue =
  | { kind: 'empty' }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'double'; value: number }
  | { kind: 'array'; value: AnyValue[] }
  | { kind: 'kvlist'; value: KeyValue[] }
  | { kind: 'bytes'; value: Uint8Array };

export type AnyValueKind = AnyValue['kind'];

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface Resource {
  attributes: KeyValue[];
  droppedAttributesCount: number;
}

export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: KeyValue[];
  droppedAttributesCount: number;
}

export interface LogRecord {
  /** Field 1, fixed64. 0 means unknown. */
  timeUnixNano: bigint;
  /** Field 11, fixed64. 0 means unknown. */
  observedTimeUnixNano: bigint;
  /** Field 2, the SeverityNumber enum (0 = unspecified, 1..24 defined). */
  severityNumber: number;
  severityText: string;
  body: AnyValue;
  attributes: KeyValue[];
  droppedAttributesCount: number;
  /** Field 8, fixed32: the low 8 bits are the W3C trace flags. */
  flags: number;
  /** 16 bytes, or empty when unset. */
  traceId: Uint8Array;
  /** 8 bytes, or empty when unset. */
  spanId: Uint8Array;
  /** Field 12. */
  eventName: string;
}

export interface ScopeLogs {
  scope: InstrumentationScope;
  logRecords: LogRecord[];
  schemaUrl: string;
}

export interface ResourceLogs {
  resource: Resource;
  scopeLogs: ScopeLogs[];
  schemaUrl: string;
}

export interface ExportLogsServiceRequest {
  resourceLogs: ResourceLogs[];
}

export interface ExportLogsPartialSuccess {
  /** How many records the server rejected; 0 with a message is a warning. */
  rejectedLogRecords: bigint;
  errorMessage: string;
}

export interface ExportLogsServiceResponse {
  /** null when the server sent no partial_success (full success). */
  partialSuccess: ExportLogsPartialSuccess | null;
}

/** The OTLP SeverityNumber values that have names (logs data model). */
export const SeverityNumber = {
  UNSPECIFIED: 0,
  TRACE: 1,
  TRACE2: 2,
  TRACE3: 3,
  TRACE4: 4,
  DEBUG: 5,
  DEBUG2: 6,
  DEBUG3: 7,
  DEBUG4: 8,
  INFO: 9,
  INFO2: 10,
  INFO3: 11,
  INFO4: 12,
  WARN: 13,
  WARN2: 14,
  WARN3: 15,
  WARN4: 16,
  ERROR: 17,
  ERROR2: 18,
  ERROR3: 19,
  ERROR4: 20,
  FATAL: 21,
  FATAL2: 22,
  FATAL3: 23,
  FATAL4: 24,
} as const;

/** `SEVERITY_NUMBER_INFO` etc., the enum value names OTLP/JSON may carry. */
export function severityNumberEnumName(n: number): string | undefined {
  for (const [name, value] of Object.entries(SeverityNumber)) {
    if (value === n) return `SEVERITY_NUMBER_${name}`;
  }
  return undefined;
}

/** Builders for AnyValue, so callers need not spell the tags. */
export const av = {
  empty: (): AnyValue => ({ kind: 'empty' }),
  string: (value: string): AnyValue => ({ kind: 'string', value }),
  bool: (value: boolean): AnyValue => ({ kind: 'bool', value }),
  int: (value: bigint | number): AnyValue => ({ kind: 'int', value: BigInt(value) }),
  double: (value: number): AnyValue => ({ kind: 'double', value }),
  array: (value: AnyValue[]): AnyValue => ({ kind: 'array', value }),
  kvlist: (value: KeyValue[]): AnyValue => ({ kind: 'kvlist', value }),
  bytes: (value: Uint8Array): AnyValue => ({ kind: 'bytes', value }),
};

export function kv(key: string, value: AnyValue): KeyValue {
  return { key, value };
}

/**
 * Converts a plain JavaScript value (for example a parsed JSON log line) to an
 * AnyValue. Integers become `int` (JSON cannot tell 3 from 3.0, and ints are
 * what log attributes usually mean), other numbers `double`; objects become
 * kvlists in key order; null and undefined become empty.
 */
export function anyValueFromJs(value: unknown): AnyValue {
  if (value === null || value === undefined) return av.empty();
  switch (typeof value) {
    case 'string':
      return av.string(value);
    case 'boolean':
      return av.bool(value);
    case 'bigint':
      return av.int(value);
    case 'number':
      return Number.isSafeInteger(value) ? av.int(value) : av.double(value);
    case 'object':
      if (value instanceof Uint8Array) return av.bytes(value);
      if (Array.isArray(value)) return av.array(value.map(anyValueFromJs));
      return av.kvlist(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => kv(k, anyValueFromJs(v))),
      );
    default:
      return av.string(String(value));
  }
}

export function emptyResource(): Resource {
  return { attributes: [], droppedAttributesCount: 0 };
}

export function emptyScope(): InstrumentationScope {
  return { name: '', version: '', attributes: [], droppedAttributesCount: 0 };
}

/** A LogRecord with every field at its protobuf default, overridden by `fields`. */
export function createLogRecord(fields: Partial<LogRecord> = {}): LogRecord {
  return {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: '',
    body: av.empty(),
    attributes: [],
    droppedAttributesCount: 0,
    flags: 0,
    traceId: new Uint8Array(0),
    spanId: new Uint8Array(0),
    eventName: '',
    ...fields,
  };
}
