/**
 * Whether a 64-bit integer written as a JSON number arrived intact.
 *
 * JSON.parse turns every number into a double, so 1700000000000000000 and
 * 1700000000000000001 both come out as 1700000000000000000. The first is
 * exactly that integer; the second lost a digit. Only the text of the
 * number can tell them apart (Node 20 has no JSON.parse source-text access),
 * so the source is scanned for its number tokens, and each token's exact
 * decimal value is compared with the double it became.
 *
 * The rule: a number beyond 2^53 is accepted when every number token in the
 * text that parses to the same double denotes exactly that integer (written
 * plainly or with an exponent, 1.7e18); it is refused when any of them does
 * not. A double is shared by many texts, so one inexact spelling anywhere
 * makes every equal value suspect: we refuse rather than guess which
 * occurrence was the exact one. The scan runs only when such a number is
 * met, so ordinary requests pay nothing for it.
 */
export class JsonIntegerExactness {
  /** Double -> whether all tokens that parse to it denote it exactly; built on first use. */
  private verdicts: Map<number, boolean> | null = null;

  constructor(private readonly text: string) {}

  /** True when `value` (an integer double beyond 2^53) was written exactly in the source. */
  isExact(value: number): boolean {
    this.verdicts ??= scanLargeIntegers(this.text);
    return this.verdicts.get(value) ?? false;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Every number token outside strings whose double is an integer beyond 2^53. */
function scanLargeIntegers(text: string): Map<number, boolean> {
  const verdicts = new Map<number, boolean>();
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22)
        i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      i++;
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const token = m ? m[0] : text[i]!;
      i += token.length;
      const value = Number(token);
      if (!Number.isInteger(value) || Number.isSafeInteger(value)) continue;
      const exact = exactIntegerOf(token) === BigInt(value);
      verdicts.set(value, (verdicts.get(value) ?? true) && exact);
      continue;
    }
    i++;
  }
  return verdicts;
}

/** The integer a JSON number token denotes exactly, or null when it is not an integer. */
export function exactIntegerOf(token: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (!m) return null;
  const [, sign, whole, fraction = '', exponentText = '0'] = m;
  const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(digits)) return 0n;
  // value = digits x 10^(exponent - fraction digits)
  const shift = Number(exponentText) - fraction.length;
  // Dividing by more digits than there are leaves a fraction: not an integer.
  if (-shift > digits.length) return null;
  let n: bigint;
  if (shift >= 0) {
    // Past 10^400 no int64 is meant; refuse instead of building a huge number.
    if (shift > 400) return null;
    n = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const d = BigInt(digits);
    if (d % divisor !== 0n) return null;
    n = d / divisor;
  }
  return sign === '-' ? -n : n;
}
