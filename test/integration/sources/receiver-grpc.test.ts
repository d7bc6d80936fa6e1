import { createServer } from 'node:net';
import { appInternals } from '../../support/app-internals';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Metadata } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeExportResponse } from '../../../src/shared/otlp';
import { numberedRequestBytes } from '../../support/otlp-records';
import { FakeMemoryTokenStore } from '../../support/memory-token-store';
import {
  ExportResultCode,
  OTLPLogExporter,
  rawExport,
  sdkExport,
  sdkRecords,
  sdkUrl,
  statusDetails,
} from '../../support/otlp-grpc';
import { eventually } from '../../support/scripted-sender';
import {
  addSource,
  addStream,
  delivered,
  endpointOf,
  expectEveryOnce,
  openHarness,
  stringAttr,
  type Harness,
} from './support';

/**
 * The OTLP/gRPC receiver, with the official OpenTelemetry JS SDK's gRPC
 * exporter as the client (and plain grpc-js calls for what no SDK sends).
 */

let h: Harness | null = null;
const exporters: OTLPLogExporter[] = [];
afterEach(async () => {
  for (const e of exporters.splice(0)) await e.shutdown();
  await h?.engine.close();
  h = null;
});

type ExporterConfig = NonNullable<ConstructorParameters<typeof OTLPLogExporter>[0]>;

function exporter(endpoint: string, o: Partial<ExporterConfig> = {}): OTLPLogExporter {
  const e = new OTLPLogExporter({ url: sdkUrl(endpoint), ...o });
  exporters.push(e);
  return e;
}

async function setup(settings: Record<string, unknown> = {}, o: { stream?: boolean } = {}) {
  h = openHarness({ tokens: new FakeMemoryTokenStore() });
  const credentials: Record<string, string> = settings.requireToken ? { token: 'grpc-secret' } : {};
  const source = await addSource(
    h.engine,
    {
      name: 'gRPC receiver',
      settings: { kind: 'otlp-grpc-receiver', host: '127.0.0.1', port: 0, ...settings },
    },
    credentials,
  );
  if (o.stream !== false) await addStream(h.engine, [source.id]);
  return { engine: h.engine, source, endpoint: await endpointOf(h.engine, source.id) };
}

const runtime = (id: string) => appInternals(h!.engine).sourceManager.runtime(id)!;

describe('OTLP/gRPC receiver with the official OpenTelemetry JS SDK', () => {
  it('stores what the SDK exports, gzip or not, and answers OK only after the commit', async () => {
    const { source, endpoint } = await setup();
    expect(endpoint).toMatch(/^grpc:\/\/127\.0\.0\.1:\d+$/);
    const gzip = exporter(endpoint, { compression: 'gzip' as ExporterConfig['compression'] });
    const plain = exporter(endpoint);
    for (let batch = 0; batch < 6; batch++) {
      const result = await sdkExport(batch % 2 ? plain : gzip, sdkRecords('sdk', batch * 500, 500));
      expect(result.code).toBe(ExportResultCode.SUCCESS);
      // OK means committed: the buffer already holds every record of the batch.
      expect(runtime(source.id).totals.records).toBe((batch + 1) * 500);
    }
    await eventually(() => expectEveryOnce(h!.sender, 'sdk', 3_000), 20_000);
    const first = delivered(h!.sender).find((r) => stringAttr(r, 'test.id') === 'sdk-0')!;
    expect(first.body).toEqual({ kind: 'string', value: 'sdk record 0' });
    expect(runtime(source.id)).toMatchObject({
      state: 'running',
      totals: { records: 3_000, refusedRequests: 0, unrouted: 0 },
    });
  });

  it('answers UNAVAILABLE with RetryInfo while the buffer is full under block, and loses nothing the SDK was told was stored', async () => {
    const { source, endpoint } = await setup();
    const engine = h!.engine;
    const settings = engine.settings();
    const sdk = exporter(endpoint);
    expect((await sdkExport(sdk, sdkRecords('full', 0, 100))).code).toBe(ExportResultCode.SUCCESS);
    appInternals(engine).settings.set({ ...settings, buffer: { capBytes: 1 } });

    const refused = await sdkExport(sdk, sdkRecords('full', 100, 100));
    expect(refused.code).toBe(ExportResultCode.FAILED);
    const error = refused.error as Error & { code?: number; metadata?: never };
    expect(error.code).toBe(14); // UNAVAILABLE: retryable, as the OTLP specification says
    // The SDK keeps the trailers on its error; read the RetryInfo a client should honour.
    const raw = await rawExport(endpoint, numberedRequestBytes(1, 3));
    expect(raw.ok).toBe(false);
    if (raw.ok) return;
    expect(raw.code).toBe(14);
    expect(raw.details).toMatch(/buffer is full/);
    const details = statusDetails(raw.metadata)!;
    expect(details).toMatchObject({ code: 14, message: expect.stringMatching(/buffer is full/) });
    expect(details.retryDelayMs).toBeGreaterThan(0);
    expect(runtime(source.id).state).toBe('backpressure');

    appInternals(engine).settings.set(settings); // room again: the client resends what was refused
    expect((await sdkExport(sdk, sdkRecords('full', 100, 100))).code).toBe(
      ExportResultCode.SUCCESS,
    );
    await eventually(() => expectEveryOnce(h!.sender, 'full', 200), 20_000);
    const totals = runtime(source.id).totals;
    expect(totals.records).toBe(200);
    expect(totals.refused).toBe(103);
    expect(totals.refusedRequests).toBe(2);
  });

  it('requires the bearer token when configured: UNAUTHENTICATED without it, OK with it', async () => {
    const { source, endpoint } = await setup({ requireToken: true });
    const without = await sdkExport(exporter(endpoint), sdkRecords('auth', 0, 5));
    expect(without.code).toBe(ExportResultCode.FAILED);
    expect((without.error as { code?: number }).code).toBe(16);
    const wrong = await rawExport(endpoint, numberedRequestBytes(1, 2), {
      authorization: 'Bearer nope',
    });
    expect(wrong).toMatchObject({ ok: false, code: 16 });

    const metadata = new Metadata();
    metadata.set('authorization', 'Bearer grpc-secret');
    const withToken = exporter(endpoint, { metadata });
    expect((await sdkExport(withToken, sdkRecords('auth', 0, 5))).code).toBe(
      ExportResultCode.SUCCESS,
    );
    await eventually(() => expectEveryOnce(h!.sender, 'auth', 5));
    expect(runtime(source.id).totals).toMatchObject({ records: 5, refusedRequests: 2 });
    expect(runtime(source.id).message).toMatch(/Last refused request: gRPC UNAUTHENTICATED/);
  });
});

