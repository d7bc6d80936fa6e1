import { describe, expect, it } from 'vitest';
import { buildSender, createSender } from '../../../src/main/destinations/create-sender';
import type { SendResult } from '../../../src/main/destinations/sender';
import { destinationSchema, type DestinationInput } from '../../../src/shared/destinations/schema';
import {
  decodeExportRequest,
  encodeExportResponse,
  parseExportRequestJson,
} from '../../../src/shared/otlp';
import { sampleBatch, sampleRequest } from './support/batches';
import {
  closedPort,
  json,
  startHangingServer,
  startHttpServer,
  startResettingServer,
  type Responder,
} from './support/servers';
import { eventually } from '../../support/eventually';

const token = `dt0c01.${'P'.repeat(24)}.${'S'.repeat(64)}`;

function sender(
  input: DestinationInput,
  credentials: Record<string, string> = { token },
  timeoutMs = 5_000,
) {
  return createSender(
    { id: 'stream-1', destination: destinationSchema.parse(input) },
    { credentials, timeoutMs },
  );
}

async function sendOnce(url: string, extra: Partial<DestinationInput> = {}): Promise<SendResult> {
  const s = sender({ tool: 'dynatrace', url, ...extra } as DestinationInput);
  try {
    return await s.send(sampleBatch());
  } finally {
    await s.close();
  }
}

/** A Dynatrace-compatible endpoint answering each request with `respond`. */
async function dynatrace(respond: Responder) {
  const server = await startHttpServer(respond);
  return { server, url: `${server.url}/api/v2/otlp/v1/logs` };
}

describe('Dynatrace sender against a local OTLP endpoint', () => {
  it('POSTs gzip protobuf with the Api-Token header and the structure parameter; the body decodes to the batch', async () => {
    const { server, url } = await dynatrace((_req, res) => res.writeHead(200).end());
    const result = await sendOnce(url, { model: 'flattened' });
    expect(result).toMatchObject({ kind: 'accepted', httpStatus: 200, rejectedRecords: 0 });
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/api/v2/otlp/v1/logs?structure=flattened');
    expect(req?.headers.authorization).toBe(`Api-Token ${token}`);
    expect(req?.headers['content-type']).toBe('application/x-protobuf');
    expect(req?.headers['content-encoding']).toBe('gzip');
    expect(req?.headers['user-agent']).toMatch(/^Sluice\//);
    expect(result.kind === 'accepted' && result.bytesSent).toBe(req?.raw.length);
    expect(decodeExportRequest(new Uint8Array(req!.body))).toEqual(sampleRequest());
  });

  it('leaves the structure parameter out for the tenant default', async () => {
    const { server, url } = await dynatrace((_req, res) => res.writeHead(200).end());
    await sendOnce(url);
    expect(server.requests[0]?.url).toBe('/api/v2/otlp/v1/logs');
  });

  it('reads a partial success from a protobuf answer and from a JSON answer', async () => {
    const proto = await dynatrace((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end(
        encodeExportResponse({
          partialSuccess: { rejectedLogRecords: 1n, errorMessage: 'timestamp too old' },
        }),
      );
    });
    expect(await sendOnce(proto.url)).toMatchObject({
      kind: 'accepted',
      rejectedRecords: 1,
      rejectionMessage: 'timestamp too old',
    });

    const asJson = await dynatrace((_req, res) =>
      json(res, 200, {
        partialSuccess: { rejectedLogRecords: '2', errorMessage: 'too many attributes' },
      }),
    );
    expect(await sendOnce(asJson.url)).toMatchObject({
      kind: 'accepted',
      rejectedRecords: 2,
      rejectionMessage: 'too many attributes',
    });
  });

  it('treats an unreadable 200 body as full success (the status already said so)', async () => {
    const { url } = await dynatrace((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end(Buffer.from([0xff, 0xff, 0xff]));
    });
    expect(await sendOnce(url)).toMatchObject({
      kind: 'accepted',
      rejectedRecords: 0,
      rejectionMessage: null,
    });
  });

  it.each([
    [401, 'refused', true, /token/],
    [403, 'refused', true, /logs\.ingest/],
    [404, 'refused', true, /\/api\/v2\/otlp\/v1\/logs/],
    [400, 'refused', false, /dead letter/],
    [500, 'refused', false, /dead letter, to replay/],
  ] as const)(
    'classifies %i as %s (stopSending %s) with advice for an admin',
    async (status, kind, stop, advice) => {
      const { url } = await dynatrace((_req, res) =>
        json(res, status, { error: { code: status, message: `nope ${status}` } }),
      );
      const result = await sendOnce(url);
      expect(result).toMatchObject({ kind, httpStatus: status, stopSending: stop });
      expect(result.kind === 'refused' && result.advice).toMatch(advice);
      expect(result.kind === 'refused' && result.responseBody).toContain(`nope ${status}`);
    },
  );

  it('classifies 413 as too large, for the exporter to split', async () => {
    const { url } = await dynatrace((_req, res) => res.writeHead(413).end('payload too large'));
    expect(await sendOnce(url)).toMatchObject({
      kind: 'too-large',
      httpStatus: 413,
      responseBody: 'payload too large',
    });
  });

  it.each([429, 502, 503, 504])(
    'classifies %i as retryable and honours Retry-After',
    async (status) => {
      const { url } = await dynatrace((_req, res) =>
        res.writeHead(status, { 'retry-after': '7' }).end(),
      );
      const result = await sendOnce(url);
      expect(result).toMatchObject({ kind: 'retryable', httpStatus: status, retryAfterMs: 7_000 });
      expect(result.kind === 'retryable' && result.advice).toMatch(/again/);
    },
  );

  it('stops sending on a redirect and says where it points', async () => {
    const { url } = await dynatrace((_req, res) =>
      res.writeHead(301, { location: 'https://elsewhere/api' }).end(),
    );
    const result = await sendOnce(url);
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 301, stopSending: true });
    expect(result.kind === 'refused' && result.message).toContain('https://elsewhere/api');
  });

  it('cuts long response bodies to a few kilobytes', async () => {
    const { url } = await dynatrace((_req, res) =>
      res.writeHead(400, { 'content-type': 'text/plain' }).end('x'.repeat(100_000)),
    );
    const result = await sendOnce(url);
    expect(result.kind === 'refused' && result.responseBody?.length).toBeLessThan(5_000);
    expect(result.kind === 'refused' && result.responseBody).toMatch(/… \(cut\)$/);
  });

  it('keeps the connection alive between batches', async () => {
    const { server, url } = await dynatrace((_req, res) => res.writeHead(200).end());
    const s = sender({ tool: 'dynatrace', url });
    for (let i = 0; i < 3; i++) expect((await s.send(sampleBatch())).kind).toBe('accepted');
    await s.close();
    expect(server.requests).toHaveLength(3);
    expect(server.connections()).toBe(1);
  });
});

