import { RE2JS } from 're2js';

/**
 * Custom patterns run on RE2 (the pure-JavaScript port `re2js`): matching
 * takes time linear in the input whatever the pattern, so no pattern a user
 * writes can hang the exporter the way `(a+)+$` hangs a backtracking engine.
 * The price is RE2's syntax: no backreferences and no lookarounds. Patterns
 * that use them are refused with a message that says what to do instead.
 */

export interface SafePattern {
  readonly source: string;
  /** The compiled program; matching is linear in the input. */
  readonly re: RE2JS;
  /** When the pattern has a capturing group, only group 1 is masked. */
  readonly maskGroup: 0 | 1;
}

const lookaround = /\(\?<?[=!]/;
const backreference = /\\[1-9]|\\k</;

/** Why a pattern cannot be used, in words; null when it can. */
export function patternProblem(source: string, ignoreCase = false): string | null {
  try {
    compilePattern(source, ignoreCase);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Explains an RE2 syntax error, with what to write instead where RE2 differs from JavaScript. */
function explain(source: string, err: unknown): string {
  if (lookaround.test(source)) {
    return 'Lookarounds ((?=...), (?!...), (?<=...), (?<!...)) are not supported: patterns run on a linear-time engine (RE2). Match the surrounding text and put the part to mask in a group, e.g. "password=(\\S+)": only the first group is masked.';
  }
  if (backreference.test(source)) {
    return 'Backreferences (\\1, \\k<name>) are not supported: patterns run on a linear-time engine (RE2). Match the repeated text explicitly instead.';
  }
  const detail = (err as Error)?.message?.replace(/^error parsing regexp: /, '') ?? String(err);
  return `The pattern is not valid (RE2 syntax): ${detail}.`;
}

/** Compiles once; throws an Error whose message is written for the user. */
export function compilePattern(source: string, ignoreCase = false): SafePattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (err) {
    throw new Error(explain(source, err), { cause: err });
  }
  if (re.test('')) {
    throw new Error(
      'The pattern matches empty text, so it would match everywhere; make at least one character required (e.g. "+" instead of "*").',
    );
  }
  return { source, re, maskGroup: re.groupCount() > 0 ? 1 : 0 };
}

export interface PatternMatch {
  start: number;
  end: number;
}

/**
 * Every non-overlapping match in `text`, as spans to mask (group 1 when the
 * pattern has groups). Empty matches are skipped.
 */
export function findPatternMatches(pattern: SafePattern, text: string): PatternMatch[] {
  // test() runs on RE2's DFA and is much cheaper than a Matcher: most values do not match.
  if (!pattern.re.test(text)) return [];
  const out: PatternMatch[] = [];
  const m = pattern.re.matcher(text);
  while (m.find()) {
    const start = m.start(pattern.maskGroup);
    const end = m.end(pattern.maskGroup);
    if (start >= 0 && end > start) out.push({ start, end });
  }
  return out;
}
