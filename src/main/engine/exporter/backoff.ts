/**
 * Exponential backoff with full jitter (the AWS architecture blog's
 * "Exponential Backoff and Jitter"; the OpenTelemetry Collector's retry does
 * the same): the delay before attempt n+1 is uniform in [0, min(cap, base·2^n)].
 * Full jitter spreads retries of many clients so a recovering destination is
 * not hit by a synchronized wave. A Retry-After from the server wins.
 */
export function backoffDelayMs(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  // Never zero: a tight loop against a failing server helps nobody.
  return Math.max(10, Math.floor(random() * ceiling));
}

/** The retry window when a stream leaves it to the tool's default (docs/exporter.md). */
export { defaultRetryWindowMs } from '../../../shared/api/streams';
