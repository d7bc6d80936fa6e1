import type { Duplex } from 'node:stream';
import { describeProxy } from './proxy-selection';

/**
 * An HTTP CONNECT tunnel over an already connected socket to the proxy
 * (RFC 9110 §9.3.6). Written out by hand so that Test stream can time the
 * tunnel on its own and the same code serves the live connections.
 */
export class ProxyTunnelError extends Error {
  readonly code = 'SLUICE_PROXY_REFUSED';
  constructor(
    readonly proxy: string,
    readonly status: number | null,
    readonly statusText: string,
  ) {
    super(
      status === null
        ? `The proxy ${proxy} closed the connection instead of opening a tunnel`
        : `The proxy ${proxy} refused to open a tunnel: ${status} ${statusText}`,
    );
    this.name = 'ProxyTunnelError';
  }
}

function proxyAuthorization(proxy: URL): string | null {
  if (!proxy.username) return null;
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

const maxHeaderBytes = 16 * 1024;

export function openTunnel(
  socket: Duplex,
  proxy: URL,
  target: { host: string; port: number },
): Promise<void> {
  const authority = `${target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host}:${target.port}`;
  const auth = proxyAuthorization(proxy);
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (auth) lines.push(`Proxy-Authorization: ${auth}`);
  const request = `${lines.join('\r\n')}\r\n\r\n`;
  const name = describeProxy(proxy);

  return new Promise<void>((resolve, reject) => {
    let received = Buffer.alloc(0);
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
    };
    const fail = (err: Error): void => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onError = (err: Error): void => fail(err);
    const onEnd = (): void => fail(new ProxyTunnelError(name, null, ''));
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) {
        if (received.length > maxHeaderBytes)
          fail(new ProxyTunnelError(name, null, 'oversized reply'));
        return;
      }
      cleanup();
      const statusLine = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})\s*(.*)$/.exec(statusLine);
      const status = m ? Number(m[1]) : null;
      if (status !== 200) {
        socket.destroy();
        reject(new ProxyTunnelError(name, status, m?.[2] ?? statusLine.slice(0, 100)));
        return;
      }
      // Anything after the proxy's reply already belongs to the tunnel.
      const rest = received.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.write(request);
  });
}
