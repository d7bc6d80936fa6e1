import { rootCertificates, type TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';
import { openTunnel } from './tunnel';
import { proxyPort } from './proxy-selection';
import { checkPeerTrust } from './tls-trust';

/**
 * How undici opens a connection for a stream: directly or through an HTTP
 * CONNECT proxy, then TLS with the stream's extra CA and pin, checked by
 * checkPeerTrust before the socket is handed over.
 */
export interface ConnectorOptions {
  proxy: URL | null;
  caCertificatePem: string | null;
  pinnedCertificateSha256: string | null;
  /** Limit for TCP connect plus TLS handshake (the request has its own deadline too). */
  connectTimeoutMs: number;
}

type Callback = buildConnector.Callback;

export function trustedCas(extraPem: string | null): string[] | undefined {
  // Passing `ca` replaces Node's bundled roots; an extra CA is meant to be
  // added to them, not to be the only one.
  return extraPem === null ? undefined : [...rootCertificates, extraPem];
}

export function createConnector(options: ConnectorOptions): buildConnector.connector {
  const timeout = options.connectTimeoutMs;
  const plain = buildConnector({ timeout });
  // Certificate problems are judged by checkPeerTrust (see tls-trust.ts), so
  // OpenSSL is told not to reject. TLS sessions are not cached, so every new
  // connection is verified in full.
  const secure = buildConnector({
    timeout,
    ca: trustedCas(options.caCertificatePem),
    rejectUnauthorized: false,
    maxCachedSessions: 0,
  });
  // The proxy itself is verified normally, against the system's CAs.
  const toHttpsProxy = buildConnector({ timeout });

  const verified =
    (host: string, callback: Callback): Callback =>
    (...args) => {
      const [err, socket] = args;
      if (err) return callback(err, null);
      const problem = checkPeerTrust(socket as TLSSocket, host, options.pinnedCertificateSha256);
      if (problem) {
        socket.destroy();
        return callback(problem, null);
      }
      callback(null, socket);
    };

  const direct: buildConnector.connector = (opts, callback) => {
    if (opts.protocol === 'https:') secure(opts, verified(opts.hostname, callback));
    else plain(opts, callback);
  };
  const proxy = options.proxy;
  if (proxy === null) return direct;

  return (opts, callback) => {
    const proxyOpts = {
      hostname: proxy.hostname,
      protocol: proxy.protocol,
      port: String(proxyPort(proxy)),
    };
    const toProxy = proxy.protocol === 'https:' ? toHttpsProxy : plain;
    toProxy(proxyOpts, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('No socket to the proxy'), null);
      const targetPort = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
      const timer = setTimeout(
        () =>
          socket.destroy(
            Object.assign(new Error(`The proxy did not answer within ${timeout} ms`), {
              code: 'UND_ERR_CONNECT_TIMEOUT',
            }),
          ),
        timeout,
      );
      openTunnel(socket, proxy, { host: opts.hostname, port: targetPort }).then(
        () => {
          clearTimeout(timer);
          if (opts.protocol !== 'https:') return callback(null, socket);
          secure({ ...opts, httpSocket: socket as Socket }, verified(opts.hostname, callback));
        },
        (tunnelErr: Error) => {
          clearTimeout(timer);
          callback(tunnelErr, null);
        },
      );
    });
  };
}
