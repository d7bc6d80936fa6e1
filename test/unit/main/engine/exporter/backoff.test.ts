import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../../../src/main/engine/exporter/backoff';

// The delay before attempt n+1 is uniform in [0, min(cap, initial·2^n)], never
// under 10 ms (full jitter). random() picks where in that range: a fixed value
// makes each row exact.
describe('backoffDelayMs', () => {
  const cases: [string, number, number, number, number, number][] = [
    // what, attempt, initialMs, maxMs, random, expected
    ['the first retry, half way', 0, 1_000, 60_000, 0.5, 500],
    ['doubling with each attempt', 1, 1_000, 60_000, 0.5, 1_000],
    ['doubling with each attempt', 4, 1_000, 60_000, 0.5, 8_000],
    ['up to the cap and no further', 6, 1_000, 60_000, 0.5, 30_000],
    ['up to the cap and no further', 20, 1_000, 60_000, 0.5, 30_000],
    ['the top of the range is the ceiling', 3, 1_000, 60_000, 0.999_999, 7_999],
    ['never under 10 ms, however lucky the draw', 0, 1_000, 60_000, 0, 10],
    ['never under 10 ms, even from a tiny initial delay', 0, 1, 60_000, 0.5, 10],
    // A huge attempt count must not overflow into Infinity or NaN.
    ['a huge attempt count stays at the cap', 10_000, 1_000, 120_000, 0.25, 30_000],
  ];

  it.each(cases)('%s (attempt %i)', (_what, attempt, initialMs, maxMs, random, expected) => {
    expect(backoffDelayMs(attempt, initialMs, maxMs, () => random)).toBe(expected);
  });

  it('spreads the retries of many clients over the whole range (full jitter)', () => {
    let draw = 0;
    // 100 evenly spaced draws over [0, 1).
    const delays = Array.from({ length: 100 }, () =>
      backoffDelayMs(3, 1_000, 60_000, () => draw++ / 100),
    );
    expect(Math.min(...delays)).toBe(10);
    expect(Math.max(...delays)).toBe(7_920);
    expect(new Set(delays).size).toBeGreaterThan(90);
  });
});
