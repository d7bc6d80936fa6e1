import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { indexExportRequest } from '../../src/shared/otlp';
import { wallMs } from '../lib/clock';
import { markAttribute, markWidth } from '../lib/records';
import { exitSoon, serveRpc } from '../lib/rpc';
import { selfUsage } from '../lib/usage';

/**
 * A plain local HTTP endpoint: answers every POST with 200 at once and
 * counts what arrived: log records of an OTLP protobuf request (Sluice), or
 * newline-separated messages (syslog-ng's http destination). It does as
 * little as it can, so the shipper, not the endpoint, sets the pace: the
 * file-tail comparison, the export scenario's plain drain and the plain
 * end-to-end scenario use it. With `marks`, it notes when each marked record
 * (bench.mark, one per load-generator request) arrived, by finding the mark
 * in the bytes rather than decoding the request.
 */
let units = 0;
let requests = 0;
let lastAt: number | null = null;
let marks = false;
const arrivals: [number, number][] = [];
const waiters: { units: number; resolve: (at: number) => void }[] = [];
const markKey = Buffer.from(markAttribute, 'latin1');

/** KeyValue{key: "bench.mark", value: AnyValue{stringValue: 12 digits}}: the digits follow the key by 4 bytes. */
function collectMarks(bytes: Buffer, at: number): void {
  for (let i = bytes.indexOf(markKey); i !== -1; i = bytes.indexOf(markKey, i + 1)) {
    const start = i + markKey.length + 4;
    const digits = bytes.toString('latin1', start, start + markWidth);
    if (/^\d+$/.test(digits)) arrivals.push([Number(digits), at]);
  }
}

function count(
  body: Buffer,
  type: string | undefined,
  encoding: string | undefined,
  at: number,
): number {
  const bytes = encoding === 'gzip' ? gunzipSync(body) : body;
  if (type?.startsWith('application/x-protobuf')) {
    if (marks) collectMarks(bytes, at);
    return indexExportRequest(bytes).count;
  }
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
      at,
    );
    requests++;
    lastAt = at;
    for (let i = waiters.length - 1; i >= 0; i--)
      if (units >= waiters[i]!.units) waiters.splice(i, 1)[0]!.resolve(at);
    res.writeHead(200, { 'content-length': '0' }).end();
  });
});

serveRpc({
  async start(o: { marks?: boolean } = {}) {
    marks = o.marks ?? false;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  },
  reset() {
    units = 0;
    requests = 0;
    lastAt = null;
  },
  stats: () => ({ units, arrived: units, requests, lastAt, ...selfUsage() }),
  /** Marked records' arrival times since the last call, [mark, wall ms]. */
  takeArrivals: () => arrivals.splice(0),
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
