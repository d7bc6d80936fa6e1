import { truncateChars } from '../dynatrace/outsystems';
import type { AnyValue, InstrumentationScope, LogRecord, Resource } from '../otlp/model';
import {
  applyDrop,
  applyMask,
  applyRename,
  applySet,
  applyTruncate,
  type LevelTarget,
  type Report,
} from './attribute-ops';
import type { Change, RuleRef } from './changes';
import { ProcessingError } from './errors';
import { ruleLabel } from './labels';
import { Masker, ScanBudget, ScanBudgetExceeded, type ProcessingDeps } from './mask';
import { attributeLevels, ruleKey, type AttributeLevel, type ProcessingRule } from './schema';

export type { ProcessingDeps } from './mask';

/** What applying the rules gives: the new value (the input is never changed) and, when explaining, the changes. */
export interface Processed<T> {
  value: T;
  changes: Change[];
}

/** For the sending path: which rules changed something (indexes into the rule list). */
export interface Touched<T> {
  value: T;
  changedByRule: number[];
}

export interface CompiledProcessing {
  readonly rules: readonly ProcessingRule[];
  readonly refs: readonly RuleRef[];
  /** No rules: every method returns its input. */
  readonly isEmpty: boolean;
  resource(r: Resource): Processed<Resource>;
  scope(s: InstrumentationScope): Processed<InstrumentationScope>;
  record(rec: LogRecord): Processed<LogRecord>;
  /**
   * The record-level rules as operations on single string values, in rule
   * order, when every one of them is a mask or a truncation (they change
   * values, never which attributes exist); null otherwise. The wire
   * processor's fast path (wire-fast.ts) works from these.
   */
  readonly recordValueOps: readonly ValueOp[] | null;
  /** The same without building the change list: what the exporter calls for every record. */
  resourceFast(r: Resource): Touched<Resource>;
  scopeFast(s: InstrumentationScope): Touched<InstrumentationScope>;
  recordFast(rec: LogRecord): Touched<LogRecord>;
}

type Op = (t: LevelTarget, report: Report) => void;

/** Where a string value sits in a record: the content, or a top-level record attribute. */
export type ValueSlot = { content: true; key: null } | { content: false; key: string };

/** One rule on one string value: the new value, or null when it leaves it as is. */
export interface ValueOp {
  index: number;
  /** Whether an int value in this slot must go through the full path (masked whole or as a long number). */
  needsInts(slot: ValueSlot): boolean;
  apply(text: string, slot: ValueSlot, budget: ScanBudget): string | null;
}

function valueOp(rule: ProcessingRule, index: number, deps: ProcessingDeps): ValueOp | null {
  if ('mask' in rule) {
    const masker = new Masker(rule, deps);
    const attributes = rule.attributes ?? 'all';
    const content = rule.content ?? true;
    const onRecord = (rule.levels ?? attributeLevels).includes('record');
    const applies = (slot: ValueSlot) =>
      slot.content
        ? content
        : onRecord &&
          attributes !== 'none' &&
          (attributes === 'all' || attributes.includes(slot.key));
    return {
      index,
      // Small integers are masked only under a secret-looking key (see attribute-ops.ts).
      needsInts: (slot) =>
        applies(slot) && slot.key !== null && masker.wholeValue(slot.key) !== null,
      apply: (text, slot, budget) =>
        applies(slot) ? (masker.mask(text, budget, slot.key)?.text ?? null) : null,
    };
  }
  if ('truncate' in rule) {
    const onRecord =
      rule.truncate === 'content' || (rule.levels ?? attributeLevels).includes('record');
    const applies = (slot: ValueSlot) =>
      rule.truncate === 'content'
        ? slot.content
        : !slot.content && onRecord && slot.key === rule.truncate;
    return {
      index,
      needsInts: () => false,
      apply: (text, slot) =>
        applies(slot) && text.length > rule.maxChars ? truncateChars(text, rule.maxChars) : null,
    };
  }
  return null;
}

