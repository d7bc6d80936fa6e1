import { OTLPLogExporter as HttpJsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { appInternals } from '../../support/app-internals';
import { OTLPLogExporter as ProtobufExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  type LogRecordExporter,
} from '@opentelemetry/sdk-logs';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { afterEach, describe, expect, it } from 'vitest';
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
 * The official OpenTelemetry JS SDK as an independent client: whatever it
 * sends must arrive at the stream's destination, every record exactly once,
 * counted by a unique attribute.
 */

// The enum lives in a transitive package; its value is the string OTLP names.
type ExporterConfig = NonNullable<ConstructorParameters<typeof ProtobufExporter>[0]>;
const gzip = 'gzip' as ExporterConfig['compression'];

let h: Harness | null = null;
afterEach(async () => {
  await h?.engine.close();
  h = null;
});

async function emit(exporter: LogRecordExporter, run: string, count: number): Promise<void> {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': `sdk-${run}` }),
    processors: [
      new BatchLogRecordProcessor({
        exporter,
        maxQueueSize: count,
        maxExportBatchSize: 500,
        scheduledDelayMillis: 50,
      }),
    ],
  });
  const logger = provider.getLogger('receiver-test', '1.0.0');
  for (let i = 0; i < count; i++) {
    logger.emit({
      severityNumber: i % 7 === 0 ? SeverityNumber.ERROR : SeverityNumber.INFO,
      severityText: i % 7 === 0 ? 'ERROR' : 'INFO',
      body: `${run} record ${i}`,
      attributes: { 'test.id': `${run}-${i}`, 'test.index': i },
    });
  }
  await provider.forceFlush();
  await provider.shutdown();
}

async function receiverWithStream() {
  h = openHarness();
  const source = await addSource(h.engine, {
    name: 'SDK receiver',
    settings: { kind: 'otlp-receiver', host: '127.0.0.1', port: 0 },
  });
  await addStream(h.engine, [source.id]);
  return { source, url: await endpointOf(h.engine, source.id) };
}

describe('OTLP/HTTP receiver with the official OpenTelemetry JS SDK', () => {
  it('receives thousands of records from the protobuf exporter (gzip) and the JSON exporter', async () => {
    const { source, url } = await receiverWithStream();
    await emit(new ProtobufExporter({ url, compression: gzip }), 'proto', 3_000);
    await emit(new HttpJsonExporter({ url }), 'json', 2_000);
    await eventually(() => {
      expectEveryOnce(h!.sender, 'proto', 3_000);
      expectEveryOnce(h!.sender, 'json', 2_000);
    }, 20_000);
    const records = delivered(h!.sender);
    const first = records.find((r) => stringAttr(r, 'test.id') === 'proto-0')!;
    expect(first).toMatchObject({
      severityNumber: 17,
      severityText: 'ERROR',
      body: { kind: 'string', value: 'proto record 0' },
    });
    expect(appInternals(h!.engine).sourceManager.runtime(source.id)!.totals).toMatchObject({
      records: 5_000,
      refusedRequests: 0,
      unrouted: 0,
    });
  });

  it('loses nothing when the buffer pushes back: the SDK retries after 503 + Retry-After', async () => {
    const { source, url } = await receiverWithStream();
    const engine = h!.engine;
    const settings = engine.settings();
    appInternals(engine).settings.set({ ...settings, buffer: { capBytes: 1 } });
    const sending = emit(new ProtobufExporter({ url }), 'retry', 1_000);
    await eventually(() =>
      expect(appInternals(engine).sourceManager.runtime(source.id)!.state).toBe('backpressure'),
    );
    appInternals(engine).settings.set(settings); // room again
    await sending;
    await eventually(() => expectEveryOnce(h!.sender, 'retry', 1_000), 20_000);
    const totals = appInternals(engine).sourceManager.runtime(source.id)!.totals;
    expect(totals.records).toBe(1_000);
    expect(totals.refused).toBeGreaterThan(0);
  });
});
