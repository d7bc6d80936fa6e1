/**
 * Every rule the Dynatrace mapping applies, with a stable id the UI can key
 * explanations on, a one-line summary, and where the rule comes from. The
 * table in docs/dynatrace-mapping.md mirrors this list (a test keeps them in
 * step).
 *
 * Sources: "seed" is seeds/004 (Dynatrace OpenTelemetry logs ingest API);
 * "seed-000" is the OutSystems article (seeds/000); "docs" is Dynatrace's
 * current public documentation (see docs/dynatrace-mapping.md for the pages);
 * "reading" marks our interpretation where the sources leave a gap.
 */
export const RULES = {
  'timestamp.from-field': {
    summary: 'timestamp taken from the LogRecord Timestamp (time_unix_nano)',
    source: 'seed',
  },
  'timestamp.from-body': {
    summary: 'flattened model: timestamp taken from the first timestamp key found in the body',
    source: 'seed',
  },
  'timestamp.from-attribute': {
    summary: 'current-docs profile: timestamp taken from a timestamp key in the record attributes',
    source: 'docs',
  },
  'timestamp.unparseable': {
    summary: 'a timestamp key was found but its value is not a supported time format; skipped',
    source: 'reading',
  },
  'timestamp.default-now': {
    summary: 'no usable timestamp: the current time is used',
    source: 'seed',
  },
  'timestamp.future-replaced': {
    summary: 'more than 10 minutes ahead of now: replaced with now',
    source: 'seed',
  },
  'timestamp.too-old': {
    summary: 'older than the log age limit: the record is discarded',
    source: 'seed',
  },
  'loglevel.from-severity-text': { summary: 'loglevel taken from SeverityText', source: 'seed' },
  'loglevel.from-severity-number': {
    summary: 'loglevel taken from SeverityNumber (1-4 TRACE, 5-8 DEBUG, ... 21-24 FATAL)',
    source: 'seed',
  },
  'loglevel.from-body': {
    summary: 'flattened model: loglevel taken from the first loglevel key found in the body',
    source: 'seed',
  },
  'loglevel.from-attribute': {
    summary: 'current-docs profile: loglevel taken from a level key in the record attributes',
    source: 'docs',
  },
  'loglevel.normalized': {
    summary: 'current-docs profile: level text mapped to a Dynatrace loglevel by its first letters',
    source: 'docs',
  },
  'loglevel.default-none': { summary: 'no level found: loglevel is NONE', source: 'seed' },
  'content.from-body': { summary: 'content is the string Body as is', source: 'seed' },
  'content.stringified': {
    summary: 'a non-string scalar Body is stringified (bytes as base64)',
    source: 'seed',
  },
  'content.json': { summary: 'a complex Body is written as a JSON string', source: 'seed' },
  'content.from-body-key': {
    summary: 'flattened model: content taken from the first content key of a kvlist Body',
    source: 'seed',
  },
  'content.empty': {
    summary: 'no Body, or a kvlist Body with no content key: content is the empty string',
    source: 'seed',
  },
  'content.truncated.outsystems': {
    summary: 'OutSystems compatibility: content cut to 4,000 characters',
    source: 'seed-000',
  },
  'attribute.from-resource': { summary: 'attribute from the Resource', source: 'seed' },
  'attribute.from-scope': { summary: 'attribute from the InstrumentationScope', source: 'seed' },
  'attribute.from-record': { summary: 'attribute from the LogRecord attributes', source: 'seed' },
  'attribute.from-body': {
    summary: 'flattened model: attribute from a key of a kvlist Body',
    source: 'seed',
  },
  'attribute.flattened': {
    summary: 'flattened model: nested kvlist keys joined with dots',
    source: 'seed',
  },
  'attribute.nesting-limit': {
    summary:
      'flattened model: a kvlist nested deeper than the limit became <truncated due to nesting limit>',
    source: 'seed',
  },
  'attribute.empty-map': {
    summary: 'flattened model: an empty kvlist flattens to no attribute at all',
    source: 'reading',
  },
  'attribute.json-string': {
    summary: 'raw model: a complex value (kvlist) stored as a JSON string',
    source: 'seed',
  },
  'attribute.array-uniform': {
    summary: 'array converted to one element type (strings if any element is or must become one)',
    source: 'seed',
  },
  'attribute.bytes-base64': { summary: 'bytes stored as a base64 string', source: 'seed' },
  'attribute.int-as-string': {
    summary: 'OpenPipeline: an integer beyond 2^53 kept exact as a decimal string',
    source: 'reading',
  },
  'attribute.non-finite-number': {
    summary: 'OpenPipeline: NaN or Infinity (not JSON numbers) stored as a string',
    source: 'reading',
  },
  'attribute.trace-id': { summary: 'TraceId stored as trace_id in hex', source: 'seed' },
  'attribute.span-id': { summary: 'SpanId stored as span_id in hex', source: 'seed' },
  'attribute.auth-origin': {
    summary: 'dt.auth.origin: the public part of the API token',
    source: 'seed',
  },
  'attribute.overwritten': {
    summary: 'name conflict: the lower-priority value kept under overwritten[N].<key>',
    source: 'seed',
  },
  'attribute.lowercased': { summary: 'classic processing: key lowercased', source: 'seed' },
  'attribute.stringified': {
    summary: 'classic processing: value converted to a string',
    source: 'seed',
  },
  'attribute.truncated.outsystems': {
    summary: 'OutSystems compatibility: exception.stacktrace cut to 4,000 characters',
    source: 'seed-000',
  },
  'limit.attribute-count': {
    summary: 'more attributes than Dynatrace keeps per record',
    source: 'docs',
  },
  'limit.attribute-key-length': {
    summary: 'attribute key longer than the documented limit',
    source: 'docs',
  },
  'limit.attribute-value-length': {
    summary: 'attribute value longer than the documented limit',
    source: 'docs',
  },
  'limit.values-per-attribute': {
    summary: 'current-docs and classic: array attribute with more values than the documented limit',
    source: 'docs',
  },
  'limit.content-length': { summary: 'content longer than the documented limit', source: 'docs' },
  'limit.records-per-request': {
    summary: 'more records in one request than Dynatrace accepts',
    source: 'docs',
  },
  'limit.request-size': {
    summary: 'request larger than Dynatrace accepts (answered with 413)',
    source: 'docs',
  },
  'profile.model-unsupported': {
    summary: 'request note: the product supports only the flattened model (Managed)',
    source: 'docs',
  },
  'profile.processing-fixed': {
    summary: 'request note: the product always applies classic processing (Managed)',
    source: 'docs',
  },
} as const satisfies Record<string, { summary: string; source: string }>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
