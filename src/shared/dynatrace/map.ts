import { bytesToHex } from '../otlp/bytes';
import { exportRequestEncodedSize } from '../otlp/encode';
import type {
  ExportLogsServiceRequest,
  InstrumentationScope,
  LogRecord,
  Resource,
} from '../otlp/model';
import { AttributeTable } from './attribute-table';
import { entriesOf, NESTING_LIMIT_VALUE, type Entry, type Source } from './entries';
import { resolveContent, resolveLoglevel, resolveTimestamp, type FieldInputs } from './fields';
import { checkRecordLimits, checkRequestLimits } from './limits';
import { OUTSYSTEMS_MAX_CHARS, OUTSYSTEMS_TRUNCATED_ATTRIBUTE, truncateChars } from './outsystems';
import { DEFAULT_PROFILE, PROFILES, type RulesProfile } from './profiles';
import type { RuleId } from './rules';
import { formatTimestamp } from './timestamp';
import { toDtValue } from './values';
import type {
  DroppedRecord,
  DynatraceMapping,
  DynatraceNote,
  DynatraceOptions,
  DynatraceRecord,
  RequestNote,
} from './types';

/**
 * What Dynatrace makes of an ExportLogsServiceRequest (seeds/004), record by
 * record, each field annotated with the rule that produced it. Pure: the
 * same request and options always give the same result.
 */

const SOURCE_RULE: Record<Source, RuleId> = {
  resource: 'attribute.from-resource',
  scope: 'attribute.from-scope',
  record: 'attribute.from-record',
  body: 'attribute.from-body',
};
const SOURCE_NAME: Record<Source, string> = {
  resource: 'resource attribute',
  scope: 'scope attribute',
  record: 'record attribute',
  body: 'body key',
};

/**
 * Where an entry came from, exactly: `record attribute "http.status_code"`,
 * or for a key flattened out of a nested attribute `record attribute "http"
 * (nested key "status_code")`, so that two values that end up under the same
 * name are never described alike.
 */
export function originOf(entry: Entry): string {
  const where = SOURCE_NAME[entry.source];
  if (entry.flattenedFrom === undefined) return `${where} "${entry.key}"`;
  const nested = entry.key.slice(entry.flattenedFrom.length + 1);
  return `${where} "${entry.flattenedFrom}" (nested key "${nested}")`;
}

function putEntry(table: AttributeTable, entry: Entry, options: DynatraceOptions): void {
  if (entry.emptyMap) {
    table.notes.push({
      field: table.keyFor(entry.key),
      rule: 'attribute.empty-map',
      detail: `${SOURCE_NAME[entry.source]} "${entry.key}" is an empty kvlist and flattens to nothing`,
    });
    return;
  }
  const notes: { rule: RuleId; detail: string }[] = [];
  const value =
    entry.value === null
      ? NESTING_LIMIT_VALUE
      : toDtValue(entry.value, options.processing, (rule, detail) => notes.push({ rule, detail }));
  if (entry.flattenedFrom !== undefined) {
    notes.unshift({
      rule: entry.value === null ? 'attribute.nesting-limit' : 'attribute.flattened',
      detail:
        entry.value === null
          ? `"${entry.flattenedFrom}" nests deeper than the limit here`
          : `flattened from "${entry.flattenedFrom}"`,
    });
  }
  const origin = originOf(entry);
  table.put(
    entry.key,
    value,
    { rule: SOURCE_RULE[entry.source], detail: origin, describe: origin },
    notes,
  );
}

/** Dynatrace's own attributes come first: they win any name conflict. */
function putAutomatic(table: AttributeTable, record: LogRecord, options: DynatraceOptions): void {
  const own = (key: string, value: string, rule: RuleId, detail: string) =>
    table.put(key, value, { rule, detail, describe: `Dynatrace's own "${key}"` });
  if (record.traceId.length > 0) {
    own('trace_id', bytesToHex(record.traceId), 'attribute.trace-id', 'TraceId in hex');
  }
  if (record.spanId.length > 0) {
    own('span_id', bytesToHex(record.spanId), 'attribute.span-id', 'SpanId in hex');
  }
  if (options.authOrigin !== null) {
    own(
      'dt.auth.origin',
      options.authOrigin,
      'attribute.auth-origin',
      'public part of the API token',
    );
  }
}

