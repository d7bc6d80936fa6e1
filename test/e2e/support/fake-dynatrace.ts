import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeExportRequest } from '../../../src/shared/otlp';

/**
 * A tiny stand-in for Dynatrace's OTLP logs ingest on 127.0.0.1: it checks
 * `Authorization: Api-Token <token>` (401 otherwise, as Dynatrace answers),
 * decodes what it accepts, and can be told to refuse the next requests with a
 * status (400 for a dead letter). The wizard accepts plain http:// for
 * loopback addresses.
 */
export interface FakeDynatrace {
  /** The OTLP logs URL to give the wizard. */
  url: string;
  /** Records accepted so far (test records included). */
  accepted(): number;
  /** Every accepted record's attributes, flattened to key=value strings. */
  acceptedAttributes(): string[];
  /** Answer the next `count` requests with `status` and `body`. */
  failNext(count: number, status: number, body: string): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeDynatrace(token: string): Promise<FakeDynatrace> {
  let accepted = 0;
  const attributes: string[] = [];
  const failures: { status: number; body: string }[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      if (req.method !== 'POST' || req.url?.split('?')[0] !== '/api/v2/otlp/v1/logs') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":404}}');
        return;
      }
      if (req.headers.authorization !== `Api-Token ${token}`) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"error":{"code":401,"message":"Token Authentication failed"}}');
        return;
      }
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json' }).end(failure.body);
        return;
      }
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const request = decodeExportRequest(new Uint8Array(body));
      for (const rl of request.resourceLogs) {
        for (const sl of rl.scopeLogs) {
          for (const r of sl.logRecords) {
            accepted++;
            for (const a of r.attributes) {
              if (a.value.kind === 'string') attributes.push(`${a.key}=${a.value.value}`);
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2/otlp/v1/logs`,
    accepted: () => accepted,
    acceptedAttributes: () => [...attributes],
    failNext(count, status, body) {
      for (let i = 0; i < count; i++) failures.push({ status, body });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
