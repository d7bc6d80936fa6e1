import {
  createStoragePredictor,
  type PredictOptions,
  type Prediction,
  type RecordInContext,
} from './predict';

/**
 * A partial success says how many records Dynatrace refused, not which. The
 * mapping knows one reason Dynatrace refuses a record it otherwise accepts:
 * the log age limit (the record is discarded, and counted as rejected). So
 * the records the mapping would drop are named as the likely refused ones,
 * with the reason, and whatever it cannot account for is said plainly.
 */

export interface ExplainedRecord {
  /** Position in the batch, counted across all resource and scope groups from 0. */
  index: number;
  reasons: Prediction[];
}

export interface RejectionExplanation {
  explained: ExplainedRecord[];
  /** Refused records the mapping gives no reason for. */
  unexplained: number;
  /** One paragraph for the event log. */
  summary: string;
}

export interface ExplainOptions extends PredictOptions {
  /** The partial success's error_message, quoted when the mapping cannot explain everything. */
  errorMessage?: string | null;
}

/** Rules that make Dynatrace refuse a record (as opposed to storing it changed). */
const REFUSING_RULES = new Set<string>(['timestamp.too-old']);

const MAX_LISTED = 10;

function listIndexes(indexes: readonly number[]): string {
  const shown = indexes.slice(0, MAX_LISTED).join(', ');
  const more = indexes.length > MAX_LISTED ? ` and ${indexes.length - MAX_LISTED} more` : '';
  return `${indexes.length === 1 ? 'record' : 'records'} ${shown}${more}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function describeExplained(explained: readonly ExplainedRecord[]): string {
  const first = explained[0]?.reasons[0];
  if (!first) return '';
  return `${listIndexes(explained.map((e) => e.index))}; for example ${first.detail}`;
}

export function explainRejection(
  records: readonly RecordInContext[],
  rejected: number,
  options: ExplainOptions,
): RejectionExplanation {
  const explained: ExplainedRecord[] = [];
  const predict = createStoragePredictor(options);
  records.forEach((item, index) => {
    const reasons = predict(item, options.now).filter((p) => REFUSING_RULES.has(p.rule));
    if (reasons.length > 0) explained.push({ index, reasons });
  });
  const total = records.length;
  const unexplained = Math.max(0, rejected - explained.length);
  const said = options.errorMessage ? ` Dynatrace said: "${options.errorMessage}"` : '';
  const head = `Dynatrace refused ${plural(rejected, 'record')} of ${total.toLocaleString('en-US')}.`;
  let summary: string;
  if (rejected <= 0) {
    summary = 'Dynatrace refused no records.';
  } else if (explained.length === 0) {
    summary =
      `${head} The mapping cannot explain why: no record in the batch breaks a rule under which ` +
      `Dynatrace refuses records (the log age limit), so the reason lies outside what Sluice ` +
      `models.${said}`;
  } else if (explained.length === rejected) {
    summary = `${head} The mapping explains all of them: ${describeExplained(explained)}.`;
  } else if (explained.length < rejected) {
    summary =
      `${head} The mapping explains ${explained.length}: ${describeExplained(explained)}. ` +
      `It cannot explain the other ${unexplained}.${said}`;
  } else {
    summary =
      `${head} The mapping would refuse ${explained.length}, more than Dynatrace did ` +
      `(its clock or rules differ from the tenant's): ${describeExplained(explained)}.`;
  }
  return { explained, unexplained, summary };
}
