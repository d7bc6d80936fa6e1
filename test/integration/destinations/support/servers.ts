import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach } from 'vitest';

/**
 * Real servers on 127.0.0.1 for destination tests: they record what arrived
 * (method, path, headers, body after gzip) and answer as the test says.
 * Every server is closed after the test that started it.
 */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  /** The body as sent (possibly gzip). */
  raw: Buffer;
  /** The body after undoing Content-Encoding: gzip. */
  body: Buffer;
}

export type Responder = (req: ReceivedRequest, res: ServerResponse) => void;

export interface TestServer {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** TCP connections accepted (to see keep-alive reuse). */
  connections: () => number;
  close: () => Promise<void>;
}

const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function closeServer(server: Server | TcpServer, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

function track(server: Server | TcpServer): { sockets: Set<Socket>; count: () => number } {
  const sockets = new Set<Socket>();
  let count = 0;
  server.on('connection', (s: Socket) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return { sockets, count: () => count };
}

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    });
  });
}

function handler(requests: ReceivedRequest[], respond: Responder) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        raw,
        body,
      };
      requests.push(received);
      respond(received, res);
    });
  };
}

async function start(
  server: Server,
  protocol: 'http' | 'https',
  requests: ReceivedRequest[],
  host = '127.0.0.1',
): Promise<TestServer> {
  const { sockets, count } = track(server);
  const port = await listen(server);
  const s: TestServer = {
    url: `${protocol}://${host}:${port}`,
    port,
    requests,
    connections: count,
    close: () => closeServer(server, sockets),
  };
  open.push(s);
  return s;
}

export function startHttpServer(respond: Responder): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  return start(createHttpServer(handler(requests, respond)), 'http', requests);
}

export function startHttpsServer(
  cert: { key: string; cert: string },
  respond: Responder,
  host = '127.0.0.1',
): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  return start(
    createHttpsServer({ key: cert.key, cert: cert.cert }, handler(requests, respond)),
    'https',
    requests,
    host,
  );
}

/** Accepts connections and reads requests, never answers. */
export async function startHangingServer(): Promise<TestServer> {
  const server = createTcpServer((socket) => socket.on('data', () => undefined));
  const { sockets, count } = track(server);
  const port = await listen(server);
  const s = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    connections: count,
    close: () => closeServer(server, sockets),
  };
  open.push(s);
  return s;
}

/** Accepts connections and resets each as soon as the request starts arriving. */
export async function startResettingServer(): Promise<TestServer> {
  const server = createTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
  const { sockets, count } = track(server);
  const port = await listen(server);
  const s = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    connections: count,
    close: () => closeServer(server, sockets),
  };
  open.push(s);
  return s;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
