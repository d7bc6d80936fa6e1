/**
 * How large one request to a destination may be, as its documentation says,
 * with the page it says it on. The exporter cuts batches to these figures;
 * stream settings beyond them are refused. docs/destinations.md has the
 * table. Every byte figure is the request body before compression (Sluice
 * compresses afterwards, so a body within it is within it either way).
 */

/** Sluice's own ceilings, where a tool documents nothing smaller. */
export const SLUICE_MAX_BATCH_BYTES = 10_000_000;
export const SLUICE_MAX_BATCH_RECORDS = 50_000;
/** What a stream sends per request unless told otherwise (or less, where the tool allows less). */
export const DEFAULT_BATCH_BYTES = 2_000_000;

export interface LimitSource {
  title: string;
  url: string;
}

export interface LimitFigure {
  /** Bytes or records: what Sluice holds a request to. */
  value: number;
  /**
   * documented: the tool's documentation states the limit; recommended: it
   * documents no hard limit but recommends this as the largest batch;
   * ceiling: it documents none, or one far above Sluice's own ceiling, which
   * then applies.
   */
  kind: 'documented' | 'recommended' | 'ceiling';
  source: LimitSource | null;
  /** What the page says, and how it is read, in one or two sentences. */
  note: string;
}

export interface ToolRequestLimits {
  requestBytes: LimitFigure;
  recordsPerRequest: LimitFigure;
}

/** Where the tool sets no limit below Sluice's own ceiling. */
export function sluiceCeiling(
  unit: 'bytes' | 'records',
  note: string,
  source: LimitSource | null = null,
): LimitFigure {
  return {
    value: unit === 'bytes' ? SLUICE_MAX_BATCH_BYTES : SLUICE_MAX_BATCH_RECORDS,
    kind: 'ceiling',
    source,
    note,
  };
}

/** What the exporter calls to cut batches. */
export interface RequestLimits {
  maxRequestBytes: number;
  maxRecordsPerRequest: number;
  /** Where the figures come from, in one line for messages and logs. */
  source: string;
  bytes: LimitFigure;
  records: LimitFigure;
}

/** "Dynatrace API - Access limit, https://...", or what the figure is when no page gives it. */
export function sourceText(figure: LimitFigure): string {
  const page = figure.source ? `${figure.source.title}, ${figure.source.url}` : null;
  if (figure.kind !== 'ceiling') return page ?? 'undocumented';
  return page
    ? `Sluice's own ceiling; the tool's own limit is higher (${page})`
    : "Sluice's own ceiling; the tool documents no limit";
}

/**
 * Figures are passed in rather than looked up so that this file stays below
 * the definitions (which carry them) in the import graph; limits-of.ts
 * looks them up.
 */
export function requestLimitsFrom(limits: ToolRequestLimits): RequestLimits {
  const bytes = sourceText(limits.requestBytes);
  const records = sourceText(limits.recordsPerRequest);
  return {
    maxRequestBytes: limits.requestBytes.value,
    maxRecordsPerRequest: limits.recordsPerRequest.value,
    source: bytes === records ? bytes : `bytes: ${bytes}; records: ${records}`,
    bytes: limits.requestBytes,
    records: limits.recordsPerRequest,
  };
}

export interface DeliveryLimitIssue {
  path: 'delivery.maxBatchBytes' | 'delivery.maxBatchRecords';
  message: string;
  /** The largest value allowed: what a one-click fix sets. */
  limit: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function over(
  label: string,
  tool: string,
  value: number,
  figure: LimitFigure,
  unit: string,
): string {
  const accepts =
    figure.kind === 'recommended'
      ? `${tool} documents no hard limit but recommends at most`
      : `${tool} accepts at most`;
  return `${label} is ${fmt(value)} ${unit}; ${accepts} ${fmt(figure.value)} ${unit} per request (${sourceText(figure)}). Use ${fmt(figure.value)} or less, or leave it out for the default.`;
}

/** Batch settings beyond what the destination takes in one request. */
export function deliveryLimitIssues(
  toolLabel: string,
  limits: RequestLimits,
  delivery: { maxBatchBytes?: number | undefined; maxBatchRecords?: number | undefined },
): DeliveryLimitIssue[] {
  const issues: DeliveryLimitIssue[] = [];
  const { maxBatchBytes, maxBatchRecords } = delivery;
  if (maxBatchBytes !== undefined && maxBatchBytes > limits.maxRequestBytes) {
    issues.push({
      path: 'delivery.maxBatchBytes',
      limit: limits.maxRequestBytes,
      message: over('The maximum batch size', toolLabel, maxBatchBytes, limits.bytes, 'bytes'),
    });
  }
  if (maxBatchRecords !== undefined && maxBatchRecords > limits.maxRecordsPerRequest) {
    issues.push({
      path: 'delivery.maxBatchRecords',
      limit: limits.maxRecordsPerRequest,
      message: over(
        'The maximum records per batch',
        toolLabel,
        maxBatchRecords,
        limits.records,
        'records',
      ),
    });
  }
  return issues;
}

/** The batch size a stream uses when its settings name none. */
export function defaultBatchBytesFrom(limits: RequestLimits): number {
  return Math.min(DEFAULT_BATCH_BYTES, limits.maxRequestBytes);
}
