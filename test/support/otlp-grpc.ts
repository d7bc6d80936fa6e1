import { credentials, Client, Metadata, type ServiceError } from '@grpc/grpc-js';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  LoggerProvider,
  type LogRecordProcessor,
  type ReadableLogRecord,
  type SdkLogRecord,
} from '@opentelemetry/sdk-logs';
import protobuf from 'protobufjs';

/**
 * OTLP/gRPC clients for tests: the official OpenTelemetry JS SDK's exporter,
 * and a plain grpc-js client for requests no SDK sends (malformed, too large).
 */

export const logsExportPath = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

/** grpc://host:port, as a receiver's runtime reports it, to the SDK's http://host:port. */
export function sdkUrl(endpoint: string): string {
  return endpoint.replace(/^grpc:/, 'http:');
}

/**
 * Records made by the SDK's own LoggerProvider, kept for export: `test.id`
 * is `${run}-${i}` and the integer attribute `n` is i (what
 * startRecordingServer counts).
 */
export function sdkRecords(run: string, from: number, count: number): ReadableLogRecord[] {
  const kept: SdkLogRecord[] = [];
  const capture: LogRecordProcessor = {
    onEmit: (r) => void kept.push(r),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': `grpc-${run}` }),
    processors: [capture],
  });
  const logger = provider.getLogger('grpc-test', '1.0.0');
  for (let i = from; i < from + count; i++) {
    logger.emit({ body: `${run} record ${i}`, attributes: { 'test.id': `${run}-${i}`, n: i } });
  }
  return kept;
}

/** The SDK's ExportResult (its enum lives in a transitive package: SUCCESS is 0, FAILED 1). */
export type ExportResult = Parameters<Parameters<OTLPLogExporter['export']>[1]>[0];
export const ExportResultCode = { SUCCESS: 0, FAILED: 1 } as const;

/** One export by the SDK's gRPC exporter; resolves with its result (SUCCESS or FAILED + error). */
export function sdkExport(
  exporter: OTLPLogExporter,
  records: ReadableLogRecord[],
): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(records, resolve));
}

export { OTLPLogExporter };

/** What a plain gRPC call answered: the response bytes, or the error with its trailers. */
export type RawAnswer =
  { ok: true; response: Buffer } | { ok: false; code: number; details: string; metadata: Metadata };

/** One unary LogsService/Export call with the message given as bytes. */
export function rawExport(
  endpoint: string,
  message: Uint8Array,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const client = new Client(endpoint.replace(/^grpc:\/\//, ''), credentials.createInsecure());
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(headers)) metadata.set(k, v);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      logsExportPath,
      (b: Uint8Array) => Buffer.from(b),
      (b: Buffer) => b,
      message,
      metadata,
      (err: ServiceError | null, response?: Buffer) => {
        client.close();
        resolve(
          err
            ? { ok: false, code: err.code, details: err.details, metadata: err.metadata }
            : { ok: true, response: response! },
        );
      },
    );
  });
}

/** google.rpc.Status with its details, declared here independently of the receiver's encoder. */
const root = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: {
              fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } },
            },
            Duration: {
              fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } },
            },
          },
        },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
                details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 },
              },
            },
            RetryInfo: { fields: { retry_delay: { type: 'google.protobuf.Duration', id: 1 } } },
          },
        },
      },
    },
  },
});
const statusType = root.lookupType('google.rpc.Status');
const retryInfoType = root.lookupType('google.rpc.RetryInfo');

export interface StatusDetails {
  code: number;
  message: string;
  /** From a google.rpc.RetryInfo detail, if there is one. */
  retryDelayMs: number | null;
}

/** The `grpc-status-details-bin` trailer, decoded; null when the answer has none. */
export function statusDetails(metadata: Metadata): StatusDetails | null {
  const [bin] = metadata.get('grpc-status-details-bin');
  if (!(bin instanceof Buffer)) return null;
  const status = statusType.toObject(statusType.decode(bin), { defaults: true, longs: Number }) as {
    code: number;
    message: string;
    details: { type_url: string; value: Uint8Array }[];
  };
  const retry = status.details.find(
    (d) => d.type_url === 'type.googleapis.com/google.rpc.RetryInfo',
  );
  let retryDelayMs: number | null = null;
  if (retry) {
    const info = retryInfoType.toObject(retryInfoType.decode(retry.value), {
      defaults: true,
      longs: Number,
    }) as { retry_delay: { seconds: number; nanos: number } };
    retryDelayMs = info.retry_delay.seconds * 1000 + info.retry_delay.nanos / 1e6;
  }
  return { code: status.code, message: status.message, retryDelayMs };
}
