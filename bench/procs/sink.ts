import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { indexExportRequest } from '../../src/shared/otlp';
import { wallMs } from '../lib/clock';
import { exitSoon, serveRpc } from '../lib/rpc';
import { selfUsage } from '../lib/usage';

/**
 * A plain local HTTP endpoint for the file-tail comparison: answers every
 * POST with 200 at once and counts what arrived: log records of an OTLP
 * protobuf request (Sluice), or newline-separated messages (syslog-ng's
 * http destination). It does as little as it can, so the two shippers, not
 * the endpoint, set the pace.
 */
let units = 0;
let requests = 0;
let lastAt: number | null = null;
const waiters: { units: number; resolve: (at: number) => void }[] = [];

function count(body: Buffer, type: string | undefined, encoding: string | undefined): number {
  const bytes = encoding === 'gzip' ? gunzipSync(body) : body;
  if (type?.startsWith('application/x-protobuf')) return indexExportRequest(bytes).count;
  if (bytes.length === 0) return 0;
  let n = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) n++;
  return bytes[bytes.length - 1] === 10 ? n : n + 1;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = wallMs();
    units += count(
      Buffer.concat(chunks),
      req.headers['content-type'],
      req.headers['content-encoding'],
    );
    requests++;
    lastAt = at;
    for (let i = waiters.length - 1; i >= 0; i--)
      if (units >= waiters[i]!.units) waiters.splice(i, 1)[0]!.resolve(at);
    res.writeHead(200, { 'content-length': '0' }).end();
  });
});

serveRpc({
  async start() {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  },
  reset() {
    units = 0;
    requests = 0;
    lastAt = null;
  },
  stats: () => ({ units, requests, lastAt, ...selfUsage() }),
  /** Resolves with the wall time at which `units` records or lines had arrived. */
  waitFor: ({ units: wanted }: { units: number }) =>
    units >= wanted
      ? (lastAt ?? wallMs())
      : new Promise<number>((resolve) => waiters.push({ units: wanted, resolve })),
  close() {
    server.closeAllConnections();
    server.close();
    exitSoon();
  },
});
