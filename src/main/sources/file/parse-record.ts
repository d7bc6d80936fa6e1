import type { FileSourceSettings, JsonFieldMapping } from '../../../shared/api/sources';
import {
  anyValueFromJs,
  defaultOtlpLimits,
  createLogRecord,
  av,
  hexToBytes,
  kv,
  type KeyValue,
  type LogRecord,
} from '../../../shared/otlp';
import type { RawRecord } from './record-assembler';
import { severityFromValue, severityInText, type Severity } from './severity';
import { parseTimeValue, timeAtLineStart } from './timestamps';

/** Where a record came from, added to every record as log.file.path and log.file.name. */
export interface FileOrigin {
  path: string;
  name: string;
}

export const truncatedAttribute = 'sluice.record.truncated_bytes';
export const parseErrorAttribute = 'sluice.parse_error';

/** Makes the LogRecord for a record's text, by the source's format. */
export function parseRecord(
  raw: RawRecord,
  origin: FileOrigin,
  settings: Pick<FileSourceSettings, 'format' | 'jsonMapping'>,
  observedNs: bigint,
): LogRecord {
  const record =
    settings.format === 'json'
      ? jsonRecord(raw.text, settings.jsonMapping, observedNs)
      : textRecord(raw.text, observedNs);
  record.attributes.unshift(
    kv('log.file.path', av.string(origin.path)),
    kv('log.file.name', av.string(origin.name)),
  );
  if (raw.truncatedBytes > 0)
    record.attributes.push(kv(truncatedAttribute, av.int(raw.truncatedBytes)));
  return record;
}

function baseRecord(body: string, observedNs: bigint): LogRecord {
  // The time stays 0 (unknown) unless the line says.
  return createLogRecord({ observedTimeUnixNano: observedNs, body: av.string(body) });
}

function applySeverity(record: LogRecord, severity: Severity | null): void {
  if (!severity) return;
  record.severityNumber = severity.number;
  record.severityText = severity.text;
}

/** Plain text: the line is the body; a leading timestamp and a level word are recognized. */
export function textRecord(text: string, observedNs: bigint): LogRecord {
  const record = baseRecord(text, observedNs);
  record.timeUnixNano = timeAtLineStart(text) ?? 0n;
  applySeverity(record, severityInText(text));
  return record;
}

/** A field by its name, or by a dotted path into nested objects ("log.level"). */
function lookup(obj: Record<string, unknown>, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  if (!key.includes('.')) return undefined;
  let at: unknown = obj;
  for (const part of pathOf(key)) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

// The mapping's dotted names are split once, not on every line.
const paths = new Map<string, readonly string[]>();
function pathOf(key: string): readonly string[] {
  let path = paths.get(key);
  if (!path) {
    if (paths.size >= 1_000) paths.clear();
    path = key.split('.');
    paths.set(key, path);
  }
  return path;
}

/** The first of `keys` present, with its name. */
function first(obj: Record<string, unknown>, keys: readonly string[]) {
  for (const key of keys) {
    const value = lookup(obj, key);
    if (value !== undefined && value !== null) return { key, value };
  }
  return null;
}

function idBytes(value: unknown, length: number): Uint8Array | null {
  if (typeof value !== 'string' || value.length !== length * 2) return null;
  const bytes = hexToBytes(value);
  return bytes && bytes.some((b) => b !== 0) ? bytes : null;
}

/**
 * JSON lines: the mapping names the fields for body, severity, timestamp and
 * trace context (the first present wins); the other top-level fields, or only
 * those listed in `attributes`, become attributes. A field that cannot be
 * used as what it was mapped to (a timestamp that is not a time) stays as an
 * attribute. A line that is not a JSON object is kept as text, marked with
 * sluice.parse_error.
 */
export function jsonRecord(text: string, mapping: JsonFieldMapping, observedNs: bigint): LogRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return notJson(text, observedNs, `not JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return notJson(text, observedNs, 'not a JSON object');
  }
  if (deeperThan(parsed, maxJsonDepth)) {
    return notJson(text, observedNs, `nested deeper than ${maxJsonDepth} levels`);
  }
  const obj = parsed as Record<string, unknown>;
  const used = new Set<string>();
  const record = baseRecord(text, observedNs);

  const body = first(obj, mapping.body);
  if (body) {
    record.body =
      typeof body.value === 'string' ? av.string(body.value) : anyValueFromJs(body.value);
    used.add(body.key);
  }
  const level = first(obj, mapping.severity);
  const severity = level ? severityFromValue(level.value) : null;
  if (level && severity) {
    applySeverity(record, severity);
    used.add(level.key);
  }
  const time = first(obj, mapping.timestamp);
  const ns = time ? parseTimeValue(time.value) : null;
  if (time && ns !== null) {
    record.timeUnixNano = ns;
    used.add(time.key);
  }
  const trace = first(obj, mapping.traceId);
  const traceId = trace ? idBytes(trace.value, 16) : null;
  if (trace && traceId) {
    record.traceId = traceId;
    used.add(trace.key);
  }
  const span = first(obj, mapping.spanId);
  const spanId = span ? idBytes(span.value, 8) : null;
  if (span && spanId) {
    record.spanId = spanId;
    used.add(span.key);
  }

  const attributes: KeyValue[] = [];
  if (mapping.attributes.length > 0) {
    for (const key of mapping.attributes) {
      const value = lookup(obj, key);
      if (value !== undefined && !used.has(key)) attributes.push(kv(key, anyValueFromJs(value)));
    }
  } else {
    for (const key of Object.keys(obj)) {
      if (!used.has(key)) attributes.push(kv(key, anyValueFromJs(obj[key])));
    }
  }
  record.attributes = attributes;
  return record;
}

// Attribute values are converted and encoded recursively; a line nested
// deeper than the value depth every OTLP input is held to (docs/otlp.md,
// "Limits") is kept as text rather than refused: nothing of it is lost.
const maxJsonDepth = defaultOtlpLimits.maxValueDepth;

/** Whether objects and arrays nest deeper than `limit` (the top level is 1); the recursion stops there. */
function deeperThan(value: unknown, limit: number, depth = 1): boolean {
  if (depth > limit) return true;
  if (Array.isArray(value)) {
    for (const child of value)
      if (typeof child === 'object' && child !== null && deeperThan(child, limit, depth + 1))
        return true;
    return false;
  }
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    const child = obj[key];
    if (typeof child === 'object' && child !== null && deeperThan(child, limit, depth + 1))
      return true;
  }
  return false;
}

function notJson(text: string, observedNs: bigint, reason: string): LogRecord {
  const record = textRecord(text, observedNs);
  record.attributes.push(kv(parseErrorAttribute, av.string(reason)));
  return record;
}
