import type { ServerResponse } from 'node:http';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSender } from '../../../src/main/destinations/create-sender';
import { testStream } from '../../../src/main/destinations/connection-test';
import { destinationSchema, type DestinationInput } from '../../../src/shared/destinations/schema';
import { encodeExportResponse } from '../../../src/shared/otlp';
import { distinctiveToken, sampleBatch } from './support/batches';
import { selfSignedCert, type TestCert } from './support/certs';
import { startProxy } from './support/proxy';
import { listKeys, startS3 } from './support/s3';
import {
  startHangingServer,
  startHttpServer,
  startHttpsServer,
  type ReceivedRequest,
} from './support/servers';

/**
 * The destination half of the leak test: a distinctive token goes through
 * every sender and Test stream outcome while the servers do their worst
 * (echo the token in bodies, headers and partial-success messages), and no
 * string we produce may contain it, whole or its secret part. Console output
 * is captured too: nothing here may log it. (The engine half, SQLite, log
 * files, IPC/WebSocket replies and exports, belongs to the engine's tests.)
 */
const secretPart = distinctiveToken.split('.')[2]!;
const canaries = [distinctiveToken, secretPart, 'S3CR3TCANARY', 'PROXYCANARY', 'AWSSECRETCANARY'];

const produced: unknown[] = [];
const printed: string[] = [];

function expectNoLeak(): void {
  const text = JSON.stringify(produced) + printed.join('');
  for (const canary of canaries) expect(text, `leaked ${canary}`).not.toContain(canary);
}

beforeEach(() => {
  produced.length = 0;
  printed.length = 0;
  const capture = (chunk: unknown): boolean => {
    printed.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write);
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, m).mockImplementation(
      (...args: unknown[]) => void printed.push(args.map(String).join(' ')),
    );
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expectNoLeak();
});

let selfSigned: TestCert;
beforeAll(async () => {
  selfSigned = await selfSignedCert();
});

/** Answers every request with `status`, echoing every request header back, in the body and a header. */
function echoing(status: number) {
  return (req: ReceivedRequest, res: ServerResponse) => {
    const echo = JSON.stringify(req.headers);
    if (status === 200) {
      res.writeHead(200, {
        'content-type': 'application/x-protobuf',
        'x-echo': encodeURIComponent(echo),
      });
      res.end(
        encodeExportResponse({
          partialSuccess: { rejectedLogRecords: 1n, errorMessage: `rejected for ${echo}` },
        }),
      );
      return;
    }
    res.writeHead(status, {
      'content-type': 'application/json',
      location: `https://x/${echo}`,
      'retry-after': '1',
    });
    res.end(JSON.stringify({ error: `bad credentials ${echo} / secret ${secretPart}` }));
  };
}

function destination(input: Record<string, unknown>) {
  return destinationSchema.parse(input as DestinationInput);
}

describe('no credential leaves a sender or Test stream in any string', () => {
  it.each([200, 301, 400, 401, 403, 404, 413, 500, 503])(
    'a Dynatrace endpoint answering %i with the token echoed',
    async (status) => {
      const server = await startHttpServer(echoing(status));
      const d = destination({ tool: 'dynatrace', url: `${server.url}/api/v2/otlp/v1/logs` });
      const built = buildSender(
        d,
        { credentials: { token: `Api-Token ${distinctiveToken}` }, timeoutMs: 2_000 },
        { env: {} },
      );
      produced.push(await built.sender.send(sampleBatch()));
      await built.sender.close();
      produced.push(
        await testStream(d, { token: distinctiveToken }, { env: {}, timeoutMs: 2_000 }),
      );
      // The control: the token really went over the wire, so the echo had it.
      expect(server.requests[0]?.headers.authorization).toBe(`Api-Token ${distinctiveToken}`);
    },
  );

  it.each(['newrelic', 'datadog', 'elastic', 'otlp', 'splunk'])(
    '%s, its header echoed on a 401',
    async (tool) => {
      const server = await startHttpServer(echoing(401));
      const url = `${server.url}/v1/logs`;
      const d = destination(
        tool === 'otlp' ? { tool, url, headerName: 'X-Api-Key' } : { tool, url },
      );
      produced.push(
        await testStream(d, { token: distinctiveToken }, { env: {}, timeoutMs: 2_000 }),
      );
      expect(JSON.stringify(server.requests[0]?.headers)).toContain(distinctiveToken);
    },
  );

  it('network failures: self-signed certificate, a hanging server, an unknown host, a proxy with a password', async () => {
    const tls = await startHttpsServer(selfSigned, echoing(200));
    const hang = await startHangingServer();
    const proxy = await startProxy({ requireAuth: true });
    const credentials = { token: distinctiveToken };
    const options = { env: {}, timeoutMs: 300 };
    for (const url of [
      `${tls.url}/api/v2/otlp/v1/logs`,
      `${hang.url}/api/v2/otlp/v1/logs`,
      'https://abc.sluice.invalid/api/v2/otlp/v1/logs',
    ]) {
      const d = destination({ tool: 'dynatrace', url });
      produced.push(await testStream(d, credentials, options));
      const built = buildSender(d, { credentials, timeoutMs: 300 }, { env: {} });
      produced.push(await built.sender.send(sampleBatch()));
      await built.sender.close();
    }
    const env = { HTTPS_PROXY: `http://alice:PROXYCANARY@127.0.0.1:${proxy.port}` };
    const viaProxy = destination({
      tool: 'dynatrace',
      url: 'https://dynatrace.sluice.test/api/v2/otlp/v1/logs',
    });
    produced.push(await testStream(viaProxy, credentials, { env, timeoutMs: 2_000 }));
    const built = buildSender(viaProxy, { credentials, timeoutMs: 2_000 }, { env });
    produced.push(await built.sender.send(sampleBatch()));
    await built.sender.close();
    expect(proxy.connects.length).toBeGreaterThan(0);
  });

  it('S3: the secret access key never appears, whatever the outcome', async () => {
    const { endpoint, client } = await startS3();
    const base = {
      tool: 's3',
      bucket: 'logs',
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
    };
    const good = { accessKeyId: 'S3RVER', secretAccessKey: 'AWSSECRETCANARY-0123456789' };
    const unknownKey = {
      accessKeyId: 'AKIAUNKNOWN',
      secretAccessKey: 'AWSSECRETCANARY-0123456789',
    };
    produced.push(await testStream(destination(base), good, { env: {} }));
    produced.push(await testStream(destination(base), unknownKey, { env: {} }));
    produced.push(
      await testStream(destination({ ...base, bucket: 'no-such-bucket' }), good, { env: {} }),
    );
    expect(await listKeys(client, 'logs')).toHaveLength(1);
  });
});
