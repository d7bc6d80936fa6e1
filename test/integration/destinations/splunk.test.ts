import { describe, expect, it } from 'vitest';
import { createSender } from '../../../src/main/destinations/create-sender';
import { destinationSchema, type DestinationInput } from '../../../src/shared/destinations/schema';
import { sampleBatch } from './support/batches';
import { json, startHttpServer, type ReceivedRequest, type Responder } from './support/servers';

const token = '12345678-abcd-1234-abcd-1234567890ab';

/**
 * A local HEC-like server: checks the token the way HEC does and decodes the
 * newline-separated JSON events, answering {"text","code"} as Splunk does.
 */
function hec(answer?: Responder): Responder {
  return (req, res) => {
    if (req.headers.authorization !== `Splunk ${token}`)
      return json(res, 403, { text: 'Invalid token', code: 4 });
    if (answer) return answer(req, res);
    json(res, 200, { text: 'Success', code: 0 });
  };
}

function events(req: ReceivedRequest): Record<string, unknown>[] {
  return req.body
    .toString('utf8')
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function sendTo(url: string, extra: Partial<DestinationInput> = {}, t = token) {
  const s = createSender(
    {
      id: 's',
      destination: destinationSchema.parse({ tool: 'splunk', url, ...extra } as DestinationInput),
    },
    { credentials: { token: t }, timeoutMs: 5_000 },
  );
  try {
    return await s.send(sampleBatch());
  } finally {
    await s.close();
  }
}

describe('Splunk HEC sender', () => {
  it('posts one JSON event per record to /services/collector/event, gzip, Authorization: Splunk', async () => {
    const server = await startHttpServer(hec());
    const result = await sendTo(server.url, { index: 'apps', sourcetype: 'outsystems:log' });
    expect(result).toMatchObject({ kind: 'accepted', httpStatus: 200 });
    const [req] = server.requests;
    expect(req?.url).toBe('/services/collector/event');
    expect(req?.headers['content-encoding']).toBe('gzip');
    expect(req?.body.toString('utf8')).toMatch(/^\{"time":1700000000\.123,/);
    const [first, second] = events(req!);
    expect(first).toEqual({
      time: 1700000000.123,
      host: 'web-01',
      source: 'checkout',
      sourcetype: 'outsystems:log',
      index: 'apps',
      event: 'Payment failed',
      fields: {
        'service.name': 'checkout',
        'host.name': 'web-01',
        'otel.scope.name': 'OutSystems.Logs',
        'otel.scope.version': '11.0',
        'http.status_code': '502',
        retry: 'true',
        'user.id': 'u-1',
        'user.tier': 'gold',
        tags: ['a', '2'],
        severity: 'ERROR',
        severity_number: '17',
        trace_id: 'ab'.repeat(16),
        span_id: 'cd'.repeat(8),
      },
    });
    expect(second).toMatchObject({
      time: 1700000001,
      event: { message: 'ok', ms: 12.5 },
      fields: { severity: 'INFO' },
    });
  });

  it('uses a configured source instead of service.name', async () => {
    const server = await startHttpServer(hec());
    await sendTo(`${server.url}/services/collector`, { source: 'lifetime' });
    expect(server.requests[0]?.url).toBe('/services/collector/event');
    expect(events(server.requests[0]!)[0]?.source).toBe('lifetime');
  });

  it("explains HEC's own codes: an unknown token stops the stream", async () => {
    const server = await startHttpServer(hec());
    const result = await sendTo(server.url, {}, 'wrong-token-value');
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 403, stopSending: true });
    expect(result.kind === 'refused' && result.message).toMatch(/Invalid token \(code 4\)/);
    expect(result.kind === 'refused' && result.advice).toMatch(/Token Value/);
  });

  it('an index the token may not write to stops the stream with the fix', async () => {
    const server = await startHttpServer(
      hec((_req, res) =>
        json(res, 400, { text: 'Incorrect index', code: 7, 'invalid-event-number': 0 }),
      ),
    );
    const result = await sendTo(server.url, { index: 'secret' });
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 400, stopSending: true });
    expect(result.kind === 'refused' && result.advice).toMatch(/allowed indexes/);
  });

  it('indexer acknowledgement being on is a configuration problem', async () => {
    const server = await startHttpServer(
      hec((_req, res) => json(res, 400, { text: 'Data channel is missing', code: 10 })),
    );
    const result = await sendTo(server.url);
    expect(result).toMatchObject({ kind: 'refused', stopSending: true });
    expect(result.kind === 'refused' && result.advice).toMatch(/Indexer acknowledgement/);
  });

  it('a malformed batch is dead-lettered, a busy server retried', async () => {
    const bad = await startHttpServer(
      hec((_req, res) =>
        json(res, 400, { text: 'Invalid data format', code: 6, 'invalid-event-number': 1 }),
      ),
    );
    const refused = await sendTo(bad.url);
    expect(refused).toMatchObject({ kind: 'refused', stopSending: false });
    expect(refused.kind === 'refused' && refused.message).toMatch(/at event 1 of the batch/);
    const busy = await startHttpServer(
      hec((_req, res) =>
        json(res, 503, { text: 'Server is busy', code: 9 }, { 'retry-after': '3' }),
      ),
    );
    expect(await sendTo(busy.url)).toMatchObject({
      kind: 'retryable',
      httpStatus: 503,
      retryAfterMs: 3_000,
    });
  });
});
