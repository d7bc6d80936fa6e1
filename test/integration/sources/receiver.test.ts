import { createServer } from 'node:http';
import { appInternals } from '../../support/app-internals';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/main/app/app';
import { decodeExportResponse, exportRequestToJson } from '../../../src/shared/otlp';
import { numberedRequest, numberedRequestBytes } from '../../support/otlp-records';
import { FakeMemoryTokenStore } from '../../support/memory-token-store';
import { eventually } from '../../support/scripted-sender';
import {
  addSource,
  addStream,
  decodeStatus,
  delivered,
  endpointOf,
  openHarness,
  type Harness,
} from './support';

let h: Harness | null = null;
afterEach(async () => {
  await h?.engine.close();
  h = null;
});

const receiver = (o: Record<string, unknown> = {}) => ({
  name: 'Receiver',
  settings: { kind: 'otlp-receiver' as const, host: '127.0.0.1', port: 0, ...o },
});

async function setup(o: Record<string, unknown> = {}, withStream = true) {
  h = openHarness();
  const source = await addSource(h.engine, receiver(o));
  if (withStream) await addStream(h.engine, [source.id]);
  return { engine: h.engine, source, url: await endpointOf(h.engine, source.id) };
}

async function post(url: string, body: Uint8Array | string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers, body });
  return {
    status: res.status,
    headers: res.headers,
    body: new Uint8Array(await res.arrayBuffer()),
  };
}
const protobufHeaders = { 'content-type': 'application/x-protobuf' };
const jsonHeaders = { 'content-type': 'application/json' };
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const runtime = (e: App, id: string) => appInternals(e).sourceManager.runtime(id)!;

describe('OTLP/HTTP receiver: accepting', () => {
  it('stores binary protobuf and answers an empty ExportLogsServiceResponse in protobuf', async () => {
    const { engine, source, url } = await setup();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/logs$/);
    const res = await post(url, numberedRequestBytes(1, 5), protobufHeaders);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect(decodeExportResponse(res.body)).toEqual({ partialSuccess: null });
    // Acknowledged only after the commit: the records are in the buffer now.
    await eventually(() => expect(delivered(h!.sender)).toHaveLength(5));
    expect(runtime(engine, source.id)).toMatchObject({
      state: 'running',
      totals: { records: 5, refused: 0, refusedRequests: 0, unrouted: 0 },
    });
  });

  it('stores OTLP/JSON and answers in JSON', async () => {
    const { url } = await setup();
    const body = JSON.stringify(exportRequestToJson(numberedRequest(1, 3)));
    const res = await post(url, body, { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(text(res.body))).toEqual({});
    await eventually(() =>
      expect(delivered(h!.sender).map((r) => r.body)).toEqual(
        [1, 2, 3].map((n) => ({ kind: 'string', value: `record-${n}` })),
      ),
    );
  });

  it('accepts gzip bodies of both encodings', async () => {
    const { url } = await setup();
    const pb = await post(url, gzipSync(numberedRequestBytes(1, 2)), {
      ...protobufHeaders,
      'content-encoding': 'gzip',
    });
    const json = await post(
      url,
      gzipSync(JSON.stringify(exportRequestToJson(numberedRequest(3, 2)))),
      {
        ...jsonHeaders,
        'content-encoding': 'gzip',
      },
    );
    expect([pb.status, json.status]).toEqual([200, 200]);
    await eventually(() => expect(delivered(h!.sender)).toHaveLength(4));
  });

  it('answers a partial success naming the problem when no stream reads the source', async () => {
    const { engine, source, url } = await setup({}, false);
    expect(runtime(engine, source.id).state).toBe('idle');
    const res = await post(url, numberedRequestBytes(1, 7), protobufHeaders);
    expect(res.status).toBe(200);
    const answer = decodeExportResponse(res.body);
    expect(answer.partialSuccess?.rejectedLogRecords).toBe(7n);
    expect(answer.partialSuccess?.errorMessage).toMatch(/No stream reads the source "Receiver"/);
    const json = await post(
      url,
      JSON.stringify(exportRequestToJson(numberedRequest(1, 2))),
      jsonHeaders,
    );
    expect(JSON.parse(text(json.body))).toEqual({
      partialSuccess: { rejectedLogRecords: '2', errorMessage: expect.any(String) },
    });
    expect(runtime(engine, source.id).totals).toMatchObject({ records: 0, unrouted: 9 });
  });
});

