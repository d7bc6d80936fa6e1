import { describe, expect, it } from 'vitest';
import { redact, redactDeep, secretsOf } from '../../../../src/main/destinations/http/redact';

const token = `dt0c01.${'P'.repeat(24)}.${'S'.repeat(64)}`;

describe('redaction', () => {
  it('hides a token, the token without a pasted scheme, and the secret half of a Dynatrace token', () => {
    const secrets = secretsOf({ token: `Api-Token ${token}` });
    expect(redact(`got Api-Token ${token}`, secrets)).toBe('got [redacted]');
    expect(redact(`bad token ${token}!`, secrets)).toBe('bad token [redacted]!');
    expect(redact(`secret ${'S'.repeat(64)} seen`, secrets)).toBe('secret [redacted] seen');
    // The public id is not secret: it is what Dynatrace records as dt.auth.origin.
    expect(redact(`dt0c01.${'P'.repeat(24)}`, secrets)).toBe(`dt0c01.${'P'.repeat(24)}`);
  });

  it('walks results deeply and leaves non-strings alone', () => {
    const secrets = secretsOf({ a: 'abcdef123', b: 'zz' });
    expect(redactDeep({ m: 'x abcdef123 y', n: 5, l: ['abcdef123'], o: null }, secrets)).toEqual({
      m: 'x [redacted] y',
      n: 5,
      l: ['[redacted]'],
      o: null,
    });
    // Values too short to be secrets would redact ordinary words.
    expect(secrets).not.toContain('zz');
  });
});
