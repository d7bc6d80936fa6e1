import { truncateChars } from '../dynatrace/outsystems';
import type { MaskedSpan } from './changes';
import { detect, detectorsFor, gateFor, type Detector } from './detectors';
import { compilePattern, findPatternMatches, type SafePattern } from './safe-pattern';
import type { MaskRule, Replacement } from './schema';

/**
 * Bounds on the work masking does (docs/processing.md, "Limits"). A string
 * value longer than `maxValueScanChars` is scanned up to there and the rest
 * is masked whole, so nothing unscanned is sent; a record whose string
 * values add up to more than `maxRecordScanChars` is refused (it goes to the
 * dead letters with the reason) rather than scanned for ever.
 */
export const maxValueScanChars = 262_144;
export const maxRecordScanChars = 4_194_304;

/** Passed to the rules by the engine: the stream's keyed hash (the key never leaves the engine). */
export interface ProcessingDeps {
  keyedHash(value: string): string;
}

export interface Masked {
  text: string;
  spans: MaskedSpan[];
}

/** Counts the characters scanned for one record; throws when over the bound. */
export class ScanBudget {
  private used = 0;

  constructor(private readonly limit = maxRecordScanChars) {}

  spend(chars: number): void {
    this.used += chars;
    if (this.used > this.limit) throw new ScanBudgetExceeded(this.limit);
  }
}

export class ScanBudgetExceeded extends Error {
  constructor(readonly limit: number) {
    super(
      `The record holds more than ${limit.toLocaleString('en-US')} characters of text to mask, the most one record may; it was not sent so that nothing unmasked leaves.`,
    );
  }
}

function replacer(
  replace: Replacement | undefined,
  deps: ProcessingDeps,
): (original: string, name: string) => string {
  if (replace === 'hash') return (original, name) => `[masked:${name}:${deps.keyedHash(original)}]`;
  if (typeof replace === 'object') {
    const keep = replace.keepLast;
    // A value no longer than what would be kept is masked whole: keeping it would keep all of it.
    return (original) =>
      original.length <= keep
        ? '*'.repeat(original.length)
        : '*'.repeat(original.length - keep) + original.slice(-keep);
  }
  return (_original, name) => `[masked:${name}]`;
}

/** A mask rule, compiled once: detectors chosen, pattern compiled, replacement fixed. */
export class Masker {
  private readonly detectors: Detector[];
  private readonly pattern: SafePattern | null;
  private readonly patternName: string;
  private readonly replace: (original: string, name: string) => string;
  private readonly secretKeys: Detector[];
  private readonly gate: RegExp | null;

  constructor(rule: MaskRule, deps: ProcessingDeps) {
    const what = rule.mask;
    if (what === 'builtin' || Array.isArray(what)) {
      this.detectors = detectorsFor(what === 'builtin' ? 'all' : what);
      this.pattern = null;
      this.patternName = '';
    } else {
      this.detectors = [];
      this.pattern = compilePattern(what.pattern, what.ignoreCase ?? false);
      this.patternName = what.name ?? 'custom';
    }
    this.secretKeys = this.detectors.filter((d) => d.wholeValueForKey);
    this.gate = this.detectors.length > 0 ? gateFor(this.detectors) : null;
    this.replace = replacer(rule.replace, deps);
  }

  // Attribute keys repeat record after record: the answer per key is kept (bounded).
  private readonly wholeValueByKey = new Map<string, string | null>();

  /** Whether an attribute with this key is masked whole (a `password` attribute under url-secret). */
  wholeValue(key: string): string | null {
    if (this.secretKeys.length === 0) return null;
    const known = this.wholeValueByKey.get(key);
    if (known !== undefined) return known;
    let answer: string | null = null;
    for (const d of this.secretKeys) if (d.wholeValueForKey!(key)) answer = answer ?? d.name;
    if (this.wholeValueByKey.size >= 10_000) this.wholeValueByKey.clear();
    this.wholeValueByKey.set(key, answer);
    return answer;
  }

  /** The value with what the rule finds replaced, or null when it finds nothing. */
  mask(text: string, budget: ScanBudget, key: string | null): Masked | null {
    if (text.length === 0) return null;
    const whole = key === null ? null : this.wholeValue(key);
    if (whole) {
      const replacement = this.replace(text, whole);
      return {
        text: replacement,
        spans: [{ start: 0, end: text.length, replacement, detector: whole }],
      };
    }
    const scanned = text.length > maxValueScanChars ? truncateChars(text, maxValueScanChars) : text;
    budget.spend(scanned.length);
    const spans: MaskedSpan[] = [];
    if (this.pattern) {
      for (const m of findPatternMatches(this.pattern, scanned)) {
        const original = scanned.slice(m.start, m.end);
        spans.push({
          ...m,
          replacement: this.replace(original, this.patternName),
          detector: this.patternName,
        });
      }
    } else if (this.gate!.test(scanned)) {
      for (const f of detect(this.detectors, scanned)) {
        const original = scanned.slice(f.start, f.end);
        spans.push({
          start: f.start,
          end: f.end,
          replacement: this.replace(original, f.detector),
          detector: f.detector,
        });
      }
    }
    if (scanned.length < text.length) {
      spans.push({
        start: scanned.length,
        end: text.length,
        replacement: '[masked:scan-limit]',
        detector: 'scan-limit',
      });
    }
    if (spans.length === 0) return null;
    return { text: applySpans(text, spans), spans };
  }
}

/** `text` with each span (sorted, not overlapping) replaced. */
export function applySpans(text: string, spans: readonly MaskedSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  return out + text.slice(at);
}
