import type { AnyValue } from '../otlp/model';
import type { RulesProfile } from './profiles';

/**
 * Times as Dynatrace reads and writes them. Everything is unix nanoseconds
 * as bigint, so nothing is rounded on the way.
 */

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
/** 9999-12-31T23:59:59.999Z: anything later is not a time we can print in RFC 3339. */
const MAX_MS = 253_402_300_799_999;

/** RFC 3339 in UTC with exactly nine fractional digits: 2023-11-09T10:00:00.123456789Z. */
export function formatTimestamp(ns: bigint): string {
  const seconds = ns / NS_PER_S;
  const nanos = ns % NS_PER_S;
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${whole}.${nanos.toString().padStart(9, '0')}Z`;
}

/** Parses our own output format (and any RFC 3339 time) back to nanoseconds; null if invalid. */
export function parseRfc3339(text: string): bigint | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/.exec(
      text,
    );
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(ms).getUTCDate() !== day) return null; // e.g. February 30
  // A missing offset means UTC (Dynatrace: "the default timezone is UTC").
  let offsetMinutes = 0;
  if (m[9]) {
    offsetMinutes = (Number(m[10]) * 60 + Number(m[11])) * (m[9] === '-' ? -1 : 1);
  }
  const fraction = (m[7] ?? '').slice(0, 9).padEnd(9, '0');
  const ns =
    BigInt(ms - offsetMinutes * 60_000) * NS_PER_MS +
    BigInt(fraction) +
    (second === 60 ? NS_PER_S : 0n); // a leap second reads as the next second
  return ns >= 0n ? ns : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * RFC 3164 (BSD syslog) `Mmm dd hh:mm:ss`, which has no year or zone: UTC,
 * in the year of `now`, or the year before when that would put it more
 * than a day ahead of now (a December line read in January).
 */
export function parseRfc3164(text: string, now: bigint): bigint | null {
  const m = /^([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  const [day, hour, minute, second] = m.slice(2, 6).map(Number) as [number, number, number, number];
  if (month < 0 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const nowYear = new Date(Number(now / NS_PER_MS)).getUTCFullYear();
  for (const year of [nowYear, nowYear - 1]) {
    const ms = Date.UTC(year, month, day, hour, minute, second);
    if (new Date(ms).getUTCDate() !== day) continue; // e.g. Feb 29 in a common year
    const ns = BigInt(ms) * NS_PER_MS;
    if (ns - now <= 24n * 3600n * NS_PER_S) return ns;
  }
  return null;
}

/** A number of epoch units -> nanoseconds, given whether the unit is seconds or milliseconds. */
function epochToNs(value: number, unitNs: bigint): bigint | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const whole = Math.floor(value);
  const fractionNs = BigInt(Math.round((value - whole) * Number(unitNs)));
  const ns = BigInt(whole) * unitNs + fractionNs;
  return ns / NS_PER_MS > BigInt(MAX_MS) ? null : ns;
}

/**
 * Epoch numbers. 'seed' reads them as UTC milliseconds ("UTC milliseconds").
 * 'current-docs' also accepts seconds and fractional seconds; it tells them
 * apart by size (our reading): below 10^11 a value is seconds (10^11 s is
 * the year 5138, 10^11 ms is 1973), otherwise milliseconds.
 */
function parseEpoch(value: number, profile: RulesProfile): bigint | null {
  if (profile.epochNumbers === 'milliseconds') return epochToNs(value, NS_PER_MS);
  return epochToNs(value, Math.abs(value) < 1e11 ? NS_PER_S : NS_PER_MS);
}

/** A body or attribute value -> nanoseconds, or null when it is no supported time. */
export function parseTimestampValue(
  value: AnyValue,
  profile: RulesProfile,
  now: bigint,
): bigint | null {
  switch (value.kind) {
    case 'int': {
      const n = value.value;
      if (n < 0n) return null;
      // Integers stay exact: whole milliseconds (or seconds) times the unit.
      const unit =
        profile.epochNumbers === 'milliseconds' || n >= 100_000_000_000n ? NS_PER_MS : NS_PER_S;
      const ns = n * unit;
      return ns / NS_PER_MS > BigInt(MAX_MS) ? null : ns;
    }
    case 'double':
      return parseEpoch(value.value, profile);
    case 'string': {
      const text = value.value.trim();
      if (/^\d+$/.test(text))
        return parseTimestampValue({ kind: 'int', value: BigInt(text) }, profile, now);
      if (/^\d+\.\d+$/.test(text)) return parseEpoch(Number(text), profile);
      return parseRfc3339(text) ?? parseRfc3164(text, now);
    }
    default:
      return null;
  }
}
