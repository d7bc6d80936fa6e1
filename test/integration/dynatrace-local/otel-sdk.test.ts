import { context, trace, TraceFlags } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import type { DynatraceLocal, KeptRecord } from '../../../src/main/tools/dynatrace-local';
import { AUTH_ORIGIN, TOKEN, readRecords, startLocal } from './support';

/**
 * The official OpenTelemetry JS SDK and its OTLP/HTTP protobuf exporter as an
 * independent client: what it sends, configured as Dynatrace's documentation
 * says (URL, Authorization: Api-Token, gzip), must be accepted and read back
 * field by field as Dynatrace would store it.
 */

type ExporterConfig = NonNullable<ConstructorParameters<typeof OTLPLogExporter>[0]>;

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const DAY_S = 86_400;

function exporterFor(dt: DynatraceLocal, token = TOKEN): OTLPLogExporter {
  return new OTLPLogExporter({
    url: dt.url,
    headers: { Authorization: `Api-Token ${token}` },
    compression: 'gzip' as ExporterConfig['compression'],
    timeoutMillis: 10_000,
  });
}

/** Real time, so the SDK's records are within Dynatrace's 24-hour log age limit. */
const realNow = () => BigInt(Date.now()) * 1_000_000n;

function rfc3339(seconds: number, nanos: number): string {
  return new Date(seconds * 1000)
    .toISOString()
    .replace('.000Z', `.${String(nanos).padStart(9, '0')}Z`);
}

/** Emits three records through a LoggerProvider; returns what the SDK made of them too. */
async function emitThree(exporter: OTLPLogExporter, base: number): Promise<ReadableLogRecord[]> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({
      'service.name': 'checkout',
      'service.version': '1.2.3',
      'host.cores': 8,
    }),
    processors: [
      new BatchLogRecordProcessor({ exporter }),
      new SimpleLogRecordProcessor({ exporter: memory }),
    ],
  });
  const logger = provider.getLogger('com.example.orders', '2.0.0');
  const spanContext = trace.setSpanContext(context.active(), {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
  });
  logger.emit({
    timestamp: [base, 123_456_789],
    severityNumber: 9,
    severityText: 'INFO',
    body: 'order placed',
    attributes: { 'order.id': 42, 'order.total': 19.99, vip: false, tags: ['a', 'b'] },
    context: spanContext,
  });
  logger.emit({
    timestamp: [base + 1, 1],
    severityNumber: 17,
    body: { message: 'payment failed', code: -7, details: { retryable: true } },
  });
  // Two days old: past the log age limit, so Dynatrace rejects it.
  logger.emit({ timestamp: [base - 2 * DAY_S, 0], severityText: 'WARN', body: 'stale' });
  await provider.forceFlush();
  const made = memory.getFinishedLogRecords();
  await provider.shutdown();
  return made;
}

function fields(r: KeptRecord | undefined) {
  return (
    r && {
      timestamp: r.timestamp,
      loglevel: r.loglevel,
      content: r.content,
      attributes: r.attributes,
    }
  );
}

describe('the official OpenTelemetry JS SDK (OTLP/HTTP protobuf exporter) as a client', () => {
  it('is accepted, and its records read back field by field as Dynatrace stores them', async () => {
    const dt = await startLocal({ now: realNow });
    const base = Math.floor(Date.now() / 1000) - 60;
    const made = await emitThree(exporterFor(dt), base);
    // The resource as the SDK really sent it (it may add telemetry.sdk.* to ours).
    const resource = made[0]!.resource.attributes;
    expect(resource['service.name']).toBe('checkout');

    const page = await readRecords(dt);
    expect(page.records).toHaveLength(2);
    const [placed, failed] = page.records;
    expect(fields(placed)).toEqual({
      timestamp: rfc3339(base, 123_456_789),
      loglevel: 'INFO',
      content: 'order placed',
      attributes: {
        trace_id: TRACE_ID,
        span_id: SPAN_ID,
        'dt.auth.origin': AUTH_ORIGIN,
        ...resource,
        'order.id': 42,
        'order.total': 19.99,
        vip: false,
        tags: ['a', 'b'],
      },
    });
    // Flattened model (the default): the kvlist body gives content and attributes.
    expect(fields(failed)).toEqual({
      timestamp: rfc3339(base + 1, 1),
      loglevel: 'ERROR',
      content: 'payment failed',
      attributes: {
        'dt.auth.origin': AUTH_ORIGIN,
        ...resource,
        code: -7,
        'details.retryable': true,
      },
    });
    expect(placed?.request).toMatchObject({
      contentEncoding: 'gzip',
      model: 'flattened',
      records: 3,
      rejected: 1,
      authOrigin: AUTH_ORIGIN,
    });
    expect(dt.stats()).toMatchObject({
      requests: { total: 1, byStatus: { '200': 1 } },
      records: { accepted: 2, rejected: 1 },
    });
    expect(dt.stats().lastRejection).toMatch(/Record 2: .*log age limit/);
  });

  it('reports success to the SDK for a partial success, and failure for a wrong token', async () => {
    const dt = await startLocal({ now: realNow });
    const base = Math.floor(Date.now() / 1000) - 60;
    const memory = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      processors: [new SimpleLogRecordProcessor({ exporter: memory })],
    });
    provider.getLogger('t').emit({ timestamp: [base, 0], body: 'one' });
    provider.getLogger('t').emit({ timestamp: [base - 2 * DAY_S, 0], body: 'too old' });
    const records = memory.getFinishedLogRecords();

    const exportWith = (exporter: OTLPLogExporter) =>
      new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(records, resolve));
    const ok = await exportWith(exporterFor(dt));
    expect(ok.code).toBe(0); // ExportResultCode.SUCCESS
    expect(dt.stats().records).toMatchObject({ accepted: 1, rejected: 1 });

    const refused = await exportWith(exporterFor(dt, `dt0c01.${'W'.repeat(24)}.${'X'.repeat(64)}`));
    expect(refused.code).toBe(1); // ExportResultCode.FAILED
    expect(dt.stats().requests.byStatus['401']).toBe(1);
    expect(dt.stats().records.accepted).toBe(1);
    await provider.shutdown();
  });
});
