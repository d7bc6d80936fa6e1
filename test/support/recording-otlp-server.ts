import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { encodeExportResponse } from '../../src/shared/otlp';
import { numbersIn } from './otlp-records';

/**
 * A real OTLP/HTTP endpoint on 127.0.0.1 that decodes every request and
 * records the `n` attribute of each record it accepted, duplicates included.
 */
export async function startRecordingServer(): Promise<{
  url: string;
  received: number[];
  requests: () => number;
  close: () => Promise<void>;
}> {
  const received: number[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
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
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
