import { charTable, eachMatch, inTable, isAlnum, type Detector, type Found } from './types';

// Every quantifier is bounded: at most 15 characters are looked at from each position.
const ipv4Candidate = /(?<![0-9.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![0-9]|\.[0-9])/g;

function isOctet(s: string): boolean {
  return s.length > 0 && s.length <= 3 && Number(s) <= 255 && (s.length === 1 || s[0] !== '0');
}

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every(isOctet);
}

/** Dotted-quad IPv4 addresses (0-255 each, no leading zeros), also inside URLs and host:port. */
export const ipv4Detector: Detector = {
  name: 'ipv4',
  gate: '[0-9]\\.[0-9]',
  find(text: string, out: Found[]): void {
    if (text.indexOf('.') < 0) return;
    eachMatch(ipv4Candidate, text, (m) => {
      if (isIPv4(m[0])) out.push({ start: m.index, end: m.index + m[0].length, detector: 'ipv4' });
    });
  },
};

const hexGroup = /^[0-9A-Fa-f]{1,4}$/;

/** Any textual IPv6 form: full, compressed ("::"), and with an embedded IPv4 ("::ffff:192.0.2.1"). */
export function isIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    // An embedded IPv4 address stands for the last two groups.
    if (!isIPv4(last)) return false;
    all.pop();
    count++;
  }
  if (!all.every((g) => hexGroup.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

const v6Chars = charTable(':.', [
  ['0', '9'],
  ['a', 'f'],
  ['A', 'F'],
]);
const zoneChars = charTable('_.-', [
  ['0', '9'],
  ['a', 'z'],
  ['A', 'Z'],
]);
// The longest IPv6 text with an embedded IPv4 is 45 characters; longer runs
// of hex digits and colons (hex dumps, MAC lists) are not addresses.
const maxRun = 64;

/**
 * The address within a run of hex digits, colons and dots. A run glued to a
 * word ("id:2001:db8::1", "host:fe80::1") is tried from each of its colons;
 * any other run must be an address as a whole, so "2001:db8::1::2" is not
 * read as "1::2".
 */
function addressIn(run: string, afterWord: boolean): { offset: number; text: string } | null {
  let candidate = run;
  // Trailing punctuation ("at fe80::1.", "fe80::1:") is not part of the address.
  while (/[.:]$/.test(candidate) && !candidate.endsWith('::')) candidate = candidate.slice(0, -1);
  // Glued to a word, the address can only start after the word's colon.
  const offset = afterWord ? candidate.indexOf(':') + 1 : 0;
  const text = candidate.slice(offset);
  // An address needs a digit: "Foo::Bar" and "dead::beef" in code are not addresses.
  return /[0-9]/.test(text) && isIPv6(text) ? { offset, text } : null;
}

/**
 * IPv6 addresses: each maximal run of hex digits, ':' and '.' around a
 * colon is checked as a whole and from each of its colons (runs are at most
 * 64 characters, so that is bounded), and a zone ("%eth0") is kept with it.
 */
export const ipv6Detector: Detector = {
  name: 'ipv6',
  gate: ':',
  find(text: string, out: Found[]): void {
    let colon = text.indexOf(':');
    while (colon >= 0) {
      let start = colon;
      while (start > 0 && inTable(v6Chars, text.charCodeAt(start - 1))) start--;
      let end = colon + 1;
      while (end < text.length && inTable(v6Chars, text.charCodeAt(end))) end++;
      if (end - start <= maxRun) {
        const afterWord =
          start > 0 && (isAlnum(text.charCodeAt(start - 1)) || text[start - 1] === '_');
        const found = addressIn(text.slice(start, end), afterWord);
        if (found) {
          const s = start + found.offset;
          let e = s + found.text.length;
          // The run is maximal, so what follows is no hex digit; a letter still means a word, not an address.
          if (!isAlnum(text.charCodeAt(e))) {
            if (text[e] === '%' && inTable(zoneChars, text.charCodeAt(e + 1))) {
              e++;
              while (e < text.length && inTable(zoneChars, text.charCodeAt(e))) e++;
            }
            out.push({ start: s, end: e, detector: 'ipv6' });
          }
        }
      }
      colon = text.indexOf(':', end);
    }
  },
};
