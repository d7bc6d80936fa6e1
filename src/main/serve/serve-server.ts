import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EngineHost } from '../host/engine-host';
import { createClient } from '../../shared/api/client';
import { EngineError } from '../base/errors';
import { serveMonitoring } from './monitoring/monitoring-routes';
import type { Logger } from '../base/log';
import {
  accessCookie,
  cookieName,
  createAccessToken,
  isAllowedHost,
  isAllowedOrigin,
  readBearer,
  readCookie,
  sameToken,
} from './access';
import {
  forbiddenHostPage,
  notBuiltPage,
  pageStylesheet,
  pageStylesheetPath,
  unauthorizedPage,
} from './pages';
import { serveStatic } from './static-files';
import { WsBridge } from './ws-bridge';

export interface ServeOptions {
  host: EngineHost;
  port: number;
  /** The built renderer (out/renderer); null serves only the contract (the control endpoint). */
  rendererDir: string | null;
  log: Logger;
  /** A fixed token (tests); otherwise a random one per start. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

// The same policy the Electron window sets in its meta tag (src/renderer/index.html).
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function sendPage(
  res: ServerResponse,
  status: number,
  html: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(html);
}

/**
 * GET /session: whether this browser's access still holds. The app asks
 * when its WebSocket closes, because a browser never sees why an upgrade
 * failed: a 401 here means Sluice restarted with a new token (say so, stop
 * retrying); no answer means it is down (keep retrying).
 */
export const sessionPath = '/session';

function answerSession(res: ServerResponse, ok: boolean, restarted: boolean): void {
  const status = ok ? 200 : 401;
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify({ access: ok ? 'ok' : restarted ? 'restarted' : 'missing' }));
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * `sluice serve`: the built renderer and the contract over a WebSocket, on
 * 127.0.0.1 only, for a browser that holds the access token; and, for the
 * same token, /metrics, /healthz and /readyz (docs/operations.md).
 */
export async function startServeServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? createAccessToken();
  let port = options.port;
  const bridge = new WsBridge(options.host, options.log);
  const api = createClient({
    invoke: (name, input) => options.host.invoke(name, input),
    subscribe: (listener) => options.host.subscribe(listener),
  });

  // A browser holds the token as a cookie (or brings it once in the address);
  // the command line sends it as a bearer token (docs/config.md, control endpoint).
  const authorized = (req: IncomingMessage, url: URL): boolean =>
    sameToken(readCookie(req.headers, cookieName(port)), token) ||
    sameToken(readBearer(req.headers), token) ||
    sameToken(url.searchParams.get('token'), token);

  const server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) return sendPage(res, 403, forbiddenHostPage());
    if (!isAllowedOrigin(req.headers.origin, port)) return sendPage(res, 403, forbiddenHostPage());
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    // The pages' stylesheet holds nothing secret: served to anyone on this machine.
    if (url.pathname === pageStylesheetPath) {
      res.writeHead(200, {
        ...securityHeaders,
        'Content-Type': 'text/css; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
      return res.end(pageStylesheet);
    }
    // A browser that holds an access cookie for this port, but not this run's: Sluice restarted.
    const restarted = readCookie(req.headers, cookieName(port)) !== null;
    if (url.pathname === sessionPath) return answerSession(res, authorized(req, url), restarted);
    if (!authorized(req, url)) return sendPage(res, 401, unauthorizedPage(restarted));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' });
      return res.end();
    }
    // Before the cookie redirect: a scraper that sends ?token= gets its answer, not a 303.
    if (serveMonitoring(req, res, api, options.log)) return;
    if (url.searchParams.has('token')) {
      // Trade the token in the address for a cookie and drop it from the
      // address bar, so it does not linger in history or get copied around.
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': accessCookie(port, token),
        Location: url.pathname,
      });
      return res.end();
    }
    if (options.rendererDir === null) {
      res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain' });
      return res.end('This is the Sluice control endpoint: the contract over a WebSocket at /api.');
    }
    if (!existsSync(options.rendererDir)) return sendPage(res, 503, notBuiltPage());
    if (!serveStatic(options.rendererDir, url.pathname, res, securityHeaders)) {
      res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain' });
      res.end('Not found');
    }
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    if (url.pathname !== '/api') return rejectUpgrade(socket, 404, 'Not Found');
    if (!authorized(req, url)) return rejectUpgrade(socket, 401, 'Unauthorized');
    bridge.upgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new EngineError(
            'conflict',
            `Port ${options.port} on 127.0.0.1 is already in use (is another Sluice running?). Use --port with another number, or --port 0 for any free port.`,
          ),
        );
      } else reject(err);
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        bridge.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
