import { beforeAll, describe, expect, it } from 'vitest';
import { testStream } from '../../../src/main/destinations/connection-test';
import type { TestStreamResult } from '../../../src/shared/api/test-stream';
import {
  destinationSchema,
  type Destination,
  type DestinationInput,
} from '../../../src/shared/destinations/schema';
import { decodeExportRequest, encodeExportResponse } from '../../../src/shared/otlp';
import { selfSignedCert, privateCa, type TestCert } from './support/certs';
import { startProxy } from './support/proxy';
import { s3Credentials, listKeys, startS3 } from './support/s3';
import {
  closedPort,
  json,
  startHangingServer,
  startHttpServer,
  startHttpsServer,
  startResettingServer,
  type Responder,
} from './support/servers';

const token = `dt0c01.${'P'.repeat(24)}.${'S'.repeat(64)}`;
const path = '/api/v2/otlp/v1/logs';
const now = new Date(Date.UTC(2025, 2, 7, 9, 30, 0, 250));

function dt(url: string, network: Record<string, unknown> = {}): Destination {
  return destinationSchema.parse({ tool: 'dynatrace', url, network } as DestinationInput);
}

function run(
  destination: Destination,
  credentials: Record<string, string> = { token },
  extra: Parameters<typeof testStream>[2] = {},
) {
  return testStream(destination, credentials, {
    timeoutMs: 2_000,
    env: {},
    now: () => now,
    testId: 'test-id-1',
    ...extra,
  });
}

function step(result: TestStreamResult, name: string) {
  return result.steps.find((s) => s.name === name);
}

/** The step names that ran and passed, failed, and did not run. */
function shape(result: TestStreamResult) {
  return result.steps.map(
    (s) =>
      `${s.name}:${s.durationMs === null ? (s.ok ? 'skipped' : 'not-run') : s.ok ? 'ok' : 'FAILED'}`,
  );
}

async function dynatraceEndpoint(respond: Responder) {
  const server = await startHttpServer(respond);
  return { server, destination: dt(`${server.url}${path}`) };
}

let selfSigned: TestCert;
let ca: TestCert;
let leaf: TestCert;
beforeAll(async () => {
  selfSigned = await selfSignedCert();
  ({ ca, leaf } = await privateCa());
});

