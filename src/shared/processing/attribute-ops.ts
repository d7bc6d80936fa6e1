import { truncateChars } from '../dynatrace/outsystems';
import type { AnyValue, KeyValue } from '../otlp/model';
import type { Change, FieldRef, MaskedSpan, RuleRef, ValuePath } from './changes';
import type { Masker, ScanBudget } from './mask';
import type { AttributeLevel } from './schema';

/**
 * The pieces of one level (resource, scope or record) rules work on. Rules
 * never mutate what they were given: `attributes` is a fresh array, and a
 * changed KeyValue or AnyValue is replaced, not edited.
 */
export interface LevelTarget {
  level: AttributeLevel;
  attributes: KeyValue[];
  /** The record's body; undefined at the resource and scope levels. */
  body?: AnyValue;
}

/** Where a rule reports what it did: always which rules changed something, and the details when explaining. */
export interface Report {
  budget: ScanBudget;
  /** Null unless explaining (the inspector, Test stream): the sending path skips building them. */
  changes: Change[] | null;
  touched: boolean[];
}

const bigTextInt = 1_000_000_000_000n;

/**
 * Masks the strings in a value: strings, strings inside arrays and kvlists
 * (a kvlist entry with a secret-looking key is masked whole), and integers
 * of 13 digits or more (a card number logged as a number becomes a masked
 * string). Returns the new value, or null when nothing changed.
 */
function maskAnyValue(
  masker: Masker,
  value: AnyValue,
  key: string | null,
  path: ValuePath,
  emit: (path: ValuePath, before: string, after: string, spans: MaskedSpan[]) => void,
  budget: ScanBudget,
): AnyValue | null {
  switch (value.kind) {
    case 'string': {
      const m = masker.mask(value.value, budget, key);
      if (!m) return null;
      emit(path, value.value, m.text, m.spans);
      return { kind: 'string', value: m.text };
    }
    case 'int': {
      const big = value.value >= bigTextInt || value.value <= -bigTextInt;
      if (!big && (key === null || masker.wholeValue(key) === null)) return null;
      const text = value.value.toString();
      const m = masker.mask(text, budget, key);
      if (!m) return null;
      emit(path, text, m.text, m.spans);
      return { kind: 'string', value: m.text };
    }
    case 'array': {
      let out: AnyValue[] | null = null;
      value.value.forEach((item, i) => {
        const masked = maskAnyValue(masker, item, key, [...path, i], emit, budget);
        if (masked) (out ??= value.value.slice())[i] = masked;
      });
      return out ? { kind: 'array', value: out } : null;
    }
    case 'kvlist': {
      let out: KeyValue[] | null = null;
      value.value.forEach((kv, i) => {
        const masked = maskAnyValue(masker, kv.value, kv.key, [...path, kv.key], emit, budget);
        if (masked) (out ??= value.value.slice())[i] = { key: kv.key, value: masked };
      });
      return out ? { kind: 'kvlist', value: out } : null;
    }
    default:
      return null;
  }
}

export interface MaskScope {
  content: boolean;
  /** null: every attribute; empty: none. */
  keys: ReadonlySet<string> | null;
  levels: ReadonlySet<AttributeLevel>;
}

export function applyMask(
  t: LevelTarget,
  masker: Masker,
  where: MaskScope,
  rule: RuleRef,
  report: Report,
): void {
  const emitFor =
    (field: (path: ValuePath) => FieldRef) =>
    (path: ValuePath, before: string, after: string, spans: MaskedSpan[]) => {
      report.touched[rule.index] = true;
      report.changes?.push({ rule, action: 'mask', field: field(path), before, after, spans });
    };
  if (t.body !== undefined && where.content) {
    const masked = maskAnyValue(
      masker,
      t.body,
      null,
      [],
      emitFor((path) => ({ kind: 'content', path })),
      report.budget,
    );
    if (masked) t.body = masked;
  }
  if (!where.levels.has(t.level) || (where.keys !== null && where.keys.size === 0)) return;
  const attrs = t.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const kv = attrs[i]!;
    if (where.keys !== null && !where.keys.has(kv.key)) continue;
    const masked = maskAnyValue(
      masker,
      kv.value,
      kv.key,
      [],
      emitFor((path) => ({ kind: 'attribute', level: t.level, key: kv.key, path })),
      report.budget,
    );
    if (masked) attrs[i] = { key: kv.key, value: masked };
  }
}

function attributeField(level: AttributeLevel, key: string): FieldRef {
  return { kind: 'attribute', level, key, path: [] };
}

export function applyDrop(t: LevelTarget, key: string, rule: RuleRef, report: Report): void {
  const kept = t.attributes.filter((kv) => kv.key !== key);
  if (kept.length === t.attributes.length) return;
  t.attributes = kept;
  report.touched[rule.index] = true;
  report.changes?.push({ rule, action: 'drop', field: attributeField(t.level, key) });
}

/** Renames `from` to `to`; an attribute already called `to` gives way (keys are unique in OTLP). */
export function applyRename(
  t: LevelTarget,
  from: string,
  to: string,
  rule: RuleRef,
  report: Report,
): void {
  const at = t.attributes.findIndex((kv) => kv.key === from);
  if (at < 0 || from === to) return;
  const value = t.attributes[at]!.value;
  t.attributes = t.attributes.filter((kv) => kv.key !== to);
  const i = t.attributes.findIndex((kv) => kv.key === from);
  t.attributes[i] = { key: to, value };
  report.touched[rule.index] = true;
  report.changes?.push({ rule, action: 'rename', field: attributeField(t.level, from), to });
}

export function applySet(
  t: LevelTarget,
  key: string,
  value: AnyValue,
  rule: RuleRef,
  report: Report,
): void {
  const at = t.attributes.findIndex((kv) => kv.key === key);
  if (at >= 0 && sameValue(t.attributes[at]!.value, value)) return;
  if (at >= 0) t.attributes[at] = { key, value };
  else t.attributes.push({ key, value });
  report.touched[rule.index] = true;
  report.changes?.push({
    rule,
    action: 'set',
    field: attributeField(t.level, key),
    replaced: at >= 0,
  });
}

function sameValue(a: AnyValue, b: AnyValue): boolean {
  return a.kind === b.kind && 'value' in a && 'value' in b && a.value === b.value;
}

/** Cuts a string to `max` characters (UTF-16 units, never splitting a surrogate pair). */
export function applyTruncate(
  t: LevelTarget,
  field: string,
  max: number,
  levels: ReadonlySet<AttributeLevel>,
  rule: RuleRef,
  report: Report,
): void {
  const cut = (v: AnyValue, ref: FieldRef): AnyValue | null => {
    if (v.kind !== 'string' || v.value.length <= max) return null;
    const value = truncateChars(v.value, max);
    report.touched[rule.index] = true;
    report.changes?.push({
      rule,
      action: 'truncate',
      field: ref,
      fromChars: v.value.length,
      toChars: value.length,
    });
    return { kind: 'string', value };
  };
  if (field === 'content') {
    if (t.body !== undefined) t.body = cut(t.body, { kind: 'content', path: [] }) ?? t.body;
    return;
  }
  if (!levels.has(t.level)) return;
  t.attributes.forEach((kv, i) => {
    if (kv.key !== field) return;
    const v = cut(kv.value, attributeField(t.level, kv.key));
    if (v) t.attributes[i] = { key: kv.key, value: v };
  });
}
