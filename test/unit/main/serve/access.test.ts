import { describe, expect, it } from 'vitest';
import {
  accessCookie,
  cookieName,
  createAccessToken,
  isAllowedHost,
  isAllowedOrigin,
  readBearer,
  readCookie,
  sameToken,
} from '../../../../src/main/serve/access';
import { resolveStaticPath } from '../../../../src/main/serve/static-files';
import { tempDir } from '../../../support/temp-dir';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

describe('serve access policy', () => {
  it('makes long random tokens', () => {
    const a = createAccessToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createAccessToken()).not.toBe(a);
  });

  it('reads the bearer token the command line sends', () => {
    expect(readBearer({ authorization: 'Bearer abc_-1' })).toBe('abc_-1');
    expect(readBearer({ authorization: 'bearer  abc ' })).toBe('abc');
    expect(readBearer({ authorization: 'Basic abc' })).toBeNull();
    expect(readBearer({ authorization: 'Bearer a b' })).toBeNull();
    expect(readBearer({})).toBeNull();
  });

  it('accepts only loopback names on our port (no DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:7319', 7319)).toBe(true);
    expect(isAllowedHost('LOCALHOST:7319', 7319)).toBe(true);
    expect(isAllowedHost('127.0.0.1:7320', 7319)).toBe(false);
    expect(isAllowedHost('attacker.example:7319', 7319)).toBe(false);
    expect(isAllowedHost(undefined, 7319)).toBe(false);
  });

  it('accepts only our own origin, or none (non-browser clients)', () => {
    expect(isAllowedOrigin('http://127.0.0.1:7319', 7319)).toBe(true);
    expect(isAllowedOrigin(undefined, 7319)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 7319)).toBe(false);
    expect(isAllowedOrigin('null', 7319)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abd', 'abc')).toBe(false);
    expect(sameToken('ab', 'abc')).toBe(false);
    expect(sameToken(null, 'abc')).toBe(false);
  });

  it('reads its own per-port HttpOnly cookie', () => {
    const cookie = accessCookie(7319, 'tok/en');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const header = `other=1; ${cookie.split(';')[0]}`;
    expect(readCookie({ cookie: header }, cookieName(7319))).toBe('tok/en');
    expect(readCookie({ cookie: header }, cookieName(7320))).toBeNull();
  });
});

describe('static files', () => {
  it('never resolves a path outside the renderer folder', () => {
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'a.js'), '');
    writeFileSync(join(root, '..', 'secret.txt'), 'x');
    expect(resolveStaticPath(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    expect(resolveStaticPath(root, '/../secret.txt')).toBeNull();
    expect(resolveStaticPath(root, '/%2e%2e/secret.txt')).toBeNull();
    expect(resolveStaticPath(root, '/assets/%00')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });
});
