import type { SampledRecord } from '../../../../shared/api/inspector';
import { jsonText, RULES, type DynatraceRecord, type RuleId } from '../../../../shared/dynatrace';
import {
  bytesToHex,
  decodeExportRequest,
  detectEncoding,
  encodeExportRequest,
  encodeLogRecord,
  exportRequestFromJson,
  parseExportRequestJson,
  OtlpDecodeError,
  type AnyValue,
  type ExportLogsServiceRequest,
  type InstrumentationScope,
  type KeyValue,
  type LogRecord,
  type Resource,
} from '../../../../shared/otlp';

/**
 * The inspector's pure parts: what a record is, where it came from, and the
 * rows of the side-by-side diff. The Dynatrace mapping itself is
 * src/shared/dynatrace, the same code the engine and `sluice inspect` use.
 */

/** One OTLP log record with the resource and scope it was sent with. */
export interface InspectedRecord {
  resource: Resource;
  resourceSchemaUrl: string;
  scope: InstrumentationScope;
  scopeSchemaUrl: string;
  record: LogRecord;
}

export interface OfflineRequest {
  encoding: 'json' | 'protobuf';
  bytes: number;
  request: ExportLogsServiceRequest;
  records: InspectedRecord[];
}

export function flattenRequest(request: ExportLogsServiceRequest): InspectedRecord[] {
  const out: InspectedRecord[] = [];
  for (const rl of request.resourceLogs) {
    for (const sl of rl.scopeLogs) {
      for (const record of sl.logRecords) {
        out.push({
          resource: rl.resource,
          resourceSchemaUrl: rl.schemaUrl,
          scope: sl.scope,
          scopeSchemaUrl: sl.schemaUrl,
          record,
        });
      }
    }
  }
  return out;
}

/**
 * Input that parses but holds no records is usually not an OTLP logs
 * request at all (`{"foo":1}` reads as an empty request): say so, naming
 * what it does hold, instead of "0 records".
 */
function assertLooksLikeOtlp(bytes: Uint8Array, encoding: 'json' | 'protobuf'): void {
  if (encoding === 'protobuf') {
    throw new OtlpDecodeError(
      'It holds no log records: an OTLP logs request (ExportLogsServiceRequest) in protobuf has resourceLogs with scopeLogs and logRecords. Check that this is a logs request, not traces or metrics.',
    );
  }
  let top: unknown;
  try {
    top = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return;
  }
  const keys =
    top !== null && typeof top === 'object' && !Array.isArray(top) ? Object.keys(top) : [];
  if (keys.includes('resourceLogs')) return;
  const found =
    keys.length > 0
      ? `it has ${keys
          .slice(0, 5)
          .map((k) => `"${k}"`)
          .join(', ')}${keys.length > 5 ? ', …' : ''}`
      : Array.isArray(top)
        ? 'it is a JSON array'
        : 'it has no fields';
  throw new OtlpDecodeError(
    `It is JSON, but an OTLP logs request has "resourceLogs" at its top level and ${found}. Paste an ExportLogsServiceRequest, as an OpenTelemetry SDK or Collector sends to /v1/logs.`,
  );
}

/** A pasted or opened OTLP request, JSON or protobuf (told apart by its bytes). */
export function parseOffline(bytes: Uint8Array): OfflineRequest {
  if (bytes.length === 0) throw new OtlpDecodeError('The input is empty.');
  const encoding = detectEncoding(bytes);
  const request = encoding === 'json' ? parseExportRequestJson(bytes) : decodeExportRequest(bytes);
  const records = flattenRequest(request);
  if (records.length === 0 && request.resourceLogs.length === 0)
    assertLooksLikeOtlp(bytes, encoding);
  return { encoding, bytes: bytes.length, request, records };
}

/** The request holding only this record, with its resource and scope: what the mapping is run on. */
export function singleRecordRequest(r: InspectedRecord): ExportLogsServiceRequest {
  return {
    resourceLogs: [
      {
        resource: r.resource,
        schemaUrl: r.resourceSchemaUrl,
        scopeLogs: [{ scope: r.scope, schemaUrl: r.scopeSchemaUrl, logRecords: [r.record] }],
      },
    ],
  };
}

const liveCache = new WeakMap<SampledRecord, InspectedRecord>();

/** A live sample's wire JSON as a record (cached: only visible rows are decoded). */
export function liveRecord(s: SampledRecord): InspectedRecord {
  let r = liveCache.get(s);
  if (!r) {
    r = flattenRequest(exportRequestFromJson(s.wireJson))[0]!;
    liveCache.set(s, r);
  }
  return r;
}

export function recordBytes(r: LogRecord): number {
  return encodeLogRecord(r).length;
}

export function requestBytes(request: ExportLogsServiceRequest): number {
  return encodeExportRequest(request).length;
}

/** An AnyValue as a person reads it: strings as is, the rest as JSON. */
export function valueText(v: AnyValue): string {
  switch (v.kind) {
    case 'empty':
      return '(empty)';
    case 'string':
      return v.value;
    case 'bool':
    case 'double':
      return String(v.value);
    case 'int':
      return v.value.toString();
    case 'bytes':
      return `bytes ${bytesToHex(v.value)}`;
    default:
      return jsonText(v);
  }
}

export function severityLabel(r: LogRecord): string {
  if (r.severityText) return r.severityText;
  const n = r.severityNumber;
  if (n <= 0) return '—';
  return ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'][
    Math.min(5, Math.floor((n - 1) / 4))
  ]!;
}

