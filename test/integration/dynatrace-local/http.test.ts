import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  av,
  createLogRecord,
  encodeExportRequest,
  kv,
  type ExportLogsServiceRequest,
} from '../../../src/shared/otlp';
import type { IngestEvent } from '../../../src/main/tools/dynatrace-local';
import { numberedRequest, numberedRequestBytes } from '../../support/otlp-records';
import { eventually } from '../../support/eventually';
import {
  AUTH_ORIGIN,
  HOUR_NS,
  NOW,
  TOKEN,
  control,
  postLogs,
  readRecords,
  startLocal,
} from './support';

function oneRecord(attributes = [kv('user', av.kvlist([kv('id', av.string('u-1'))]))]) {
  const request: ExportLogsServiceRequest = numberedRequest(0, 1, { recent: false });
  request.resourceLogs[0]!.scopeLogs[0]!.logRecords = [
    createLogRecord({ timeUnixNano: NOW - 1_000n, body: av.string('hello'), attributes }),
  ];
  return encodeExportRequest(request);
}

describe('accepting logs', () => {
  it('answers 200 with an empty protobuf ExportLogsServiceResponse and keeps the mapped records', async () => {
    const dt = await startLocal();
    const a = await postLogs(dt, numberedRequestBytes(0, 3, { recent: false }));
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/x-protobuf');
    expect(a.response()).toEqual({ partialSuccess: null });
    const page = await readRecords(dt);
    expect(page.records.map((r) => [r.id, r.content])).toEqual([
      [1, 'record-0'],
      [2, 'record-1'],
      [3, 'record-2'],
    ]);
    expect(page.records[0]).toMatchObject({
      timestamp: '2023-11-14T22:13:20.000000000Z',
      loglevel: 'INFO',
      attributes: { 'dt.auth.origin': AUTH_ORIGIN, 'service.name': 'checkout', n: 0 },
      request: {
        id: 1,
        path: '/api/v2/otlp/v1/logs',
        environment: null,
        model: 'flattened',
        contentEncoding: 'identity',
        records: 3,
        rejected: 0,
        authOrigin: AUTH_ORIGIN,
      },
    });
  });

  it('takes gzip and the /e/{environment} path', async () => {
    const dt = await startLocal();
    const body = numberedRequestBytes(0, 2, { recent: false });
    const a = await postLogs(dt, gzipSync(body), {
      path: '/e/abc12345/api/v2/otlp/v1/logs',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(a.status).toBe(200);
    const [first] = (await readRecords(dt)).records;
    expect(first?.request).toMatchObject({
      environment: 'abc12345',
      contentEncoding: 'gzip',
      bytes: body.length,
      wireBytes: gzipSync(body).length,
    });
  });

  it('maps with the structure parameter, then X-Dynatrace-Options, then the default model', async () => {
    const dt = await startLocal({ model: 'flattened' });
    await postLogs(dt, oneRecord());
    await postLogs(dt, oneRecord(), { path: '/api/v2/otlp/v1/logs?structure=raw' });
    await postLogs(dt, oneRecord(), { headers: { 'x-dynatrace-options': 'structure=raw' } });
    await postLogs(dt, oneRecord(), {
      path: '/api/v2/otlp/v1/logs?structure=flattened',
      headers: { 'x-dynatrace-options': 'structure=raw' },
    });
    const records = (await readRecords(dt)).records;
    expect(records.map((r) => r.request.model)).toEqual(['flattened', 'raw', 'raw', 'flattened']);
    expect(records[0]?.attributes['user.id']).toBe('u-1');
    expect(records[1]?.attributes.user).toBe('{"id": "u-1"}');
    expect(records[1]?.attributes['user.id']).toBeUndefined();
  });

  it('answers a partial success for records older than the log age limit', async () => {
    const dt = await startLocal();
    const request = numberedRequest(0, 3, { recent: false });
    const logRecords = request.resourceLogs[0]!.scopeLogs[0]!.logRecords;
    logRecords[0]!.timeUnixNano = NOW - 25n * HOUR_NS;
    logRecords[2]!.timeUnixNano = NOW - 48n * HOUR_NS;
    const a = await postLogs(dt, encodeExportRequest(request));
    expect(a.status).toBe(200);
    const partial = a.response().partialSuccess;
    expect(partial?.rejectedLogRecords).toBe(2n);
    expect(partial?.errorMessage).toMatch(
      /^2 of 3 log records rejected\. Record 0: Dynatrace discards records older than the log age limit of 24 hours; this one is .* old .*\(and 1 more\)\.$/,
    );
    expect((await readRecords(dt)).records.map((r) => r.content)).toEqual(['record-1']);
    expect(dt.stats()).toMatchObject({
      records: { accepted: 1, rejected: 2 },
      lastRejection: partial?.errorMessage,
    });
  });

  it('accepts an empty request (nothing to keep)', async () => {
    const dt = await startLocal();
    const a = await postLogs(dt, new Uint8Array(0));
    expect(a.status).toBe(200);
    expect(dt.records()).toEqual([]);
  });
});

describe('refusing requests as Dynatrace does, with an ErrorEnvelope', () => {
  it.each([
    ['no Authorization header', { noAuth: true }, 'Missing authorization parameter.'],
    [
      'a wrong token',
      { headers: { authorization: `Api-Token ${TOKEN.slice(0, -1)}X` } },
      'Token Authentication failed',
    ],
    [
      'another scheme',
      { headers: { authorization: `Bearer ${TOKEN}` } },
      "Unsupported authorization scheme 'Bearer'. This API requires 'Api-Token'.",
    ],
  ])('401 for %s', async (_name, options, message) => {
    const dt = await startLocal();
    const a = await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }), options);
    expect(a.status).toBe(401);
    expect(a.headers.get('content-type')).toMatch(/^application\/json/);
    expect(a.json()).toEqual({ error: { code: 401, message } });
    expect(dt.records()).toEqual([]);
  });

  it('415 for anything but application/x-protobuf, and for an unknown Content-Encoding', async () => {
    const dt = await startLocal();
    const body = numberedRequestBytes(0, 1, { recent: false });
    const json = await postLogs(dt, body, { headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    expect(json.json()).toEqual({
      error: {
        code: 415,
        message:
          "Unsupported Content-Type 'application/json': this API consumes application/x-protobuf only (a binary protobuf ExportLogsServiceRequest).",
      },
    });
    const br = await postLogs(dt, body, { headers: { 'content-encoding': 'br' } });
    expect(br.status).toBe(415);
    expect((br.json() as { error: { message: string } }).error.message).toMatch(/'br'/);
    const withCharset = await postLogs(dt, body, {
      headers: { 'content-type': 'Application/X-Protobuf; charset=binary' },
    });
    expect(withCharset.status).toBe(200);
  });

  it('400 naming what is wrong for malformed protobuf, bad gzip and a bad structure value', async () => {
    const dt = await startLocal();
    const garbage = await postLogs(dt, new Uint8Array([0x0a, 0xff]));
    expect(garbage.status).toBe(400);
    expect(garbage.json()).toEqual({
      error: {
        code: 400,
        message:
          'Malformed ExportLogsServiceRequest (binary protobuf): resourceLogs[0]: truncated input: varint at byte 1 runs past byte 2',
      },
    });
    const badGzip = await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }), {
      headers: { 'content-encoding': 'gzip' },
    });
    expect(badGzip.status).toBe(400);
    expect(badGzip.text()).toMatch(/not valid gzip/);
    const badModel = await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }), {
      path: '/api/v2/otlp/v1/logs?structure=nested',
    });
    expect(badModel.status).toBe(400);
    expect(badModel.text()).toContain("Invalid value 'nested' for the structure query parameter");
    expect(dt.stats().requests.byStatus).toEqual({ '400': 3 });
  });

  it('413 over the payload limit, as sent and after gunzip (a gzip bomb costs at most the limit)', async () => {
    const dt = await startLocal({ maxPayloadBytes: 64 * 1024 });
    const big = await postLogs(dt, new Uint8Array(64 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(big.json()).toEqual({
      error: {
        code: 413,
        message: 'Payload too large: the request body is 65,537 bytes; the limit is 65,536 bytes.',
      },
    });
    // 32 MiB of zeros is about 32 kB of gzip: small on the wire, far over the limit inflated.
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const inflated = await postLogs(dt, bomb, { headers: { 'content-encoding': 'gzip' } });
    expect(inflated.status).toBe(413);
    expect(inflated.text()).toContain('decompresses to more than 65,536 bytes');
    // A body exactly at the limit is fine as far as size goes (it is then not protobuf).
    const atLimit = await postLogs(dt, new Uint8Array(64 * 1024));
    expect(atLimit.status).not.toBe(413);
  });

  it('413 for more log records than one request may carry (50,000)', async () => {
    const dt = await startLocal({ maxPayloadBytes: 8 * 1024 * 1024 });
    const request = numberedRequest(0, 1, { recent: false });
    const record = createLogRecord({ timeUnixNano: NOW });
    request.resourceLogs[0]!.scopeLogs[0]!.logRecords = Array.from(
      { length: 50_001 },
      () => record,
    );
    const a = await postLogs(dt, encodeExportRequest(request));
    expect(a.status).toBe(413);
    expect(a.text()).toContain('more than 50,000 in one request, the limit');
    expect(dt.stats().records.accepted).toBe(0);
  });

  it('404 for other paths and 405 for other methods', async () => {
    const dt = await startLocal();
    const notFound = await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }), {
      path: '/v1/logs',
    });
    expect(notFound.status).toBe(404);
    expect(notFound.text()).toContain('Send OTLP logs to /api/v2/otlp/v1/logs');
    const get = await control(dt, 'GET', '/api/v2/otlp/v1/logs');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(get.json()).toMatchObject({ error: { code: 405 } });
  });

  it('checks the token before the body: a wrong token with garbage is 401, not 400', async () => {
    const dt = await startLocal();
    const a = await postLogs(dt, new Uint8Array([0xff]), { noAuth: true });
    expect(a.status).toBe(401);
  });

  it('keeps the connection usable after refusing an unread body', async () => {
    const dt = await startLocal();
    for (let i = 0; i < 3; i++) {
      expect(
        (await postLogs(dt, numberedRequestBytes(0, 50, { recent: false }), { noAuth: true }))
          .status,
      ).toBe(401);
      expect((await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }))).status).toBe(200);
    }
  });
});

