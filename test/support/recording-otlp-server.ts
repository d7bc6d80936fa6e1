import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { encodeExportResponse } from '../../src/shared/otlp';
import { numbersIn } from './otlp-records';

/**
 * A real OTLP/HTTP endpoint on 127.0.0.1 that decodes every request and
 * records the `n` attribute of each record it accepted, duplicates included.
 * `failWith(status)` makes it refuse every request with that HTTP status
 * (records nothing) until `failWith(null)`.
 */
export async function startRecordingServer(): Promise<{
  url: string;
  received: number[];
  requests: () => number;
  failWith: (status: number | null) => void;
  close: () => Promise<void>;
}> {
  const received: number[] = [];
  let requests = 0;
  let failure: number | null = null;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      if (failure !== null) {
        res.writeHead(failure, { 'Content-Type': 'text/plain' });
        res.end(`refused with ${failure} by the test`);
        return;
      }
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      received.push(...numbersIn(new Uint8Array(body)));
      res.writeHead(200, { 'Content-Type': 'application/x-protobuf' });
      res.end(Buffer.from(encodeExportResponse({ partialSuccess: null })));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1/logs`,
    received,
    requests: () => requests,
    failWith: (status) => {
      failure = status;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