function setValue(v: string | number | boolean): AnyValue {
  if (typeof v === 'string') return { kind: 'string', value: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  return Number.isSafeInteger(v) ? { kind: 'int', value: BigInt(v) } : { kind: 'double', value: v };
}

function levelSet(levels: readonly AttributeLevel[] | undefined): ReadonlySet<AttributeLevel> {
  return new Set(levels ?? attributeLevels);
}

/** One rule as the operations it performs at each level (most rules touch one or two). */
function compileRule(
  rule: ProcessingRule,
  ref: RuleRef,
  deps: ProcessingDeps,
): Partial<Record<AttributeLevel, Op>> {
  const all = (op: Op, levels: ReadonlySet<AttributeLevel>) =>
    Object.fromEntries([...levels].map((l) => [l, op]));
  if ('mask' in rule) {
    let masker: Masker;
    try {
      masker = new Masker(rule, deps);
    } catch (err) {
      throw new ProcessingError(
        `Rule ${ref.index + 1} (${ref.label}): ${(err as Error).message}`,
        ref.index,
      );
    }
    const attributes = rule.attributes ?? 'all';
    const where = {
      content: rule.content ?? true,
      keys: attributes === 'all' ? null : new Set(attributes === 'none' ? [] : attributes),
      levels: levelSet(rule.levels),
    };
    const op: Op = (t, report) => applyMask(t, masker, where, ref, report);
    // The content lives at the record level, whatever levels the attributes are taken from.
    return all(op, new Set([...where.levels, ...(where.content ? ['record' as const] : [])]));
  }
  if ('drop' in rule) {
    return all((t, r) => applyDrop(t, rule.drop, ref, r), levelSet(rule.levels));
  }
  if ('rename' in rule) {
    return all((t, r) => applyRename(t, rule.rename, rule.to, ref, r), levelSet(rule.levels));
  }
  if ('set' in rule) {
    const value = setValue(rule.value);
    return {
      [rule.level ?? 'resource']: (t: LevelTarget, r: Report) =>
        applySet(t, rule.set, value, ref, r),
    };
  }
  const levels = levelSet(rule.levels);
  const op: Op = (t, r) => applyTruncate(t, rule.truncate, rule.maxChars, levels, ref, r);
  return rule.truncate === 'content' ? { record: op } : all(op, levels);
}

/**
 * Compiles a stream's rules once (patterns compiled, detectors chosen), so
 * that applying them does no compiling per record. Throws ProcessingError
 * for a rule that cannot be compiled (configurations are validated before
 * they are saved, so this means a file edited by hand around the checks).
 */
export function compileProcessing(
  rules: readonly ProcessingRule[],
  deps: ProcessingDeps,
): CompiledProcessing {
  const refs: RuleRef[] = rules.map((rule, index) => ({
    index,
    key: ruleKey(rule, index),
    label: ruleLabel(rule),
  }));
  const ops: Record<AttributeLevel, { ref: RuleRef; op: Op }[]> = {
    resource: [],
    scope: [],
    record: [],
  };
  rules.forEach((rule, i) => {
    const compiled = compileRule(rule, refs[i]!, deps);
    for (const level of attributeLevels) {
      const op = compiled[level];
      if (op) ops[level].push({ ref: refs[i]!, op });
    }
  });

  // Rules that act on record attributes' keys (drop, rename, set) need the whole record decoded.
  let recordValueOps: ValueOp[] | null = [];
  for (const { ref } of ops.record) {
    const op = valueOp(rules[ref.index]!, ref.index, deps);
    if (op) recordValueOps?.push(op);
    else recordValueOps = null;
  }

  function run(target: LevelTarget, explain: boolean): { report: Report } {
    const report: Report = {
      budget: new ScanBudget(),
      changes: explain ? [] : null,
      touched: new Array<boolean>(rules.length).fill(false),
    };
    for (const { ref, op } of ops[target.level]) {
      try {
        op(target, report);
      } catch (err) {
        if (err instanceof ProcessingError) throw err;
        if (err instanceof ScanBudgetExceeded) throw new ProcessingError(err.message, null);
        throw new ProcessingError(
          `Rule ${ref.index + 1} (${ref.label}) failed on this record: ${(err as Error)?.message ?? String(err)}`,
          ref.index,
        );
      }
    }
    return { report };
  }

  const changedBy = (report: Report) =>
    report.touched.flatMap((touched, index) => (touched ? [index] : []));

  function resourceTarget(r: Resource): LevelTarget {
    return { level: 'resource', attributes: r.attributes.slice() };
  }
  function scopeTarget(s: InstrumentationScope): LevelTarget {
    return { level: 'scope', attributes: s.attributes.slice() };
  }
  function recordTarget(rec: LogRecord): LevelTarget {
    return { level: 'record', attributes: rec.attributes.slice(), body: rec.body };
  }

  function applyResource(r: Resource, explain: boolean) {
    if (ops.resource.length === 0) return { value: r, report: null };
    const t = resourceTarget(r);
    const { report } = run(t, explain);
    const changed = report.touched.includes(true);
    return { value: changed ? { ...r, attributes: t.attributes } : r, report };
  }
  function applyScope(s: InstrumentationScope, explain: boolean) {
    if (ops.scope.length === 0) return { value: s, report: null };
    const t = scopeTarget(s);
    const { report } = run(t, explain);
    const changed = report.touched.includes(true);
    return { value: changed ? { ...s, attributes: t.attributes } : s, report };
  }
  function applyRecord(rec: LogRecord, explain: boolean) {
    if (ops.record.length === 0) return { value: rec, report: null };
    const t = recordTarget(rec);
    const { report } = run(t, explain);
    const changed = report.touched.includes(true);
    return {
      value: changed ? { ...rec, attributes: t.attributes, body: t.body ?? rec.body } : rec,
      report,
    };
  }

  return {
    rules,
    refs,
    isEmpty: rules.length === 0,
    recordValueOps,
    resource: (r) => {
      const { value, report } = applyResource(r, true);
      return { value, changes: report?.changes ?? [] };
    },
    scope: (s) => {
      const { value, report } = applyScope(s, true);
      return { value, changes: report?.changes ?? [] };
    },
    record: (rec) => {
      const { value, report } = applyRecord(rec, true);
      return { value, changes: report?.changes ?? [] };
    },
    resourceFast: (r) => {
      const { value, report } = applyResource(r, false);
      return { value, changedByRule: report ? changedBy(report) : [] };
    },
    scopeFast: (s) => {
      const { value, report } = applyScope(s, false);
      return { value, changedByRule: report ? changedBy(report) : [] };
    },
    recordFast: (rec) => {
      const { value, report } = applyRecord(rec, false);
      return { value, changedByRule: report ? changedBy(report) : [] };
    },
  };
}
