import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { authOriginFromToken } from '../../../shared/dynatrace';

/**
 * The Api-Token check. Dynatrace answers 401 with an ErrorEnvelope when the
 * Authorization header is missing or the token is not valid; the messages
 * below are the ones Dynatrace's API gives ("Missing authorization
 * parameter.", "Token Authentication failed").
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomAlnum(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

/** A token shaped like a Dynatrace access token: dt0c01.<24>.<64>, upper-case alphanumerics. */
export function generateDynatraceToken(): string {
  return `dt0c01.${randomAlnum(24)}.${randomAlnum(64)}`;
}

export type AuthResult =
  { ok: true; token: string; authOrigin: string | null } | { ok: false; message: string };

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * `expected` null accepts any non-empty Api-Token (open mode, for demos that
 * do not care which token a client was given).
 */
export function checkApiToken(header: string | undefined, expected: string | null): AuthResult {
  if (header === undefined || header.trim() === '') {
    return { ok: false, message: 'Missing authorization parameter.' };
  }
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (!m) {
    return {
      ok: false,
      message: 'Invalid authorization header: expected "Authorization: Api-Token <token>".',
    };
  }
  const [, scheme, token] = m as unknown as [string, string, string];
  if (scheme.toLowerCase() !== 'api-token') {
    return {
      ok: false,
      message: `Unsupported authorization scheme '${scheme}'. This API requires 'Api-Token'.`,
    };
  }
  // Compared as digests so neither length nor content leaks through timing.
  if (expected !== null && !timingSafeEqual(digest(token), digest(expected))) {
    return { ok: false, message: 'Token Authentication failed' };
  }
  return { ok: true, token, authOrigin: authOriginFromToken(token) };
}
