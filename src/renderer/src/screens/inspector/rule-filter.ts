import type { SampledRecord } from '../../../../shared/api/inspector';
import { predictStorage } from '../../../../shared/dynatrace';
import type { ViewOptions } from './inspector-store';
import { liveRecord } from './model';

/**
 * The inspector's "examples" filter: which sampled records Dynatrace would
 * cut, drop or change under one rule, predicted with the view's own
 * options (so what the list shows is what the record view explains), each
 * as of when it was sent. Cached per record and options: the list may hold
 * 100,000 records and only the options change it.
 */
const cache = new WeakMap<SampledRecord, { key: string; rules: ReadonlySet<string> }>();

function rulesOf(
  s: SampledRecord,
  options: ViewOptions,
  authOrigin: string | null,
): ReadonlySet<string> {
  const key = `${options.profile}|${options.model}|${options.processing}|${authOrigin ?? ''}`;
  const hit = cache.get(s);
  if (hit?.key === key) return hit.rules;
  const rules = new Set(
    predictStorage(liveRecord(s), {
      profile: options.profile,
      model: options.model,
      processing: options.processing,
      now: BigInt(Math.round(s.at)) * 1_000_000n,
      ...(authOrigin !== null ? { authOrigin } : {}),
    }).map((p) => p.rule),
  );
  cache.set(s, { key, rules });
  return rules;
}

/** Positions in `live` of the records under which Dynatrace would apply `rule`. */
export function recordsUnderRule(
  live: readonly SampledRecord[],
  rule: string,
  options: ViewOptions,
  authOrigin: string | null,
): number[] {
  const out: number[] = [];
  live.forEach((s, i) => {
    if (rulesOf(s, options, authOrigin).has(rule)) out.push(i);
  });
  return out;
}
