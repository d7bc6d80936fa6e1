import { eachMatch, isDigit, type Detector, type Found } from './types';

/** The Luhn check digit test over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

// A digit, then up to 22 more, each optionally after one space or hyphen:
// bounded, so at most a few dozen characters are looked at from each position.
const candidate = /(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){12,22}/g;

/**
 * Whether `text` (digits, single spaces or hyphens) is written like a card
 * number: 13-19 digits, starting 2-6 (Mastercard 2-series, Amex and Diners
 * 3, Visa 4, Mastercard 5, Discover, UnionPay and Maestro 6; this leaves out
 * epoch timestamps, which start with 1), grouped in 3 to 6 digits when
 * grouped at all, and passing the Luhn check.
 */
function isCardNumber(groups: readonly string[]): boolean {
  const digits = groups.join('');
  if (digits.length < 13 || digits.length > 19) return false;
  const first = digits.charCodeAt(0) - 48;
  if (first < 2 || first > 6) return false;
  if (groups.length > 1 && groups.some((g) => g.length < 3 || g.length > 6)) return false;
  return luhnValid(digits);
}

/**
 * Payment card numbers. A run of digits that goes on past 23 digits is a
 * longer number, not a card. A run with a group too many ("4111 1111 1111
 * 1111 2024") is tried without its last groups.
 */
export const cardDetector: Detector = {
  name: 'card',
  gate: '[0-9]{3}',
  find(text: string, out: Found[]): void {
    eachMatch(candidate, text, (m) => {
      const end = m.index + m[0].length;
      if (isDigit(text.charCodeAt(end))) return;
      const groups = m[0].split(/[ -]/);
      let length = m[0].length;
      while (groups.length > 0) {
        if (isCardNumber(groups)) {
          out.push({ start: m.index, end: m.index + length, detector: 'card' });
          return;
        }
        if (groups.length === 1) return;
        length -= groups.pop()!.length + 1;
      }
    });
  },
};
