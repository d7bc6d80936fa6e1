import type { DetectorName } from './names';

/** A stretch of a string a detector found: [start, end) in UTF-16 units. */
export interface Found {
  start: number;
  end: number;
  detector: DetectorName;
}

/**
 * A built-in detector. `find` appends what it finds, left to right and not
 * overlapping. Every detector is linear in the text by construction: it
 * jumps between anchors (a character or a literal located with indexOf or a
 * regular expression whose every quantifier is bounded or runs over a class
 * the next token cannot start with), and does bounded work at each.
 */
export interface Detector {
  name: DetectorName;
  /**
   * A regular expression (source) every text this detector can find
   * something in matches: the masker tests one combined gate per value
   * before calling any detector, and most values have none of the anchors.
   */
  gate: string;
  find(text: string, out: Found[]): void;
  /** Whether an attribute with this key is a secret as a whole (a `password` attribute). */
  wholeValueForKey?(key: string): boolean;
}

const wordTable = new Uint8Array(128);
for (let c = 48; c <= 57; c++) wordTable[c] = 1;
for (let c = 65; c <= 90; c++) wordTable[c] = 1;
for (let c = 97; c <= 122; c++) wordTable[c] = 1;

/** ASCII letter or digit: what may not touch a match on either side. */
export function isAlnum(code: number): boolean {
  return code < 128 && wordTable[code] === 1;
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A table of ASCII characters for fast membership tests. */
export function charTable(chars: string, ranges: [string, string][] = []): Uint8Array {
  const t = new Uint8Array(128);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  for (const [a, b] of ranges) for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) t[c] = 1;
  return t;
}

export function inTable(table: Uint8Array, code: number): boolean {
  return code < 128 && table[code] === 1;
}

/** Runs a global regular expression over `text`, handing each match to `accept`. */
export function eachMatch(re: RegExp, text: string, accept: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) accept(m);
}
