/**
 * Retry-After (RFC 9110 §10.2.3): either a number of seconds or an HTTP-date.
 * Returns the delay in milliseconds, or null when the header is absent or
 * unusable (the exporter then uses its own backoff). A date in the past means
 * "now" (0), not "ignore".
 */
export function parseRetryAfter(
  value: string | readonly string[] | null | undefined,
  now: number = Date.now(),
): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : null;
  }
  // An HTTP-date always names a day or month; requiring a letter keeps
  // Date.parse from reading "1.5" or "-3" as a year.
  if (!/[a-z]/i.test(text)) return null;
  // asctime() dates carry no zone; HTTP dates are always GMT, but Date.parse
  // would read a zoneless date as local time.
  const asctime = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/.test(text);
  const at = Date.parse(asctime ? `${text} GMT` : text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