describe('network failures are retryable with words for an admin', () => {
  it('a server that never answers times out', async () => {
    const server = await startHangingServer();
    const s = sender({ tool: 'otlp', url: `${server.url}/v1/logs`, headerName: '' }, {}, 300);
    const result = await s.send(sampleBatch());
    await s.close();
    expect(result).toMatchObject({ kind: 'retryable', httpStatus: null, retryAfterMs: null });
    expect(result.kind === 'retryable' && result.message).toMatch(/did not answer within 0\.3 s/);
  });

  it('a closed port is refused', async () => {
    const port = await closedPort();
    const result = await sendOnce(`http://127.0.0.1:${port}/api/v2/otlp/v1/logs`);
    expect(result).toMatchObject({ kind: 'retryable' });
    expect(result.kind === 'retryable' && result.message).toMatch(/refused the connection/);
  });

  it('a reset connection', async () => {
    const server = await startResettingServer();
    const result = await sendOnce(`${server.url}/api/v2/otlp/v1/logs`);
    expect(result).toMatchObject({ kind: 'retryable' });
    expect(result.kind === 'retryable' && result.message).toMatch(
      /closed the connection before answering/,
    );
  });

  it('an unknown host', async () => {
    const result = await sendOnce('https://no-such-environment.invalid/api/v2/otlp/v1/logs');
    expect(result).toMatchObject({ kind: 'retryable' });
    expect(result.kind === 'retryable' && result.message).toMatch(
      /no-such-environment\.invalid could not be resolved/,
    );
  });

  it('cancellation by the exporter keeps the batch (retryable, not an error of the destination)', async () => {
    const server = await startHangingServer();
    const s = sender({ tool: 'otlp', url: `${server.url}/v1/logs`, headerName: '' });
    const controller = new AbortController();
    const pending = s.send(sampleBatch(), controller.signal);
    // Cancelled mid-request: once the server holds the connection, not before.
    await eventually(() => expect(server.connections()).toBe(1));
    controller.abort();
    const result = await pending;
    await s.close();
    expect(result).toMatchObject({
      kind: 'retryable',
      message: expect.stringMatching(/cancelled/),
    });
  });
});

describe('the Other (OTLP/HTTP) form', () => {
  it('sends OTLP/JSON without compression and the configured header as is', async () => {
    const server = await startHttpServer((_req, res) => res.writeHead(200).end());
    const s = sender(
      {
        tool: 'otlp',
        url: `${server.url}/v1/logs`,
        headerName: 'X-Api-Key',
        encoding: 'json',
        compression: 'none',
      },
      { token: 'Api-Token abc' },
    );
    expect((await s.send(sampleBatch())).kind).toBe('accepted');
    await s.close();
    const [req] = server.requests;
    expect(req?.headers['x-api-key']).toBe('Api-Token abc');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['content-encoding']).toBeUndefined();
    expect(parseExportRequestJson(new Uint8Array(req!.raw))).toEqual(sampleRequest());
  });
});

describe('senders that cannot send', () => {
  it('refuse with what to fix when the token is missing, without connecting', async () => {
    const server = await startHttpServer((_req, res) => res.writeHead(200).end());
    const built = buildSender(
      destinationSchema.parse({ tool: 'dynatrace', url: `${server.url}/api/v2/otlp/v1/logs` }),
      {
        credentials: {},
        timeoutMs: 1_000,
      },
    );
    const result = await built.sender.send(sampleBatch());
    expect(result).toMatchObject({
      kind: 'refused',
      stopSending: true,
      message: expect.stringMatching(/No API token/),
    });
    expect(server.requests).toHaveLength(0);
    expect(built.route).toBeNull();
  });

  it('turn a batch that cannot be converted into a refusal instead of throwing', async () => {
    const server = await startHttpServer((_req, res) => res.writeHead(200).end());
    const s = sender(
      { tool: 'otlp', url: `${server.url}/v1/logs`, encoding: 'json', headerName: '' },
      {},
    );
    const result = await s.send({ body: new Uint8Array([0x0a, 0xff]), recordCount: 1 });
    await s.close();
    expect(result).toMatchObject({
      kind: 'refused',
      stopSending: false,
      message: expect.stringMatching(/could not prepare/),
    });
  });
});
