import type { InstrumentationScope, LogRecord, Resource } from '../otlp/model';
import { effectiveOptions, mapRecord } from './map';
import { surelyUnchanged } from './predict-screen';
import { RULES, type RuleId } from './rules';
import type { DataModel, DynatraceNote, Processing, RulesProfileId } from './types';

/**
 * What Dynatrace will cut, drop or change in a record, predicted before it
 * is sent, by running the same mapping the inspector shows. The exporter
 * calls this once per record (createStoragePredictor, once per stream; the
 * cost is in docs/dynatrace-mapping.md), so it returns only the changes a
 * user would want counted, one entry per rule, never the record itself; a
 * cheap screen (predict-screen.ts) lets most records skip the mapping.
 */

/** One OTLP log record with the resource and scope it is sent with. */
export interface RecordInContext {
  resource: Resource;
  scope: InstrumentationScope;
  record: LogRecord;
}

/** The rules under which Dynatrace stores something other than what was sent, or nothing. */
export const WOULD_CHANGE_RULES = [
  'timestamp.too-old',
  'timestamp.future-replaced',
  'limit.content-length',
  'limit.attribute-count',
  'limit.attribute-key-length',
  'limit.attribute-value-length',
  'limit.values-per-attribute',
  'attribute.nesting-limit',
] as const satisfies readonly RuleId[];
export type WouldChangeRule = (typeof WOULD_CHANGE_RULES)[number];

const wouldChange = new Set<RuleId>(WOULD_CHANGE_RULES);

export function isWouldChangeRule(rule: string): rule is WouldChangeRule {
  return wouldChange.has(rule as RuleId);
}

export interface Prediction {
  rule: WouldChangeRule;
  /** What happens, for a person; with "(and N more)" when several fields break the same rule. */
  detail: string;
}

export interface PredictOptions {
  /** Default 'current-docs'. */
  profile?: RulesProfileId;
  model: DataModel;
  /** Default: the profile's own (classic for 'classic'), else openpipeline. */
  processing?: Processing;
  /** When the record will arrive, unix nanoseconds: the "now" of the age and future rules. */
  now: bigint;
  /**
   * dt.auth.origin counts towards the attribute limit. Dynatrace adds it to
   * every record ingested through the API, so when the token is not known a
   * stand-in of typical length is counted.
   */
  authOrigin?: string | null;
}

const STAND_IN_AUTH_ORIGIN = 'dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX';

function onePerRule(notes: readonly DynatraceNote[]): Prediction[] {
  const byRule = new Map<WouldChangeRule, DynatraceNote[]>();
  for (const n of notes) {
    if (!isWouldChangeRule(n.rule)) continue;
    const list = byRule.get(n.rule);
    if (list) list.push(n);
    else byRule.set(n.rule, [n]);
  }
  return [...byRule].map(([rule, list]) => {
    const first = list[0]!;
    const where = first.field === 'attributes' ? '' : `${first.field}: `;
    const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
    return { rule, detail: `${where}${first.detail}${more}` };
  });
}

/**
 * A predictor for one stream: the options resolved once, then one call per
 * record with the time it will arrive. `screen: false` always runs the
 * mapping (for tests of the screen).
 */
export function createStoragePredictor(
  options: Omit<PredictOptions, 'now'>,
  { screen = true }: { screen?: boolean } = {},
): (item: RecordInContext, now: bigint) => Prediction[] {
  const profile = options.profile ?? 'current-docs';
  const authOrigin = options.authOrigin === undefined ? STAND_IN_AUTH_ORIGIN : options.authOrigin;
  const resolved = effectiveOptions({
    model: options.model,
    processing: options.processing ?? (profile === 'classic' ? 'classic' : 'openpipeline'),
    profile,
    now: 0n,
    authOrigin,
    // Request limits are the exporter's to keep (it cuts batches); this is about the record.
    requestBytes: 0,
  });
  const { limits } = resolved.profile;
  const { processing } = resolved.options;
  return (item, now) => {
    if (screen && surelyUnchanged(item, limits, processing, now, authOrigin)) return [];
    const result = mapRecord(
      0,
      item.resource,
      item.scope,
      item.record,
      { ...resolved.options, now },
      resolved.profile,
    );
    if ('reason' in result) return [{ rule: 'timestamp.too-old', detail: result.reason }];
    return onePerRule(result.notes);
  };
}

/** Every change Dynatrace will make to this record, one entry per rule; [] when it is stored as sent. */
export function predictStorage(item: RecordInContext, options: PredictOptions): Prediction[] {
  return createStoragePredictor(options)(item, options.now);
}

export interface WouldChangeRow {
  rule: string;
  count: number;
  /** The rule's one-line summary (RULES), or the id for a rule this build does not know. */
  summary: string;
}

/** A stream's wouldChange counters in the rules' own order, zero counts left out. */
export function wouldChangeRows(counts: Readonly<Record<string, number>>): WouldChangeRow[] {
  const known = WOULD_CHANGE_RULES.filter((r) => (counts[r] ?? 0) > 0);
  const other = Object.keys(counts).filter((r) => !isWouldChangeRule(r) && (counts[r] ?? 0) > 0);
  return [...known, ...other].map((rule) => ({
    rule,
    count: counts[rule] ?? 0,
    summary: rule in RULES ? RULES[rule as RuleId].summary : rule,
  }));
}