function truncateForOutSystems(
  table: AttributeTable,
  content: string,
  notes: DynatraceNote[],
): string {
  const key = table.keyFor(OUTSYSTEMS_TRUNCATED_ATTRIBUTE);
  const stack = table.values.get(key);
  if (typeof stack === 'string' && stack.length > OUTSYSTEMS_MAX_CHARS) {
    table.values.set(key, truncateChars(stack));
    notes.push({
      field: key,
      rule: 'attribute.truncated.outsystems',
      detail: `${stack.length} characters cut to ${OUTSYSTEMS_MAX_CHARS}`,
    });
  }
  if (content.length <= OUTSYSTEMS_MAX_CHARS) return content;
  notes.push({
    field: 'content',
    rule: 'content.truncated.outsystems',
    detail: `${content.length} characters cut to ${OUTSYSTEMS_MAX_CHARS}`,
  });
  return truncateChars(content);
}

export function mapRecord(
  index: number,
  resource: Resource,
  scope: InstrumentationScope,
  record: LogRecord,
  options: DynatraceOptions,
  profile: RulesProfile,
): DynatraceRecord | DroppedRecord {
  const notes: DynatraceNote[] = [];
  const nesting = profile.limits.nestingLevels;
  const entries = (list: Resource['attributes'], source: Source) =>
    entriesOf(list, source, options.model, nesting);
  const recordEntries = entries(record.attributes, 'record');
  const bodyEntries =
    options.model === 'flattened' && record.body.kind === 'kvlist'
      ? entries(record.body.value, 'body')
      : null;
  const inputs: FieldInputs = {
    record,
    model: options.model,
    profile,
    now: options.now,
    bodyEntries,
    recordEntries,
    consumed: new Set(),
    notes,
  };
  const timestamp = resolveTimestamp(inputs);
  if (timestamp.kind === 'dropped')
    return { index, rule: 'timestamp.too-old', reason: timestamp.reason };
  const loglevel = resolveLoglevel(inputs);
  let content = resolveContent(inputs);

  const table = new AttributeTable(profile, options.processing, notes);
  putAutomatic(table, record, options);
  const ordered = [
    ...entries(resource.attributes, 'resource'),
    ...entries(scope.attributes, 'scope'),
    ...recordEntries,
    ...(bodyEntries ?? []),
  ];
  for (const entry of ordered) {
    if (!inputs.consumed.has(entry)) putEntry(table, entry, options);
  }
  if (options.outsystemsTruncation) content = truncateForOutSystems(table, content, notes);
  checkRecordLimits(content, table.values, profile.limits, options.processing, notes);
  return {
    index,
    timestamp: formatTimestamp(timestamp.ns),
    loglevel,
    content,
    attributes: table.toObject(),
    notes,
  };
}

/**
 * The options as the profile allows them: a product with one data model or
 * one kind of processing (Managed) gets that one, and a request note says
 * so, rather than a mapping Dynatrace would never produce.
 */
export function effectiveOptions(options: DynatraceOptions): {
  options: DynatraceOptions;
  profile: RulesProfile;
  notes: RequestNote[];
} {
  const profile = PROFILES[options.profile ?? DEFAULT_PROFILE];
  const notes: RequestNote[] = [];
  let { model, processing } = options;
  if (!profile.models.includes(model)) {
    const used = profile.models[0]!;
    notes.push({
      rule: 'profile.model-unsupported',
      detail: `${profile.label} supports only the ${profile.models.join(' and ')} model; the ${model} model does not apply, so the records are shown as ${used}`,
    });
    model = used;
  }
  if (profile.processing !== null && processing !== profile.processing) {
    notes.push({
      rule: 'profile.processing-fixed',
      detail: `${profile.label} always applies ${profile.processing} processing (keys lowercased, values stringified)`,
    });
    processing = profile.processing;
  }
  return { options: { ...options, model, processing }, profile, notes };
}

export function mapToDynatrace(
  request: ExportLogsServiceRequest,
  requested: DynatraceOptions,
): DynatraceMapping {
  const { options, profile, notes } = effectiveOptions(requested);
  const records: DynatraceRecord[] = [];
  const dropped: DroppedRecord[] = [];
  let index = 0;
  for (const rl of request.resourceLogs) {
    for (const sl of rl.scopeLogs) {
      for (const record of sl.logRecords) {
        const result = mapRecord(index++, rl.resource, sl.scope, record, options, profile);
        if ('reason' in result) dropped.push(result);
        else records.push(result);
      }
    }
  }
  const requestBytes = options.requestBytes ?? exportRequestEncodedSize(request);
  return {
    records,
    dropped,
    notes: [...notes, ...checkRequestLimits(index, requestBytes, profile.limits)],
  };
}
