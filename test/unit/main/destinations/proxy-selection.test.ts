import { describe, expect, it } from 'vitest';
import {
  chooseProxy,
  describeProxy,
  matchesNoProxy,
  parseProxyUrl,
} from '../../../../src/main/destinations/network/proxy-selection';

const viaEnv = { proxyUrl: null, useEnvironmentProxy: true };
const target = new URL('https://abc.live.dynatrace.com/api/v2/otlp/v1/logs');

describe('NO_PROXY', () => {
  const no = (host: string, list: string) => matchesNoProxy(new URL(`https://${host}/`), list);

  it('matches domains and their subdomains, with or without a leading dot or star', () => {
    expect(no('abc.live.dynatrace.com', 'dynatrace.com')).toBe(true);
    expect(no('abc.live.dynatrace.com', '.dynatrace.com')).toBe(true);
    expect(no('abc.live.dynatrace.com', '*.dynatrace.com')).toBe(true);
    expect(no('dynatrace.com', '.dynatrace.com')).toBe(true);
    expect(no('notdynatrace.com', 'dynatrace.com')).toBe(false);
  });

  it('splits on commas and spaces, ignores case, and knows "*"', () => {
    expect(no('A.CORP', 'x.org, a.corp  b.corp')).toBe(true);
    expect(no('anything', '*')).toBe(true);
    expect(no('anything', '')).toBe(false);
  });

  it('honours ports, IP addresses and IPv4 ranges', () => {
    expect(matchesNoProxy(new URL('https://ag.corp:9999/'), 'ag.corp:9999')).toBe(true);
    expect(matchesNoProxy(new URL('https://ag.corp/'), 'ag.corp:9999')).toBe(false);
    expect(matchesNoProxy(new URL('https://ag.corp/'), 'ag.corp:443')).toBe(true);
    expect(no('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(no('11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(no('192.168.1.10', '192.168.1.10')).toBe(true);
    expect(matchesNoProxy(new URL('https://[fd00::1]/'), 'fd00::1')).toBe(true);
  });
});

describe('chooseProxy', () => {
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, lower case first', () => {
    const env = {
      HTTPS_PROXY: 'http://upper:3128',
      https_proxy: 'http://lower:3128',
      HTTP_PROXY: 'plain:8080',
    };
    expect(chooseProxy(target, viaEnv, env).proxy?.host).toBe('lower:3128');
    const http = chooseProxy(new URL('http://collector.corp:4318/v1/logs'), viaEnv, env);
    expect(http).toMatchObject({ source: 'environment' });
    expect(http.proxy?.href).toBe('http://plain:8080/');
  });

  it('skips NO_PROXY hosts, and never proxies this machine', () => {
    const env = {
      HTTPS_PROXY: 'http://p:3128',
      HTTP_PROXY: 'http://p:3128',
      NO_PROXY: '.dynatrace.com',
    };
    expect(chooseProxy(target, viaEnv, env)).toMatchObject({
      proxy: null,
      reason: expect.stringMatching(/NO_PROXY/),
    });
    expect(chooseProxy(new URL('http://127.0.0.1:4318/v1/logs'), viaEnv, env).proxy).toBeNull();
    expect(
      chooseProxy(
        new URL('https://localhost/v1/logs'),
        { proxyUrl: 'http://p:1', useEnvironmentProxy: true },
        {},
      ).proxy,
    ).toBeNull();
  });

  it("prefers the stream's proxy, which NO_PROXY does not override", () => {
    const env = { HTTPS_PROXY: 'http://env:3128', NO_PROXY: '*' };
    const choice = chooseProxy(
      target,
      { proxyUrl: 'stream-proxy:8080', useEnvironmentProxy: true },
      env,
    );
    expect(choice).toMatchObject({ source: 'stream' });
    expect(choice.proxy?.host).toBe('stream-proxy:8080');
  });

  it('connects directly when the stream opts out of the environment, or none is set', () => {
    expect(
      chooseProxy(
        target,
        { proxyUrl: null, useEnvironmentProxy: false },
        { HTTPS_PROXY: 'http://p:1' },
      ).proxy,
    ).toBeNull();
    expect(chooseProxy(target, viaEnv, {})).toMatchObject({ proxy: null, source: null });
    expect(chooseProxy(target, viaEnv, { HTTPS_PROXY: '   ' }).proxy).toBeNull();
  });

  it('never names proxy credentials in what it reports', () => {
    const choice = chooseProxy(target, viaEnv, {
      HTTPS_PROXY: 'http://alice:pa55word@proxy.corp:3128',
    });
    expect(choice.proxy?.password).toBe('pa55word');
    expect(choice.reason).toBe('Through proxy.corp:3128 (HTTPS_PROXY in the environment).');
    expect(describeProxy(choice.proxy!)).toBe('proxy.corp:3128');
  });

  it('parses proxies without a scheme and refuses other protocols', () => {
    expect(parseProxyUrl('proxy:3128')?.href).toBe('http://proxy:3128/');
    expect(parseProxyUrl('https://proxy')?.protocol).toBe('https:');
    expect(parseProxyUrl('socks5://proxy:1080')).toBeNull();
    expect(parseProxyUrl('')).toBeNull();
  });
});
