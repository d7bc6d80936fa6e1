import {
  Metadata,
  Server,
  ServerCredentials,
  status as GrpcStatus,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { encodeExportResponse } from '../../../shared/otlp';
import type { OtlpGrpcReceiverSettings } from '../../../shared/api/sources';
import type { BearerCheck } from './bearer';
import { authority, ListeningReceiver, type ReceiverOptions } from './listening-receiver';
import { receiveExport } from './receive-export';
import { encodeRpcStatus, RpcCode } from './rpc-status';

export type GrpcReceiverOptions = ReceiverOptions<OtlpGrpcReceiverSettings>;

export const logsServicePath = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

const passThrough = (bytes: Buffer): Buffer => bytes;

/**
 * LogsService with the messages left as bytes: the request reaches the same
 * decoder as an OTLP/HTTP protobuf body (receiveExport), and the response is
 * encoded by the same encoder. No second protobuf schema.
 */
const logsService: ServiceDefinition = {
  Export: {
    path: logsServicePath,
    requestStream: false,
    responseStream: false,
    requestSerialize: passThrough,
    requestDeserialize: passThrough,
    responseSerialize: passThrough,
    responseDeserialize: passThrough,
  },
};

const codeNames: Record<number, string> = Object.fromEntries(
  Object.entries(GrpcStatus)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [v as number, k]),
);

/**
 * A refusal as OTLP/gRPC wants it: the code, a message, and the same
 * google.rpc.Status in `grpc-status-details-bin`, where a retryable refusal
 * carries a google.rpc.RetryInfo saying how long to wait.
 */
function refusal(code: number, message: string, retryDelayMs?: number) {
  const metadata = new Metadata();
  const status = { code, message, ...(retryDelayMs !== undefined ? { retryDelayMs } : {}) };
  metadata.set('grpc-status-details-bin', Buffer.from(encodeRpcStatus(status)));
  return { code, details: message, metadata };
}

/**
 * The OTLP/gRPC logs receiver (`@grpc/grpc-js`, without TLS, like the
 * Collector's default): gzip and deflate requests are inflated by grpc-js,
 * which refuses a message over `maxBodyBytes` (before or after inflating)
 * with RESOURCE_EXHAUSTED. Answers as the OTLP specification says: OK with
 * an ExportLogsServiceResponse (a partial success when records were not
 * stored) only after the commit; INVALID_ARGUMENT for a malformed request;
 * UNAUTHENTICATED without the bearer token; UNAVAILABLE with RetryInfo
 * while the buffer is full under `block` or the disk fails.
 */
export class GrpcReceiver extends ListeningReceiver<OtlpGrpcReceiverSettings> {
  private server: Server | null = null;

  protected async bind(bearer: BearerCheck | null): Promise<string> {
    const s = this.o.settings;
    const server = new Server({
      'grpc.max_receive_message_length': s.maxBodyBytes,
      // Answers are small; nothing larger should ever go out.
      'grpc.max_send_message_length': 4 * 1024 * 1024,
    });
    server.addService(logsService, {
      Export: (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) =>
        this.export(call, callback, bearer),
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(authority(s.host, s.port), ServerCredentials.createInsecure(), (err, p) => {
        if (!err) return resolve(p);
        server.forceShutdown(); // nothing listens; let go of what was set up
        reject(bindError(err));
      });
    });
    this.server = server;
    return `grpc://${authority(s.host, port)}`;
  }

  private export(
    call: ServerUnaryCall<Buffer, Buffer>,
    answer: sendUnaryData<Buffer>,
    bearer: BearerCheck | null,
  ): void {
    const started = performance.now();
    const callback: sendUnaryData<Buffer> = (...args) => {
      this.o.report.requestTook(performance.now() - started);
      answer(...args);
    };
    const refuse = (code: number, message: string, retryDelayMs?: number): void => {
      this.o.report.refusedRequest(`gRPC ${codeNames[code] ?? code}`, message);
      callback(refusal(code, message, retryDelayMs));
    };
    try {
      if (bearer) {
        const [authorization] = call.metadata.get('authorization');
        if (!bearer.allows(typeof authorization === 'string' ? authorization : undefined)) {
          return refuse(
            RpcCode.UNAUTHENTICATED,
            'This receiver requires the metadata "authorization: Bearer <token>" with the token set in its source settings.',
          );
        }
      }
      const outcome = receiveExport(call.request, 'protobuf', this.o);
      switch (outcome.kind) {
        case 'invalid':
          return refuse(RpcCode.INVALID_ARGUMENT, outcome.message);
        case 'too-large':
          // As for a message over the size limit; without RetryInfo, so it is not resent as is.
          return refuse(RpcCode.RESOURCE_EXHAUSTED, outcome.message);
        case 'unavailable':
          return refuse(RpcCode.UNAVAILABLE, outcome.message, outcome.retryAfterMs);
        case 'stored':
          return callback(null, Buffer.from(encodeExportResponse(outcome.response)));
      }
    } catch (err) {
      // A bug, not bad input: answer INTERNAL and keep serving.
      this.o.log.error('OTLP/gRPC receiver request failed', { error: (err as Error).stack });
      callback(refusal(RpcCode.INTERNAL, 'Internal error in the receiver.'));
    }
  }

  protected async unbind(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      // Calls in flight get a moment to finish (their records are committed
      // or not, and the client hears which), then they are cut.
      const force = setTimeout(() => server.forceShutdown(), 2_000);
      force.unref();
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}

/**
 * grpc-js reports a failed bind as "No address added out of total 1
 * resolved" with the system's reason inside: give it back its code so the
 * receiver says what is wrong (port in use, not an address of this machine).
 */
function bindError(err: Error): NodeJS.ErrnoException {
  const codes = ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN'];
  const code = codes.find((c) => err.message.includes(c));
  return Object.assign(new Error(err.message), code ? { code } : {});
}
