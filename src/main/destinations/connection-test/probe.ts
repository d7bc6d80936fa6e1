import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { TestStep, TestStepName } from '../../../shared/api/test-stream';
import type { NetworkSettings } from '../../../shared/destinations/schema';
import { describeNetworkFailure, type NetworkFailure, type ToolHints } from '../http/network-error';
import { hostAndPort } from '../http/failed-send';
import { trustedCas } from '../network/connector';
import { describeProxy, proxyPort, type ProxyChoice } from '../network/proxy-selection';
import { openTunnel } from '../network/tunnel';
import {
  checkPeerTrust,
  summarizeCertificate,
  type CertificateSummary,
} from '../network/tls-trust';

/**
 * The network half of Test stream, one step at a time so each can be timed
 * and blamed: resolve the name, open TCP (and the proxy tunnel), shake hands
 * with TLS under the stream's trust settings. Through a proxy, resolve and
 * connect are about the proxy, as that is what this computer talks to.
 */
export interface ProbeOutcome {
  steps: TestStep[];
  failure: NetworkFailure | null;
  certificate: CertificateSummary | null;
}

class StepTimeout extends Error {
  readonly code = 'ETIMEDOUT';
}

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

/** Rejects and destroys the socket if `done` has not been called within `ms`. */
function guard(socket: Socket, ms: number, what: string, reject: (err: Error) => void): () => void {
  const timer = setTimeout(() => {
    const err = new StepTimeout(`${what} took longer than ${ms} ms`);
    socket.destroy();
    reject(err);
  }, ms);
  return () => clearTimeout(timer);
}

function openTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const done = guard(socket, timeoutMs, 'TCP connect', reject);
    socket.once('connect', () => {
      done();
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', (err) => {
      done();
      reject(err);
    });
  });
}

/**
 * Tries the resolved addresses in order, as a client falling back from IPv6
 * to IPv4 would, within the step's time. The last error is the one reported.
 */
async function openFirst(
  addresses: readonly string[],
  port: number,
  timeoutMs: number,
): Promise<{ socket: Socket; address: string }> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown = new StepTimeout('No address to connect to');
  for (const address of addresses) {
    const left = deadline - performance.now();
    if (left <= 0) break;
    try {
      return { socket: await openTcp(address, port, left), address };
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

function handshake(
  socket: Socket,
  host: string,
  network: NetworkSettings,
  timeoutMs: number,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const bare = host.replace(/^\[|\]$/g, '');
    const tls = tlsConnect({
      socket,
      host: bare,
      servername: isIP(bare) ? undefined : bare,
      ca: trustedCas(network.caCertificatePem),
      // Judged below by checkPeerTrust, exactly as live connections are.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const done = guard(tls, timeoutMs, 'TLS handshake', reject);
    tls.once('secureConnect', () => {
      done();
      tls.off('error', reject);
      resolve(tls);
    });
    tls.once('error', (err) => {
      done();
      reject(err);
    });
  });
}

function certificateDetail(c: CertificateSummary | null, how: string): string {
  if (!c) return how;
  return `${how} Certificate for "${c.subject}" issued by "${c.issuer}", valid until ${c.validTo}; SHA-256 fingerprint ${c.fingerprint256}.`;
}

export async function probeConnection(
  target: URL,
  route: ProxyChoice,
  network: NetworkSettings,
  timeoutMs: number,
  hints?: ToolHints,
): Promise<ProbeOutcome> {
  const steps: TestStep[] = [];
  const proxy = route.proxy;
  const ctx = {
    target: hostAndPort(target),
    proxy: proxy ? describeProxy(proxy) : null,
    timeoutMs,
    ...(hints ? { hints } : {}),
  };
  const fail = (
    name: TestStepName,
    started: number,
    err: unknown,
    certificate: CertificateSummary | null = null,
  ): ProbeOutcome => {
    const failure = { ...describeNetworkFailure(err, ctx), step: name };
    steps.push({ name, ok: false, durationMs: elapsed(started), detail: failure.message });
    return { steps, failure, certificate: failure.certificate ?? certificate };
  };

  // 1. Resolve: the proxy's name when there is one.
  const host = (proxy?.hostname ?? target.hostname).replace(/^\[|\]$/g, '');
  const port = proxy
    ? proxyPort(proxy)
    : Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  let started = performance.now();
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
    steps.push({
      name: 'resolve',
      ok: true,
      durationMs: elapsed(started),
      detail: `${host} is an IP address: nothing to resolve. ${route.reason}`,
    });
  } else {
    try {
      const found = await within(timeoutMs, 'DNS', lookup(host, { all: true }));
      addresses = found.map((a) => a.address);
      steps.push({
        name: 'resolve',
        ok: true,
        durationMs: elapsed(started),
        detail: `${proxy ? `Proxy ${host}` : host} resolved to ${found.map((a) => a.address).join(', ')}. ${route.reason}`,
      });
    } catch (err) {
      return fail('resolve', started, err);
    }
  }

  // 2. Connect: TCP, then through a proxy the CONNECT tunnel.
  started = performance.now();
  let socket: Socket | null = null;
  try {
    const connected = await openFirst(addresses, port, timeoutMs);
    socket = connected.socket;
    let detail = `Connected to ${proxy ? `the proxy ${ctx.proxy}` : `${connected.address}:${port}`}`;
    if (proxy) {
      if (proxy.protocol === 'https:') {
        const toProxy = await handshake(
          socket,
          proxy.hostname,
          { ...network, caCertificatePem: null, pinnedCertificateSha256: null },
          timeoutMs,
        );
        const problem = checkPeerTrust(toProxy, proxy.hostname, null);
        if (problem) throw problem;
        socket = toProxy;
      }
      await within(
        timeoutMs,
        'proxy tunnel',
        openTunnel(socket, proxy, {
          host: target.hostname,
          port: Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
        }),
      );
      detail += `, which opened a tunnel to ${ctx.target}`;
    }
    steps.push({ name: 'connect', ok: true, durationMs: elapsed(started), detail: `${detail}.` });
  } catch (err) {
    socket?.destroy();
    return fail('connect', started, err);
  }

  // 3. TLS, with the stream's CA and pin.
  if (target.protocol !== 'https:') {
    socket.destroy();
    steps.push({
      name: 'tls',
      ok: true,
      durationMs: null,
      detail: 'Plain http://: no TLS, nothing is encrypted.',
    });
    return { steps, failure: null, certificate: null };
  }
  started = performance.now();
  let tls: TLSSocket | null = null;
  try {
    tls = await handshake(socket, target.hostname, network, timeoutMs);
    const problem = checkPeerTrust(tls, target.hostname, network.pinnedCertificateSha256);
    const certificate = summarizeCertificate(tls.getPeerCertificate());
    if (problem) return fail('tls', started, problem, certificate);
    const how = tls.authorized
      ? `${tls.getProtocol() ?? 'TLS'} handshake done; the certificate is valid for ${target.hostname}.`
      : `${tls.getProtocol() ?? 'TLS'} handshake done; the certificate is trusted because its fingerprint is pinned in this stream's settings.`;
    steps.push({
      name: 'tls',
      ok: true,
      durationMs: elapsed(started),
      detail: certificateDetail(certificate, how),
    });
    return { steps, failure: null, certificate };
  } catch (err) {
    return fail('tls', started, err);
  } finally {
    (tls ?? socket).destroy();
  }
}