describe('Test stream: success', () => {
  it('reports every step with its duration and sends one clearly marked record through the real sender', async () => {
    const { server, destination } = await dynatraceEndpoint((_req, res) =>
      res.writeHead(200).end(),
    );
    const result = await run(destination, { token }, { streamName: 'Production logs' });
    expect(result).toMatchObject({
      outcome: 'success',
      httpStatus: 200,
      advice: null,
      responseBody: null,
    });
    expect(shape(result)).toEqual(['resolve:ok', 'connect:ok', 'tls:skipped', 'send:ok']);
    expect(step(result, 'send')?.detail).toMatch(/Dynatrace accepted the test record \(200 OK/);
    expect(result.findRecordHint).toBe(
      'In Dynatrace, open Logs or a Notebook and run: fetch logs, from: now()-30m | filter sluice.test.id == "test-id-1"',
    );
    expect(result.findRecordQuery).toBe(
      'fetch logs, from: now()-30m | filter sluice.test.id == "test-id-1"',
    );

    const [req] = server.requests;
    expect(req?.headers.authorization).toBe(`Api-Token ${token}`);
    expect(req?.headers['content-encoding']).toBe('gzip');
    const record = decodeExportRequest(new Uint8Array(req!.body)).resourceLogs[0]?.scopeLogs[0]
      ?.logRecords[0];
    expect(record).toMatchObject({
      body: { kind: 'string', value: 'Sluice test record: this stream works' },
      severityNumber: 9,
      severityText: 'INFO',
      timeUnixNano: BigInt(now.getTime()) * 1_000_000n,
    });
    expect(record?.attributes).toEqual([
      { key: 'sluice.test', value: { kind: 'string', value: 'true' } },
      { key: 'sluice.test.id', value: { kind: 'string', value: 'test-id-1' } },
      { key: 'sluice.stream.name', value: { kind: 'string', value: 'Production logs' } },
    ]);
  });

  it('tries every address a name resolves to (localhost may resolve to ::1 first)', async () => {
    const { server } = await dynatraceEndpoint((_req, res) => res.writeHead(200).end());
    const result = await run(dt(`http://localhost:${server.port}${path}`));
    expect(result.outcome).toBe('success');
    expect(step(result, 'resolve')?.detail).toMatch(/^localhost resolved to .*127\.0\.0\.1/);
    expect(step(result, 'connect')?.detail).toBe(`Connected to 127.0.0.1:${server.port}.`);
  });

  it('through a proxy: resolve and connect describe the proxy, TLS and send reach the destination', async () => {
    const proxy = await startProxy();
    const server = await startHttpsServer(leaf, (_req, res) => res.writeHead(200).end());
    const result = await run(
      dt(`https://dynatrace.sluice.test:${server.port}${path}`, {
        proxyUrl: proxy.url,
        caCertificatePem: ca.cert,
      }),
    );
    expect(result.outcome).toBe('success');
    expect(step(result, 'resolve')?.detail).toMatch(/Through this stream's proxy 127\.0\.0\.1:\d+/);
    expect(step(result, 'connect')?.detail).toMatch(
      new RegExp(
        `the proxy 127\\.0\\.0\\.1:${proxy.port}, which opened a tunnel to dynatrace\\.sluice\\.test:${server.port}`,
      ),
    );
    expect(step(result, 'tls')?.detail).toMatch(/certificate is valid for dynatrace\.sluice\.test/);
    expect(proxy.connects).toHaveLength(2);
    expect(server.requests).toHaveLength(1);
  });

  it('a pinned self-signed certificate passes TLS, saying why it is trusted', async () => {
    const server = await startHttpsServer(selfSigned, (_req, res) => res.writeHead(200).end());
    const result = await run(
      dt(`${server.url}${path}`, { pinnedCertificateSha256: selfSigned.fingerprint256 }),
    );
    expect(result.outcome).toBe('success');
    expect(step(result, 'tls')?.detail).toMatch(/trusted because its fingerprint is pinned/);
    expect(step(result, 'tls')?.detail).toContain(selfSigned.fingerprint256);
  });

  it('writes the test object to S3 and names it', async () => {
    const { endpoint, client } = await startS3();
    const destination = destinationSchema.parse({
      tool: 's3',
      bucket: 'logs',
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      prefix: 'tests',
    });
    const result = await run(destination, { ...s3Credentials });
    expect(result.outcome).toBe('success');
    const keys = await listKeys(client, 'logs');
    expect(keys).toEqual([expect.stringMatching(/^tests\/2025\/03\/07\/09\/20250307T093000250Z-/)]);
    expect(step(result, 'send')?.detail).toContain(`Object: ${keys[0]}.`);
    expect(result.findRecordHint).toMatch(/s3:\/\/logs\/tests\//);
  });

  it('sends Splunk its HEC event, found by the test id', async () => {
    const server = await startHttpServer((_req, res) =>
      json(res, 200, { text: 'Success', code: 0 }),
    );
    const result = await run(destinationSchema.parse({ tool: 'splunk', url: server.url }), {
      token: '12345678-abcd-1234-abcd-1234567890ab',
    });
    expect(result.outcome).toBe('success');
    expect(result.findRecordHint).toBe('In Splunk Search, run: sluice.test.id="test-id-1"');
    const event = JSON.parse(server.requests[0]!.body.toString('utf8')) as Record<string, unknown>;
    expect(event).toMatchObject({
      time: 1741339800.25,
      event: 'Sluice test record: this stream works',
      fields: { 'sluice.test': 'true', severity: 'INFO' },
    });
  });
});

describe('Test stream: each answer of a Dynatrace endpoint', () => {
  it.each([
    [401, /token/],
    [403, /logs\.ingest/],
    [404, /\/api\/v2\/otlp\/v1\/logs/],
    [413, /larger than Dynatrace accepts/],
    [500, /Dynatrace .* had a problem/],
    [503, /Dynatrace .* had a problem/],
  ] as const)(
    'HTTP %i: the send step fails with the status, the body and what to check',
    async (status, advice) => {
      const { destination } = await dynatraceEndpoint((_req, res) =>
        json(res, status, { error: { code: status, message: `answer ${status}` } }),
      );
      const result = await run(destination);
      expect(result).toMatchObject({
        outcome: 'failure',
        httpStatus: status,
        findRecordHint: null,
      });
      expect(shape(result)).toEqual(['resolve:ok', 'connect:ok', 'tls:skipped', 'send:FAILED']);
      expect(result.summary).toMatch(
        new RegExp(`^Sending the test record failed: Dynatrace answered ${status}`),
      );
      expect(result.responseBody).toContain(`answer ${status}`);
      expect(result.advice).toMatch(advice);
    },
  );

  it('a partial success that rejects the test record is a failure', async () => {
    const { destination } = await dynatraceEndpoint((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end(
        encodeExportResponse({
          partialSuccess: { rejectedLogRecords: 1n, errorMessage: 'Log age limit exceeded' },
        }),
      );
    });
    const result = await run(destination);
    expect(result.outcome).toBe('failure');
    expect(step(result, 'send')?.detail).toMatch(
      /rejected the test record: Log age limit exceeded/,
    );
  });
});

describe('Test stream: network failures name the step that failed', () => {
  it('a closed port fails at connect; TLS and send do not run', async () => {
    const port = await closedPort();
    const result = await run(dt(`http://127.0.0.1:${port}${path}`));
    expect(shape(result)).toEqual(['resolve:ok', 'connect:FAILED', 'tls:not-run', 'send:not-run']);
    expect(result.summary).toMatch(/^Connecting failed: 127\.0\.0\.1:\d+ refused the connection/);
    expect(result.advice).toMatch(/port/);
    expect(step(result, 'send')?.detail).toBe('Not run: connecting failed.');
  });

  it('an unknown host fails at resolve with what to check', async () => {
    const result = await run(dt(`https://abc12345.sluice.invalid${path}`));
    expect(shape(result)).toEqual([
      'resolve:FAILED',
      'connect:not-run',
      'tls:not-run',
      'send:not-run',
    ]);
    expect(result.summary).toMatch(
      /^Resolving the name failed: the name abc12345\.sluice\.invalid could not be resolved/,
    );
    expect(result.advice).toMatch(/typos.*proxy/);
  });

  it('a self-signed certificate fails at TLS, with the fingerprint to trust', async () => {
    const server = await startHttpsServer(selfSigned, (_req, res) => res.writeHead(200).end());
    const result = await run(dt(`${server.url}${path}`));
    expect(shape(result)).toEqual(['resolve:ok', 'connect:ok', 'tls:FAILED', 'send:not-run']);
    expect(result.summary).toMatch(/self-signed certificate/);
    expect(result.advice).toContain(selfSigned.fingerprint256);
    expect(result.advice).toMatch(/CA certificate/);
    expect(server.requests).toHaveLength(0);
  });

  it('a server that hangs times out at send', async () => {
    const server = await startHangingServer();
    const result = await run(dt(`${server.url}${path}`), { token }, { timeoutMs: 300 });
    expect(shape(result)).toEqual(['resolve:ok', 'connect:ok', 'tls:skipped', 'send:FAILED']);
    expect(result.summary).toMatch(/did not answer within 0\.3 s/);
    expect(result.httpStatus).toBeNull();
  });

  it('a server that resets the connection fails at send', async () => {
    const server = await startResettingServer();
    const result = await run(dt(`${server.url}${path}`));
    expect(shape(result)).toEqual(['resolve:ok', 'connect:ok', 'tls:skipped', 'send:FAILED']);
    expect(result.summary).toMatch(/closed the connection before answering/);
  });

  it('a proxy that wants credentials fails at connect', async () => {
    const proxy = await startProxy({ requireAuth: true });
    const result = await run(
      dt(`https://dynatrace.sluice.test${path}`),
      { token },
      { env: { HTTPS_PROXY: proxy.url } },
    );
    expect(shape(result)).toEqual(['resolve:ok', 'connect:FAILED', 'tls:not-run', 'send:not-run']);
    expect(result.summary).toMatch(/407/);
    expect(result.advice).toMatch(/HTTPS_PROXY=http:\/\/user:password@host:port/);
  });
});

describe('Test stream: nothing is sent when it cannot work', () => {
  it('without a token', async () => {
    const { server, destination } = await dynatraceEndpoint((_req, res) =>
      res.writeHead(200).end(),
    );
    const result = await run(destination, {});
    expect(result).toMatchObject({
      outcome: 'failure',
      summary: 'No API token was given, so nothing was sent.',
    });
    expect(result.advice).toMatch(/logs\.ingest/);
    expect(shape(result)).toEqual([
      'resolve:not-run',
      'connect:not-run',
      'tls:not-run',
      'send:not-run',
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('Other (OTLP/HTTP) with no key runs and sends no key header: a local Collector needs none', async () => {
    const server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end(encodeExportResponse({ partialSuccess: null }));
    });
    // The form's default header name, Authorization, and the optional key left empty.
    const otlp = destinationSchema.parse({ tool: 'otlp', url: `${server.url}/v1/logs` });
    const result = await run(otlp, {});
    expect(result.outcome).toBe('success');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('with plain http to another machine that was not confirmed', async () => {
    const unchecked = {
      ...dt('https://collector.corp/v1/logs'),
      url: 'http://collector.corp/v1/logs',
    };
    const result = await run(unchecked);
    expect(result.outcome).toBe('failure');
    expect(result.advice).toMatch(/unencrypted/);
  });
});