describe('OTLP/gRPC receiver: what no SDK sends', () => {
  it('answers INVALID_ARGUMENT with a message for a malformed request, and stores nothing', async () => {
    const { source, endpoint } = await setup();
    const answer = await rawExport(endpoint, Uint8Array.from([0x0a, 0xff, 0xff, 0xff]));
    expect(answer).toMatchObject({ ok: false, code: 3 });
    if (answer.ok) return;
    expect(answer.details).toMatch(/not a valid OTLP protobuf ExportLogsServiceRequest/);
    expect(statusDetails(answer.metadata)).toMatchObject({ code: 3, retryDelayMs: null });
    expect(runtime(source.id).totals).toMatchObject({ records: 0, refusedRequests: 1 });
  });

  it('reports a partial success when no stream reads the source', async () => {
    const { source, endpoint } = await setup({}, { stream: false });
    const answer = await rawExport(endpoint, numberedRequestBytes(1, 4));
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(decodeExportResponse(answer.response).partialSuccess).toEqual({
      rejectedLogRecords: 4n,
      errorMessage: expect.stringContaining('No stream reads the source "gRPC receiver"'),
    });
    expect(runtime(source.id).totals).toMatchObject({ records: 0, unrouted: 4 });
  });

  it('refuses a message over its size limit with RESOURCE_EXHAUSTED, compressed or not', async () => {
    const { source, endpoint } = await setup({ maxBodyBytes: 4096 });
    const big = numberedRequestBytes(1, 400);
    expect(big.length).toBeGreaterThan(4096);
    const answer = await rawExport(endpoint, big);
    expect(answer).toMatchObject({ ok: false, code: 8 });
    // A gzip bomb: small on the wire, over the limit once inflated.
    expect(gzipSync(big).length).toBeLessThan(4096);
    const sdk = exporter(endpoint, { compression: 'gzip' as ExporterConfig['compression'] });
    const result = await sdkExport(sdk, sdkRecords('big', 0, 400));
    expect((result.error as { code?: number }).code).toBe(8);
    expect(runtime(source.id).totals.records).toBe(0);
  });
});

describe('OTLP/gRPC receiver: listening', () => {
  it('says so when its port is taken, and listens once it is free', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    h = openHarness();
    const source = await addSource(h.engine, {
      name: 'gRPC receiver',
      settings: { kind: 'otlp-grpc-receiver', host: '127.0.0.1', port },
    });
    await eventually(() =>
      expect(runtime(source.id)).toMatchObject({
        state: 'error',
        message: expect.stringContaining('another program uses this port'),
      }),
    );
    await new Promise((r) => blocker.close(r));
    expect(await endpointOf(h.engine, source.id)).toBe(`grpc://127.0.0.1:${port}`);
    expect(runtime(source.id).state).toBe('idle');
  });
});
