import { base64ToBytes, hexToBytes } from './bytes';
import { OtlpDecodeError } from './errors';
import { JsonIntegerExactness } from './json-numbers';
import { defaultOtlpLimits, OtlpLimitError, type OtlpLimits } from './limits';
import { findJsonSyntaxProblem, lineAndColumn } from './json-syntax';
import {
  av,
  createLogRecord,
  emptyResource,
  emptyScope,
  SeverityNumber,
  type AnyValue,
  type ExportLogsServiceRequest,
  type ExportLogsServiceResponse,
  type InstrumentationScope,
  type KeyValue,
  type LogRecord,
  type Resource,
  type ResourceLogs,
  type ScopeLogs,
} from './model';

/**
 * OTLP/JSON -> model, validating as it goes. Every error is an
 * OtlpDecodeError whose path names the offending field, e.g.
 * `resourceLogs[0].scopeLogs[1].logRecords[3].timeUnixNano: expected a decimal string`.
 *
 * Lenient where the OTLP and proto3 JSON specifications say receivers must
 * be: unknown fields are ignored, null means "not set", the original
 * snake_case field names are accepted beside lowerCamelCase, 64-bit integers
 * may be numbers, enums may be their names, bytes may be URL-safe base64.
 */

type Obj = Record<string, unknown>;

/**
 * The source text of the request being decoded, for int64Value's exactness
 * check. Set only for the duration of one synchronous exportRequestFromJson
 * call, so that the check need not be threaded through every decoder below.
 */
let sourceNumbers: JsonIntegerExactness | null = null;

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function fail(path: string, reason: string): never {
  throw new OtlpDecodeError(reason, { path });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, path: string): Obj {
  if (!isObject(value)) fail(path, `expected an object, got ${describe(value)}`);
  return value;
}

/** Converts a camelCase name to the proto field name (`timeUnixNano` -> `time_unix_nano`). */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The field's value under its JSON name or proto name; undefined when absent or null. */
function get(obj: Obj, name: string): unknown {
  const value = Object.hasOwn(obj, name) ? obj[name] : obj[snake(name)];
  return value === null ? undefined : value;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function arrayField(obj: Obj, name: string, path: string): { items: unknown[]; path: string } {
  const p = join(path, name);
  const value = get(obj, name);
  if (value === undefined) return { items: [], path: p };
  if (!Array.isArray(value)) fail(p, `expected an array, got ${describe(value)}`);
  return { items: value, path: p };
}

function stringField(obj: Obj, name: string, path: string): string {
  const value = get(obj, name);
  if (value === undefined) return '';
  if (typeof value !== 'string')
    fail(join(path, name), `expected a string, got ${describe(value)}`);
  return value;
}

/** A 64-bit integer: a decimal string, or a JSON number that is an exact integer. */
function int64Value(value: unknown, path: string, unsigned: boolean): bigint {
  let n: bigint;
  if (typeof value === 'string') {
    if (!/^-?\d+$/.test(value)) fail(path, `expected a decimal string, got ${describe(value)}`);
    n = BigInt(value);
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) fail(path, `expected an integer, got ${value}`);
    // JSON.parse has already rounded anything past 2^53: accept it only when the source
    // text shows it was exactly this integer (json-numbers.ts); otherwise refuse, never guess.
    if (!Number.isSafeInteger(value) && !(sourceNumbers?.isExact(value) ?? false)) {
      const why = sourceNumbers
        ? 'is not exactly the integer written (JSON numbers past 2^53 round)'
        : 'may have lost precision';
      fail(path, `the number ${value} is beyond 2^53 and ${why}; send it as a decimal string`);
    }
    n = BigInt(value);
  } else {
    fail(path, `expected a decimal string, got ${describe(value)}`);
  }
  const [min, max] = unsigned ? [0n, UINT64_MAX] : [INT64_MIN, INT64_MAX];
  if (n < min || n > max) fail(path, `${n} is out of range for ${unsigned ? 'uint64' : 'int64'}`);
  return n;
}

function int64Field(obj: Obj, name: string, path: string, unsigned: boolean): bigint {
  const value = get(obj, name);
  return value === undefined ? 0n : int64Value(value, join(path, name), unsigned);
}

/** uint32 / fixed32: a JSON number or a decimal string. */
function uint32Field(obj: Obj, name: string, path: string): number {
  const value = get(obj, name);
  if (value === undefined) return 0;
  const p = join(path, name);
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    fail(p, `expected an unsigned 32-bit integer, got ${describe(value)}`);
  }
  return n;
}

