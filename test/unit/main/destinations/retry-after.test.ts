import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../../src/main/destinations/http/retry-after';

const now = Date.parse('2025-03-07T09:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 5 ', now)).toBe(5_000);
    expect(parseRetryAfter(['3', '9'], now)).toBe(3_000);
  });

  it('reads an HTTP-date, in all three RFC 9110 forms, as the time left', () => {
    expect(parseRetryAfter('Fri, 07 Mar 2025 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Friday, 07-Mar-25 09:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri Mar  7 09:00:10 2025', now)).toBe(10_000);
  });

  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfter('Fri, 07 Mar 2025 08:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is not a Retry-After value', () => {
    for (const v of [
      undefined,
      null,
      '',
      '  ',
      '-1',
      '1.5',
      'soon',
      '12abc',
      '99999999999999999999',
    ]) {
      expect(parseRetryAfter(v as string | undefined, now), String(v)).toBeNull();
    }
  });
});
