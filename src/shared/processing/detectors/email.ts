import { charTable, inTable, type Detector, type Found } from './types';

// The characters addresses use in practice before the '@'. RFC 5322 allows
// more ('/', '=', '?', '&'...), but with them the scan would swallow URL
// query strings: "?email=jo@example.com" must mask "jo@example.com" only.
const localChars = charTable('._%+-', [
  ['a', 'z'],
  ['A', 'Z'],
  ['0', '9'],
]);
const domainChars = charTable('.-', [
  ['a', 'z'],
  ['A', 'Z'],
  ['0', '9'],
]);
const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const topLevel = /^(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})$/;

/** The domain's length once trailing dots and hyphens (sentence punctuation) are cut off, or 0 if it is not a domain. */
function domainLength(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
  const labels = text.slice(from, end).split('.');
  if (labels.length < 2 || end - from > 253) return 0;
  for (const l of labels) if (!label.test(l)) return 0;
  return topLevel.test(labels[labels.length - 1]!) ? end - from : 0;
}

/**
 * E-mail addresses, found from each '@': the local part to its left, a
 * domain with a top-level name of letters to its right. Neither side can
 * contain '@', so the scans of successive '@'s never overlap: linear.
 */
export const emailDetector: Detector = {
  name: 'email',
  gate: '@',
  find(text: string, out: Found[]): void {
    let lastEnd = 0;
    let at = text.indexOf('@');
    while (at >= 0) {
      let start = at;
      while (start > lastEnd && inTable(localChars, text.charCodeAt(start - 1))) start--;
      while (start < at && text[start] === '.') start++;
      let end = at + 1;
      while (end < text.length && inTable(domainChars, text.charCodeAt(end))) end++;
      const length = start < at ? domainLength(text, at + 1, end) : 0;
      if (length > 0) {
        out.push({ start, end: at + 1 + length, detector: 'email' });
        lastEnd = at + 1 + length;
      }
      at = text.indexOf('@', Math.max(at + 1, lastEnd));
    }
  },
};