function severityNumberField(obj: Obj, path: string): number {
  const value = get(obj, 'severityNumber');
  if (value === undefined) return 0;
  const p = join(path, 'severityNumber');
  if (typeof value === 'string') {
    const name = value.replace(/^SEVERITY_NUMBER_/, '') as keyof typeof SeverityNumber;
    if (value.startsWith('SEVERITY_NUMBER_') && name in SeverityNumber) return SeverityNumber[name];
    fail(p, `expected an integer or a SEVERITY_NUMBER_* name, got ${describe(value)}`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 0x7fffffff) {
    fail(p, `expected an integer or a SEVERITY_NUMBER_* name, got ${describe(value)}`);
  }
  return value;
}

function idField(obj: Obj, name: string, path: string, byteLength: number): Uint8Array {
  const value = get(obj, name);
  if (value === undefined || value === '') return new Uint8Array(0);
  const p = join(path, name);
  const expected = `expected ${byteLength * 2} hex characters (${byteLength} bytes)`;
  if (typeof value !== 'string') fail(p, `${expected}, got ${describe(value)}`);
  const bytes = value.length === byteLength * 2 ? hexToBytes(value) : null;
  if (!bytes) fail(p, `${expected}, got ${describe(value)}`);
  return bytes;
}

function doubleValue(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  fail(path, `expected a number, got ${describe(value)}`);
}

const ANY_VALUE_MEMBERS = [
  'stringValue',
  'boolValue',
  'intValue',
  'doubleValue',
  'arrayValue',
  'kvlistValue',
  'bytesValue',
] as const;

/**
 * Counts what a conversion has read against the limits (limits.ts), so a
 * request over one is refused while it is read. The value tree is walked
 * recursively here, but never deeper than `maxValueDepth` (64) levels.
 */
class Budget {
  private values = 0;
  private records = 0;

  constructor(readonly limits: OtlpLimits) {}

  value(path: string, depth: number): void {
    if (depth > this.limits.maxValueDepth)
      throw new OtlpLimitError('maxValueDepth', this.limits.maxValueDepth, { path });
    if (++this.values > this.limits.maxValues)
      throw new OtlpLimitError('maxValues', this.limits.maxValues, { path });
  }

  record(path: string): void {
    if (++this.records > this.limits.maxRecords)
      throw new OtlpLimitError('maxRecords', this.limits.maxRecords, { path });
  }
}

export function anyValueFromJson(
  json: unknown,
  path: string,
  depth = 1,
  budget = new Budget(defaultOtlpLimits),
): AnyValue {
  budget.value(path, depth);
  const obj = objectAt(json, path);
  const present = ANY_VALUE_MEMBERS.filter((m) => get(obj, m) !== undefined);
  if (present.length > 1) {
    fail(path, `an AnyValue holds one value, got ${present.join(' and ')}`);
  }
  const member = present[0];
  if (member === undefined) return av.empty();
  const value = get(obj, member);
  const p = join(path, member);
  switch (member) {
    case 'stringValue':
      if (typeof value !== 'string') fail(p, `expected a string, got ${describe(value)}`);
      return av.string(value);
    case 'boolValue':
      if (typeof value !== 'boolean') fail(p, `expected true or false, got ${describe(value)}`);
      return av.bool(value);
    case 'intValue':
      return { kind: 'int', value: int64Value(value, p, false) };
    case 'doubleValue':
      return av.double(doubleValue(value, p));
    case 'bytesValue': {
      const bytes = typeof value === 'string' ? base64ToBytes(value) : null;
      if (!bytes) fail(p, `expected base64, got ${describe(value)}`);
      return av.bytes(bytes);
    }
    case 'arrayValue': {
      const list = arrayField(objectAt(value, p), 'values', p);
      return av.array(
        list.items.map((item, i) =>
          anyValueFromJson(item, `${list.path}[${i}]`, depth + 1, budget),
        ),
      );
    }
    case 'kvlistValue': {
      const list = arrayField(objectAt(value, p), 'values', p);
      return av.kvlist(
        list.items.map((item, i) =>
          keyValueFromJson(item, `${list.path}[${i}]`, depth + 1, budget),
        ),
      );
    }
  }
}

function keyValueFromJson(json: unknown, path: string, depth: number, budget: Budget): KeyValue {
  const obj = objectAt(json, path);
  const value = get(obj, 'value');
  return {
    key: stringField(obj, 'key', path),
    value:
      value === undefined
        ? av.empty()
        : anyValueFromJson(value, join(path, 'value'), depth, budget),
  };
}

function attributesFromJson(obj: Obj, path: string, budget: Budget): KeyValue[] {
  const list = arrayField(obj, 'attributes', path);
  return list.items.map((item, i) => keyValueFromJson(item, `${list.path}[${i}]`, 1, budget));
}

export function resourceFromJson(
  json: unknown,
  path: string,
  budget = new Budget(defaultOtlpLimits),
): Resource {
  if (json === undefined) return emptyResource();
  const obj = objectAt(json, path);
  return {
    attributes: attributesFromJson(obj, path, budget),
    droppedAttributesCount: uint32Field(obj, 'droppedAttributesCount', path),
  };
}

export function scopeFromJson(
  json: unknown,
  path: string,
  budget = new Budget(defaultOtlpLimits),
): InstrumentationScope {
  if (json === undefined) return emptyScope();
  const obj = objectAt(json, path);
  return {
    name: stringField(obj, 'name', path),
    version: stringField(obj, 'version', path),
    attributes: attributesFromJson(obj, path, budget),
    droppedAttributesCount: uint32Field(obj, 'droppedAttributesCount', path),
  };
}

export function logRecordFromJson(
  json: unknown,
  path: string,
  budget = new Budget(defaultOtlpLimits),
): LogRecord {
  budget.record(path);
  const obj = objectAt(json, path);
  const body = get(obj, 'body');
  return createLogRecord({
    timeUnixNano: int64Field(obj, 'timeUnixNano', path, true),
    observedTimeUnixNano: int64Field(obj, 'observedTimeUnixNano', path, true),
    severityNumber: severityNumberField(obj, path),
    severityText: stringField(obj, 'severityText', path),
    body: body === undefined ? av.empty() : anyValueFromJson(body, join(path, 'body'), 1, budget),
    attributes: attributesFromJson(obj, path, budget),
    droppedAttributesCount: uint32Field(obj, 'droppedAttributesCount', path),
    flags: uint32Field(obj, 'flags', path),
    traceId: idField(obj, 'traceId', path, 16),
    spanId: idField(obj, 'spanId', path, 8),
    eventName: stringField(obj, 'eventName', path),
  });
}

function scopeLogsFromJson(json: unknown, path: string, budget: Budget): ScopeLogs {
  const obj = objectAt(json, path);
  const records = arrayField(obj, 'logRecords', path);
  return {
    scope: scopeFromJson(get(obj, 'scope'), join(path, 'scope'), budget),
    logRecords: records.items.map((item, i) =>
      logRecordFromJson(item, `${records.path}[${i}]`, budget),
    ),
    schemaUrl: stringField(obj, 'schemaUrl', path),
  };
}

function resourceLogsFromJson(json: unknown, path: string, budget: Budget): ResourceLogs {
  const obj = objectAt(json, path);
  const scopes = arrayField(obj, 'scopeLogs', path);
  return {
    resource: resourceFromJson(get(obj, 'resource'), join(path, 'resource'), budget),
    scopeLogs: scopes.items.map((item, i) =>
      scopeLogsFromJson(item, `${scopes.path}[${i}]`, budget),
    ),
    schemaUrl: stringField(obj, 'schemaUrl', path),
  };
}

/**
 * A parsed OTLP/JSON ExportLogsServiceRequest (`JSON.parse` output) -> model,
 * held to `limits` (limits.ts) as it is converted. With the text it was
 * parsed from, a 64-bit integer written as a JSON number beyond 2^53 is
 * accepted when it was exact (json-numbers.ts); without it, such a number
 * cannot be trusted and is refused.
 */
export function exportRequestFromJson(
  json: unknown,
  sourceText?: string,
  limits: OtlpLimits = defaultOtlpLimits,
): ExportLogsServiceRequest {
  if (!isObject(json)) {
    fail('', `expected an ExportLogsServiceRequest object, got ${describe(json)}`);
  }
  const budget = new Budget(limits);
  const outer = sourceNumbers;
  sourceNumbers = sourceText === undefined ? null : new JsonIntegerExactness(sourceText);
  try {
    const list = arrayField(json, 'resourceLogs', '');
    return {
      resourceLogs: list.items.map((item, i) =>
        resourceLogsFromJson(item, `${list.path}[${i}]`, budget),
      ),
    };
  } finally {
    sourceNumbers = outer;
  }
}

export function exportResponseFromJson(json: unknown): ExportLogsServiceResponse {
  const obj = objectAt(json, '');
  const partial = get(obj, 'partialSuccess');
  if (partial === undefined) return { partialSuccess: null };
  const p = objectAt(partial, 'partialSuccess');
  return {
    partialSuccess: {
      rejectedLogRecords: int64Field(p, 'rejectedLogRecords', 'partialSuccess', false),
      errorMessage: stringField(p, 'errorMessage', 'partialSuccess'),
    },
  };
}

/**
 * Parses OTLP/JSON text (or UTF-8 bytes). Invalid JSON becomes an
 * OtlpDecodeError naming the line and column and what was expected.
 */
export function parseJsonText(input: string | Uint8Array): unknown {
  const text = jsonSourceText(input);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const problem = findJsonSyntaxProblem(text);
    if (!problem) throw new OtlpDecodeError(`invalid JSON: ${(err as Error).message}`);
    const { line, column } = lineAndColumn(text, problem.offset);
    throw new OtlpDecodeError(`invalid JSON at line ${line}, column ${column}: ${problem.reason}`, {
      offset: problem.offset,
    });
  }
}

/** The text of OTLP/JSON input, without a UTF-8 byte order mark. */
export function jsonSourceText(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseExportRequestJson(
  input: string | Uint8Array,
  limits?: OtlpLimits,
): ExportLogsServiceRequest {
  const text = jsonSourceText(input);
  return exportRequestFromJson(parseJsonText(text), text, limits);
}

export function parseExportResponseJson(input: string | Uint8Array): ExportLogsServiceResponse {
  return exportResponseFromJson(parseJsonText(input));
}
