import type { AnyValue, KeyValue } from '../otlp/model';
import type { DataModel } from './types';

/**
 * The attribute candidates of one record, before names are settled: one
 * entry per key, from each source in priority order. Under the flattened
 * model kvlists are expanded here into dotted keys.
 *
 * Nesting, our reading of "up to the maximum nesting level": a kvlist that is
 * the direct value of an attribute (or of a body key) is level 1; kvlists up
 * to the limit are expanded, a kvlist one level deeper becomes the string
 * `<truncated due to nesting limit>`. With the documented limit of 5, keys
 * can have up to six segments (`a.b.c.d.e.f`).
 */

export type Source = 'resource' | 'scope' | 'record' | 'body';

export const NESTING_LIMIT_VALUE = '<truncated due to nesting limit>';

export interface Entry {
  key: string;
  /** null: replaced because of the nesting limit. */
  value: AnyValue | null;
  source: Source;
  /** The attribute (or body key) this key was flattened from, when flattened. */
  flattenedFrom?: string;
  /** Set for an empty kvlist under the flattened model: it yields no attribute. */
  emptyMap?: boolean;
}

function flattenInto(
  out: Entry[],
  key: string,
  value: AnyValue,
  level: number,
  root: string,
  source: Source,
  nestingLevels: number,
): void {
  if (value.kind !== 'kvlist') {
    out.push({ key, value, source, ...(key !== root ? { flattenedFrom: root } : {}) });
    return;
  }
  if (level > nestingLevels) {
    out.push({ key, value: null, source, flattenedFrom: root });
    return;
  }
  if (value.value.length === 0) {
    out.push({ key, value, source, emptyMap: true });
    return;
  }
  for (const kv of value.value) {
    flattenInto(out, `${key}.${kv.key}`, kv.value, level + 1, root, source, nestingLevels);
  }
}

/** Entries for a list of attributes (or the keys of a kvlist Body). */
export function entriesOf(
  attributes: readonly KeyValue[],
  source: Source,
  model: DataModel,
  nestingLevels: number,
): Entry[] {
  const out: Entry[] = [];
  for (const kv of attributes) {
    if (model === 'raw') out.push({ key: kv.key, value: kv.value, source });
    else flattenInto(out, kv.key, kv.value, 1, kv.key, source, nestingLevels);
  }
  return out;
}

/**
 * Finds the first of `keys` (in the order of `keys`) present among entries
 * whose value passes `accept`; returns its position or -1.
 */
export function findKey(
  entries: readonly Entry[],
  keys: readonly string[],
  caseInsensitive: boolean,
  accept: (entry: Entry) => boolean,
): number {
  const norm = (k: string) => (caseInsensitive ? k.toLowerCase() : k);
  for (const wanted of keys) {
    const target = norm(wanted);
    const index = entries.findIndex((e) => norm(e.key) === target && !e.emptyMap && accept(e));
    if (index >= 0) return index;
  }
  return -1;
}
