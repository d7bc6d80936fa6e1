import { parseRfc3339 } from '../../../shared/dynatrace/timestamp';

/**
 * Times found in log lines, as unix nanoseconds (bigint, so nothing is
 * rounded). null when the value is not a time we recognize.
 */

const leading =
  /^\[?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?(?=$|[\s\]])/;

/**
 * ISO 8601 / RFC 3339 text. A time with no zone is local time: a program
 * writing a file on this machine (log4j's default layout, for one) writes
 * the machine's local time.
 */
export function parseTimeText(text: string): bigint | null {
  const m = leading.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const digits = (fraction ?? '').padEnd(9, '0');
  if (zone) {
    const z = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    return parseRfc3339(`${y}-${mo}-${d}T${h}:${mi}:${s}.${digits}${z}`);
  }
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(date.getTime()) || date.getDate() !== Number(d)) return null;
  return BigInt(date.getTime()) * 1_000_000n + BigInt(digits);
}

/**
 * A JSON timestamp field: text as above, or a number (or numeric text) of
 * seconds, milliseconds, microseconds or nanoseconds since the epoch, told
 * apart by magnitude (seconds until year 5138, and so on).
 */
export function parseTimeValue(value: unknown): bigint | null {
  if (typeof value === 'string') {
    if (/^\d+(\.\d+)?$/.test(value.trim())) return parseTimeValue(Number(value));
    return parseTimeText(value);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  if (value < 1e11) return BigInt(Math.round(value * 1e6)) * 1000n; // seconds
  if (value < 1e14) return BigInt(Math.round(value * 1e3)) * 1000n; // milliseconds
  if (value < 1e17) return BigInt(Math.round(value)) * 1000n; // microseconds
  return BigInt(Math.round(value)); // nanoseconds (beyond 2^53 only to the nearest 256)
}

/** A leading timestamp of a plain-text line, if it has one. */
export function timeAtLineStart(text: string): bigint | null {
  return /^\[?\d{4}-/.test(text) ? parseTimeText(text) : null;
}