describe('OTLP/HTTP receiver: refusing', () => {
  it('answers 400 with a google.rpc.Status in the request encoding, naming what is malformed', async () => {
    const { engine, source, url } = await setup();
    // resourceLogs declares 40 bytes but carries 2.
    const pb = await post(url, new Uint8Array([0x0a, 40, 1, 2]), protobufHeaders);
    expect(pb.status).toBe(400);
    expect(pb.headers.get('content-type')).toBe('application/x-protobuf');
    const status = decodeStatus(pb.body);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/not a valid OTLP protobuf ExportLogsServiceRequest/);
    expect(status.message).toMatch(/truncated/);

    const bad = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: 'noon' }] }] }] };
    const json = await post(url, JSON.stringify(bad), jsonHeaders);
    expect(json.status).toBe(400);
    expect(JSON.parse(text(json.body))).toEqual({
      code: 3,
      message: expect.stringContaining('resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano'),
    });
    expect(runtime(engine, source.id)).toMatchObject({
      totals: { records: 0, refusedRequests: 2 },
      message: expect.stringContaining('Last refused request: HTTP 400'),
    });
  });

  it('answers 415 for other content types and encodings', async () => {
    const { url } = await setup();
    expect((await post(url, 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    const br = await post(url, numberedRequestBytes(1, 1), {
      ...protobufHeaders,
      'content-encoding': 'br',
    });
    expect(br.status).toBe(415);
    expect(decodeStatus(br.body).message).toMatch(/use gzip or none/);
  });

  it('answers 413 for a body over the limit, and for a gzip bomb, without inflating it all', async () => {
    const { url } = await setup({ maxBodyBytes: 256 * 1024 });
    const big = numberedRequestBytes(1, 4_000, { body: () => 'x'.repeat(100) });
    expect(big.length).toBeGreaterThan(256 * 1024);
    expect((await post(url, big, protobufHeaders)).status).toBe(413);
    // 64 KiB of gzip that inflates to 64 MiB.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(256 * 1024);
    const res = await post(url, bomb, { ...protobufHeaders, 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(decodeStatus(res.body).message).toMatch(
      /decompressed body is larger than .* 262144 bytes/,
    );
    // Still serving.
    expect((await post(url, numberedRequestBytes(1, 1), protobufHeaders)).status).toBe(200);
  });

  it('answers 400 for a body that is not gzip although it says so', async () => {
    const { url } = await setup();
    const res = await post(url, numberedRequestBytes(1, 1), {
      ...protobufHeaders,
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(400);
    expect(decodeStatus(res.body).message).toMatch(/not valid gzip/);
  });

  it('answers 404 elsewhere and 405 for other methods', async () => {
    const { url } = await setup();
    expect((await post(url.replace('/v1/logs', '/v1/traces'), 'x', protobufHeaders)).status).toBe(
      404,
    );
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers 503 with Retry-After while the buffer is full under block, and stores nothing', async () => {
    const { engine, source, url } = await setup();
    appInternals(engine).settings.set({
      ...engine.settings(),
      buffer: { capBytes: 1 },
    }); // full at once
    const res = await post(url, numberedRequestBytes(1, 4), protobufHeaders);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(decodeStatus(res.body).code).toBe(14);
    expect(runtime(engine, source.id)).toMatchObject({
      state: 'backpressure',
      totals: { records: 0, refused: 4, refusedRequests: 1 },
    });
    const logged = appInternals(engine).eventLog.list({
      streamId: null,
      beforeId: null,
      kinds: [],
      limit: 10,
    });
    expect(logged.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/Source "Receiver": The buffer is full/),
    );
  });

  it('answers a partial success for records that did not fit under drop-oldest', async () => {
    const { engine, source, url } = await setup();
    await engine.updateSource(source.id, { ...source, fullPolicy: 'drop-oldest' }, {});
    await appInternals(engine).sourceManager.sync(engine.listSources());
    appInternals(engine).settings.set({
      ...engine.settings(),
      buffer: { capBytes: 1 },
    });
    const res = await post(url, numberedRequestBytes(1, 3), protobufHeaders);
    expect(res.status).toBe(200);
    const answer = decodeExportResponse(res.body);
    expect(answer.partialSuccess?.rejectedLogRecords).toBe(3n);
    expect(answer.partialSuccess?.errorMessage).toMatch(/drops records/);
    expect(runtime(engine, source.id).totals).toMatchObject({ records: 0, dropped: 3 });
  });
});

describe('OTLP/HTTP receiver: bearer token', () => {
  it('requires the token from the keychain when configured, and warns beyond loopback', async () => {
    h = openHarness();
    const source = await addSource(h.engine, receiver({ requireToken: true }), {
      token: 's3cret-token',
    });
    await addStream(h.engine, [source.id]);
    expect(source.credentials.token).toEqual({ set: true, hint: null });
    const url = await endpointOf(h.engine, source.id);
    const none = await post(url, numberedRequestBytes(1, 1), protobufHeaders);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await post(url, numberedRequestBytes(1, 1), {
      ...protobufHeaders,
      authorization: 'Bearer nope',
    });
    expect(wrong.status).toBe(401);
    const right = await post(url, numberedRequestBytes(1, 1), {
      ...protobufHeaders,
      authorization: 'Bearer s3cret-token',
    });
    expect(right.status).toBe(200);
    expect(JSON.stringify(h.engine.listSources())).not.toContain('s3cret-token');
    expect(runtime(h.engine, source.id).warning).toBeNull();
  });

  it('does not listen, and says why, when its token cannot be read', async () => {
    const tokens = new FakeMemoryTokenStore();
    h = openHarness({ tokens });
    const source = await addSource(h.engine, receiver({ requireToken: true }), { token: 't' });
    await endpointOf(h.engine, source.id);
    tokens.values.clear();
    await appInternals(h.engine).sourceManager.sync(h.engine.listSources(), [source.id]);
    expect(runtime(h.engine, source.id)).toMatchObject({
      state: 'error',
      endpoint: null,
      message: expect.stringContaining('the token is missing from the OS keychain'),
    });
    tokens.available = false;
    await appInternals(h.engine).sourceManager.sync(h.engine.listSources(), [source.id]);
    expect(runtime(h.engine, source.id).message).toMatch(/^The OS keychain did not answer/);
  });

  it('shows a warning when listening beyond loopback', async () => {
    h = openHarness();
    const source = await addSource(h.engine, receiver({ host: '0.0.0.0' }));
    await endpointOf(h.engine, source.id);
    expect(runtime(h.engine, source.id).warning).toMatch(/turn on "Require a token"/);
  });
});

describe('OTLP/HTTP receiver: lifecycle', () => {
  it('reports a port in use, keeps trying, and listens once the port is free', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    h = openHarness();
    const source = await addSource(h.engine, receiver({ port }));
    expect(runtime(h.engine, source.id)).toMatchObject({
      state: 'error',
      message: expect.stringContaining('another program uses this port'),
    });
    await new Promise<void>((r) => blocker.close(() => r()));
    expect(await endpointOf(h.engine, source.id)).toBe(`http://127.0.0.1:${port}/v1/logs`);
    expect(runtime(h.engine, source.id).state).toBe('idle');
  });

  it('moves to a new port when edited, and stops listening when deleted', async () => {
    const { engine, source, url } = await setup({}, false);
    await engine.updateSource(source.id, { ...source, name: 'Renamed' }, {});
    await appInternals(engine).sourceManager.sync(engine.listSources());
    const moved = await endpointOf(engine, source.id);
    expect((await post(moved, numberedRequestBytes(1, 1), protobufHeaders)).status).toBe(200);
    await engine.deleteSource(source.id);
    await appInternals(engine).sourceManager.sync(engine.listSources());
    await expect(post(url, numberedRequestBytes(1, 1), protobufHeaders)).rejects.toThrow();
    await expect(post(moved, numberedRequestBytes(1, 1), protobufHeaders)).rejects.toThrow();
  });
});
