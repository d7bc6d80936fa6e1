import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { createProxy } from 'proxy';
import { afterEach } from 'vitest';

/**
 * A real HTTP CONNECT proxy (the `proxy` package) on 127.0.0.1. Tests reach
 * made-up names under .sluice.test through it, because Sluice never proxies
 * loopback addresses: the proxy stands in for the corporate DNS and maps those
 * names to 127.0.0.1 before it connects. It records what it was asked for.
 */
export interface TestProxy {
  url: string;
  port: number;
  /** CONNECT authorities requested, before mapping (e.g. dynatrace.sluice.test:443). */
  connects: string[];
  close: () => Promise<void>;
}

const running: TestProxy[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});

export async function startProxy(options: { requireAuth?: boolean } = {}): Promise<TestProxy> {
  const server = createProxy(createServer());
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.prependListener('connect', (req) => {
    connects.push(req.url ?? '');
    req.url = (req.url ?? '').replace(/^[a-z0-9.-]+\.sluice\.test:/i, '127.0.0.1:');
  });
  if (options.requireAuth) server.authenticate = () => false;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const p: TestProxy = {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  running.push(p);
  return p;
}
