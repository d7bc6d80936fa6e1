import { describe, expect, it } from 'vitest';
import {
  checkApiToken,
  generateDynatraceToken,
} from '../../../../../src/main/tools/dynatrace-local/token';
import { authOriginFromToken } from '../../../../../src/shared/dynatrace';

const TOKEN = `dt0c01.${'A'.repeat(24)}.${'B'.repeat(64)}`;

describe('generated tokens', () => {
  it('look like Dynatrace access tokens, differ per call, and have a public part', () => {
    const a = generateDynatraceToken();
    const b = generateDynatraceToken();
    expect(a).toMatch(/^dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/);
    expect(a).not.toBe(b);
    expect(authOriginFromToken(a)).toBe(a.split('.').slice(0, 2).join('.'));
  });
});

describe('checkApiToken', () => {
  it('accepts the expected token with the Api-Token scheme (any case) and gives its origin', () => {
    expect(checkApiToken(`Api-Token ${TOKEN}`, TOKEN)).toEqual({
      ok: true,
      token: TOKEN,
      authOrigin: `dt0c01.${'A'.repeat(24)}`,
    });
    expect(checkApiToken(`api-token ${TOKEN}`, TOKEN).ok).toBe(true);
  });

  it.each([
    [undefined, 'Missing authorization parameter.'],
    ['', 'Missing authorization parameter.'],
    [`Api-Token ${TOKEN}x`, 'Token Authentication failed'],
    ['Api-Token short', 'Token Authentication failed'],
    [
      `Bearer ${TOKEN}`,
      "Unsupported authorization scheme 'Bearer'. This API requires 'Api-Token'.",
    ],
    [TOKEN, 'Invalid authorization header: expected "Authorization: Api-Token <token>".'],
  ])('refuses %j: %s', (header, message) => {
    expect(checkApiToken(header, TOKEN)).toEqual({ ok: false, message });
  });

  it('in open mode (null) accepts any Api-Token but still needs one', () => {
    expect(checkApiToken('Api-Token anything', null)).toEqual({
      ok: true,
      token: 'anything',
      authOrigin: null,
    });
    expect(checkApiToken(`Api-Token ${TOKEN}`, null)).toMatchObject({
      ok: true,
      authOrigin: `dt0c01.${'A'.repeat(24)}`,
    });
    expect(checkApiToken(undefined, null).ok).toBe(false);
  });
});
