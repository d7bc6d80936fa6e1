import {
  bytesToBase64,
  bytesToHex,
  type AnyValue,
  type ExportLogsServiceRequest,
  type KeyValue,
  type LogRecord,
} from '../../../shared/otlp';

/**
 * OTLP logs as Splunk HTTP Event Collector events (the /services/collector/event
 * JSON format): one event per log record, events separated by newlines in one
 * request, as HEC's batching allows.
 *
 * - time: the record's time (else its observed time) in epoch seconds with
 *   millisecond decimals, written as an exact decimal (no float rounding);
 *   omitted when unknown, so Splunk uses its receipt time.
 * - host: the resource's host.name; source: the configured source, else the
 *   resource's service.name, else "sluice"; sourcetype and index: only when
 *   configured (otherwise the token's defaults apply).
 * - event: the body: a string as is, a map as a JSON object, anything else as
 *   text. HEC refuses blank events, so an empty body becomes the event name or
 *   "(empty log record)".
 * - fields: resource, scope and record attributes flattened to dotted keys
 *   with string (or string array) values, as HEC's indexed fields require, plus
 *   severity, severity_number, trace_id, span_id. Record attributes win over
 *   resource ones. Names HEC reserves get an "otel.attr." prefix.
 */

export interface HecEventOptions {
  index: string | null;
  sourcetype: string | null;
  source: string | null;
}

export type HecFieldValue = string | string[];

const reservedFieldNames = new Set([
  'time',
  'host',
  'source',
  'sourcetype',
  'index',
  'event',
  'fields',
  'linecount',
  'punct',
  'splunk_server',
  'timestamp',
  'timeendpos',
  'timestartpos',
]);

const severityNames = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

export function severityName(record: LogRecord): string | null {
  if (record.severityText !== '') return record.severityText;
  const n = record.severityNumber;
  return n >= 1 && n <= 24 ? (severityNames[Math.floor((n - 1) / 4)] ?? null) : null;
}

/** Epoch seconds with millisecond decimals, exactly, or null for "unknown". */
export function hecTime(record: LogRecord): string | null {
  const ns = record.timeUnixNano !== 0n ? record.timeUnixNano : record.observedTimeUnixNano;
  if (ns <= 0n) return null;
  const ms = ns / 1_000_000n;
  const seconds = ms / 1000n;
  const millis = (ms % 1000n).toString().padStart(3, '0');
  return `${seconds}.${millis}`;
}

/** An AnyValue as plain JSON for the event body. */
export function anyValueToPlain(value: AnyValue): unknown {
  switch (value.kind) {
    case 'empty':
      return null;
    case 'string':
    case 'bool':
    case 'double':
      return value.value;
    case 'int':
      return Number.isSafeInteger(Number(value.value))
        ? Number(value.value)
        : value.value.toString();
    case 'bytes':
      return bytesToBase64(value.value);
    case 'array':
      return value.value.map(anyValueToPlain);
    case 'kvlist':
      return Object.fromEntries(value.value.map((kv) => [kv.key, anyValueToPlain(kv.value)]));
  }
}

function scalarText(value: AnyValue): string {
  switch (value.kind) {
    case 'empty':
      return '';
    case 'string':
      return value.value;
    case 'bool':
    case 'double':
      return String(value.value);
    case 'int':
      return value.value.toString();
    case 'bytes':
      return bytesToBase64(value.value);
    default:
      return JSON.stringify(anyValueToPlain(value));
  }
}

function fieldName(key: string): string {
  return reservedFieldNames.has(key) || key.startsWith('_') || key.startsWith('date_')
    ? `otel.attr.${key}`
    : key;
}

function addFields(
  out: Record<string, HecFieldValue>,
  attributes: readonly KeyValue[],
  prefix = '',
): void {
  for (const { key, value } of attributes) {
    const name = `${prefix}${key}`;
    if (value.kind === 'kvlist') addFields(out, value.value, `${name}.`);
    else if (value.kind === 'array') out[fieldName(name)] = value.value.map(scalarText);
    else if (value.kind !== 'empty') out[fieldName(name)] = scalarText(value);
  }
}

function stringAttribute(attributes: readonly KeyValue[], key: string): string | null {
  const v = attributes.find((a) => a.key === key)?.value;
  return v?.kind === 'string' && v.value !== '' ? v.value : null;
}

function eventBody(record: LogRecord): unknown {
  const body = record.body;
  if (body.kind === 'string' && body.value.trim() !== '') return body.value;
  if (body.kind === 'kvlist' && body.value.length > 0) return anyValueToPlain(body);
  if (body.kind !== 'empty' && body.kind !== 'string') return scalarText(body);
  return record.eventName !== '' ? record.eventName : '(empty log record)';
}

/** The request body: one JSON event per record, newline-separated. */
export function encodeHecEvents(
  request: ExportLogsServiceRequest,
  options: HecEventOptions,
): string {
  const lines: string[] = [];
  for (const rl of request.resourceLogs) {
    const resourceAttrs = rl.resource.attributes;
    const host = stringAttribute(resourceAttrs, 'host.name');
    const source = options.source ?? stringAttribute(resourceAttrs, 'service.name') ?? 'sluice';
    for (const sl of rl.scopeLogs) {
      for (const record of sl.logRecords) {
        const fields: Record<string, HecFieldValue> = {};
        addFields(fields, resourceAttrs);
        if (sl.scope.name !== '') fields['otel.scope.name'] = sl.scope.name;
        if (sl.scope.version !== '') fields['otel.scope.version'] = sl.scope.version;
        addFields(fields, record.attributes);
        const severity = severityName(record);
        if (severity !== null) fields.severity = severity;
        if (record.severityNumber !== 0) fields.severity_number = String(record.severityNumber);
        if (record.traceId.length > 0) fields.trace_id = bytesToHex(record.traceId);
        if (record.spanId.length > 0) fields.span_id = bytesToHex(record.spanId);
        if (record.eventName !== '') fields['event.name'] = record.eventName;

        const event: Record<string, unknown> = {};
        if (host !== null) event.host = host;
        event.source = source;
        if (options.sourcetype !== null) event.sourcetype = options.sourcetype;
        if (options.index !== null) event.index = options.index;
        event.event = eventBody(record);
        if (Object.keys(fields).length > 0) event.fields = fields;

        const json = JSON.stringify(event);
        const time = hecTime(record);
        lines.push(time === null ? json : `{"time":${time},${json.slice(1)}`);
      }
    }
  }
  return lines.join('\n');
}
