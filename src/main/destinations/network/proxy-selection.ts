import { isIP } from 'node:net';
import { isLoopbackHost } from '../../../shared/destinations/loopback';
import type { NetworkSettings } from '../../../shared/destinations/schema';

/**
 * Which proxy, if any, a stream's requests go through:
 * 1. never one for this machine (loopback);
 * 2. the stream's own proxy when it has one;
 * 3. else, unless the stream opted out, the environment's HTTPS_PROXY (https
 *    targets) or HTTP_PROXY (http targets), lower-case spelling first as curl
 *    does, unless NO_PROXY matches the host.
 */

export interface ProxyChoice {
  proxy: URL | null;
  source: 'stream' | 'environment' | null;
  /** Why, in words, for Test stream's details. */
  reason: string;
}

/** A proxy URL as people write it: the scheme is optional ("proxy:3128"). */
export function parseProxyUrl(text: string): URL | null {
  const t = text.trim();
  if (t === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `http://${t}`;
  if (!URL.canParse(withScheme)) return null;
  const u = new URL(withScheme);
  return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
}

/** host:port of a proxy, never its credentials. */
export function describeProxy(proxy: URL): string {
  return `${proxy.hostname}:${proxyPort(proxy)}`;
}

export function proxyPort(proxy: URL): number {
  return proxy.port ? Number(proxy.port) : proxy.protocol === 'https:' ? 443 : 80;
}

function targetPort(target: URL): number {
  return target.port ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function matchesCidr(host: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (net === undefined || isIP(net) !== 4 || isIP(host) !== 4 || !(bits >= 0 && bits <= 32)) {
    return false;
  }
  if (bits === 0) return true;
  const mask = ~0 << (32 - bits);
  return (ipv4ToInt(host) & mask) === (ipv4ToInt(net) & mask);
}

/**
 * NO_PROXY as the common tools read it: comma- or space-separated entries;
 * `*` matches everything; `example.com` and `.example.com` match the domain
 * and its subdomains; `host:port` only that port; IPv4 CIDR ranges.
 */
export function matchesNoProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = targetPort(target);
  for (const rawEntry of noProxy.split(/[\s,]+/)) {
    let entry = rawEntry.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (matchesCidr(host, entry)) return true;
      continue;
    }
    let entryPort: number | null = null;
    const portMatch = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (portMatch) {
      entry = portMatch[1] ?? entry;
      entryPort = Number(portMatch[2]);
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort !== null && entryPort !== port) continue;
    entry = entry.replace(/^\*?\./, '');
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return v !== undefined && v.trim() !== '' ? v : undefined;
}

export function chooseProxy(
  target: URL,
  network: Pick<NetworkSettings, 'proxyUrl' | 'useEnvironmentProxy'>,
  env: NodeJS.ProcessEnv = process.env,
): ProxyChoice {
  if (isLoopbackHost(target.hostname)) {
    return { proxy: null, source: null, reason: 'This machine is always reached directly.' };
  }
  if (network.proxyUrl !== null) {
    const proxy = parseProxyUrl(network.proxyUrl);
    if (proxy) {
      return {
        proxy,
        source: 'stream',
        reason: `Through this stream's proxy ${describeProxy(proxy)}.`,
      };
    }
  }
  if (!network.useEnvironmentProxy) {
    return {
      proxy: null,
      source: null,
      reason: 'Directly (this stream ignores the system proxy settings).',
    };
  }
  const name = target.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  const configured = envValue(env, name);
  const proxy = configured ? parseProxyUrl(configured) : null;
  if (!proxy) return { proxy: null, source: null, reason: 'Directly (no proxy is configured).' };
  const noProxy = envValue(env, 'no_proxy');
  if (noProxy && matchesNoProxy(target, noProxy)) {
    return { proxy: null, source: null, reason: `Directly (NO_PROXY lists ${target.hostname}).` };
  }
  return {
    proxy,
    source: 'environment',
    reason: `Through ${describeProxy(proxy)} (${name.toUpperCase()} in the environment).`,
  };
}