export function timeText(ns: bigint): string {
  if (ns === 0n) return '(unset)';
  const ms = Number(ns / 1_000_000n);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}Z`;
}

export function bodyPreview(r: LogRecord): string {
  const text = valueText(r.body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Rules that only say where a value came from; everything else changed something. */
const plainOrigins = new Set<RuleId>([
  'attribute.from-resource',
  'attribute.from-scope',
  'attribute.from-record',
  'timestamp.from-field',
  'loglevel.from-severity-text',
  'content.from-body',
]);

export function isTransformation(rule: RuleId): boolean {
  return !plainOrigins.has(rule);
}

export function ruleSummary(rule: RuleId): string {
  return RULES[rule].summary;
}

/** One input field of the OTLP record, as the diff lists it. */
export interface InputRow {
  path: string;
  value: string;
}

function kvRows(prefix: string, list: readonly KeyValue[]): InputRow[] {
  return list.map((kv) => ({ path: `${prefix}${kv.key}`, value: valueText(kv.value) }));
}

export function inputRows(r: InspectedRecord): InputRow[] {
  const rec = r.record;
  const rows: InputRow[] = [{ path: 'Timestamp', value: timeText(rec.timeUnixNano) }];
  if (rec.observedTimeUnixNano !== 0n)
    rows.push({ path: 'ObservedTimestamp', value: timeText(rec.observedTimeUnixNano) });
  rows.push({ path: 'SeverityText', value: rec.severityText || '(empty)' });
  rows.push({ path: 'SeverityNumber', value: String(rec.severityNumber) });
  if (rec.body.kind === 'kvlist') rows.push(...kvRows('Body.', rec.body.value));
  else rows.push({ path: 'Body', value: valueText(rec.body) });
  if (rec.traceId.length > 0) rows.push({ path: 'TraceId', value: bytesToHex(rec.traceId) });
  if (rec.spanId.length > 0) rows.push({ path: 'SpanId', value: bytesToHex(rec.spanId) });
  rows.push(...kvRows('Resource.', r.resource.attributes));
  rows.push(...kvRows('Scope.', r.scope.attributes));
  rows.push(...kvRows('Attributes.', rec.attributes));
  return rows;
}

const originPrefix: Record<string, string> = {
  'resource attribute': 'Resource.',
  'scope attribute': 'Scope.',
  'record attribute': 'Attributes.',
  'body key': 'Body.',
};

/** Which input row produced an output field, read from the mapping's notes. */
export function sourcePathOf(field: string, record: DynatraceRecord): string | null {
  const notes = record.notes.filter((n) => n.field === field);
  for (const n of notes) {
    // `record attribute "http"`, or for a flattened key `record attribute "http" (nested key "status_code")`:
    // either way the input row is the top-level attribute.
    const m =
      /^(resource attribute|scope attribute|record attribute|body key) "(.*?)"(?: \(nested key ".*"\))?$/.exec(
        n.detail,
      );
    if (m) return `${originPrefix[m[1]!]}${m[2]}`;
    switch (n.rule) {
      case 'timestamp.from-field':
        return 'Timestamp';
      case 'loglevel.from-severity-text':
        return 'SeverityText';
      case 'loglevel.from-severity-number':
        return 'SeverityNumber';
      case 'attribute.trace-id':
        return 'TraceId';
      case 'attribute.span-id':
        return 'SpanId';
      case 'attribute.auth-origin':
        return 'API token';
      case 'timestamp.from-body':
      case 'loglevel.from-body':
      case 'content.from-body-key': {
        const key = /"([^"]+)"/.exec(n.detail)?.[1];
        return key ? `Body.${key}` : 'Body';
      }
      case 'timestamp.from-attribute':
      case 'loglevel.from-attribute': {
        const key = /"([^"]+)"/.exec(n.detail)?.[1];
        return key ? `Attributes.${key}` : null;
      }
      case 'content.from-body':
      case 'content.stringified':
      case 'content.json':
        return 'Body';
      default:
        break;
    }
  }
  return null;
}

export interface DiffRow {
  input: InputRow | null;
  field: string | null;
  output: string | null;
  rules: RuleId[];
}

export function outputText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Output fields beside the input they came from; inputs that became nothing of their own last. */
export function diffRows(record: DynatraceRecord, input: InspectedRecord): DiffRow[] {
  const inputs = inputRows(input);
  const byPath = new Map(inputs.map((i) => [i.path, i]));
  const used = new Set<string>();
  const fields: [string, unknown][] = [
    ['timestamp', record.timestamp],
    ['loglevel', record.loglevel],
    ['content', record.content],
    ...Object.entries(record.attributes),
  ];
  const rows: DiffRow[] = fields.map(([field, value]) => {
    const path = sourcePathOf(field, record);
    if (path) used.add(path);
    const row = path
      ? (byPath.get(path) ?? {
          path,
          value: path === 'Body' ? valueText(input.record.body) : '',
        })
      : null;
    return {
      input: row,
      field,
      output: outputText(value),
      rules: record.notes.filter((n) => n.field === field).map((n) => n.rule),
    };
  });
  for (const i of inputs) {
    if (used.has(i.path)) continue;
    if (i.path.startsWith('Body.') && used.has('Body')) continue;
    rows.push({ input: i, field: null, output: null, rules: [] });
  }
  return rows;
}