describe('open mode (token: null)', () => {
  it('accepts any Api-Token, taking dt.auth.origin from a Dynatrace-shaped one', async () => {
    const dt = await startLocal({ token: null });
    expect(dt.token).toBeNull();
    const other = `dt0c01.${'O'.repeat(24)}.${'S'.repeat(64)}`;
    expect(
      (
        await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }), {
          headers: { authorization: `Api-Token ${other}` },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await postLogs(dt, numberedRequestBytes(1, 1, { recent: false }), {
          headers: { authorization: 'Api-Token demo' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await postLogs(dt, numberedRequestBytes(2, 1, { recent: false }), { noAuth: true })).status,
    ).toBe(401);
    const [a, b] = dt.records();
    expect(a?.attributes['dt.auth.origin']).toBe(`dt0c01.${'O'.repeat(24)}`);
    expect(b?.attributes['dt.auth.origin']).toBeUndefined();
  });
});

describe('onRequest', () => {
  it('reports one event per ingest request with its outcome, size and message', async () => {
    const events: IngestEvent[] = [];
    const dt = await startLocal({ onRequest: (e) => events.push(e) });
    const body = numberedRequestBytes(0, 2, { recent: false });
    await postLogs(dt, body);
    await postLogs(dt, body, { noAuth: true });
    dt.faults.failNext(1, { status: 502 });
    await postLogs(dt, body);
    dt.faults.resetNext(1);
    await expect(postLogs(dt, body)).rejects.toThrow();
    await eventually(() => expect(events).toHaveLength(4));
    expect(
      events.map((e) => [e.requestId, e.status, e.outcome, e.records, e.wireBytes, e.injected]),
    ).toEqual([
      [1, 200, 'answered', 2, body.length, false],
      [2, 401, 'answered', 0, body.length, false],
      [3, 502, 'answered', 0, body.length, true],
      [4, null, 'reset', 0, body.length, true],
    ]);
    expect(events[1]?.message).toBe('Missing authorization parameter.');
  });

  it('a listener that throws does not break the endpoint', async () => {
    const dt = await startLocal({
      onRequest: () => {
        throw new Error('listener bug');
      },
    });
    expect((await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }))).status).toBe(200);
    expect((await postLogs(dt, numberedRequestBytes(0, 1, { recent: false }))).status).toBe(200);
  });
});
