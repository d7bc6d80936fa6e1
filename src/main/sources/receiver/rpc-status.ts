import {
  lengthDelimitedSize,
  stringFieldSize,
  varintSize,
  WireWriter,
} from '../../../shared/otlp/protobuf/writer';

/**
 * google.rpc.Status, the body OTLP/HTTP answers errors with and the
 * `grpc-status-details-bin` trailer of OTLP/gRPC:
 * `message Status { int32 code = 1; string message = 2; repeated Any details = 3; }`
 * Codes are gRPC's (https://grpc.github.io/grpc/core/md_doc_statuscodes.html).
 */
export const RpcCode = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
  UNIMPLEMENTED: 12,
} as const;

export interface RpcStatus {
  code: number;
  message: string;
  /**
   * google.rpc.RetryInfo's retry_delay, in milliseconds: how long a client
   * should wait before sending again (OTLP: a retryable refusal carries it).
   */
  retryDelayMs?: number;
}

const retryInfoTypeUrl = 'type.googleapis.com/google.rpc.RetryInfo';

/** google.protobuf.Duration { int64 seconds = 1; int32 nanos = 2; } */
function encodeDuration(ms: number): Uint8Array {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1_000_000);
  const size =
    (seconds !== 0 ? 1 + varintSize(seconds) : 0) + (nanos !== 0 ? 1 + varintSize(nanos) : 0);
  const w = new WireWriter(size);
  if (seconds !== 0) {
    w.tag(1, 0);
    w.varint(seconds);
  }
  if (nanos !== 0) {
    w.tag(2, 0);
    w.varint(nanos);
  }
  return w.buf;
}

/** google.protobuf.Any { string type_url = 1; bytes value = 2; } holding a RetryInfo { Duration retry_delay = 1; }. */
function encodeRetryInfoAny(ms: number): Uint8Array {
  const duration = encodeDuration(Math.max(0, ms));
  const retryInfoSize = lengthDelimitedSize(1, duration.length);
  const w = new WireWriter(
    stringFieldSize(retryInfoTypeUrl) + lengthDelimitedSize(1, retryInfoSize),
  );
  w.tag(1, 2);
  w.string(retryInfoTypeUrl);
  w.tag(2, 2);
  w.varint(retryInfoSize);
  w.tag(1, 2);
  w.bytes(duration);
  return w.buf;
}

export function encodeRpcStatus(status: RpcStatus): Uint8Array {
  const detail = status.retryDelayMs === undefined ? null : encodeRetryInfoAny(status.retryDelayMs);
  const size =
    (status.code !== 0 ? 1 + varintSize(status.code) : 0) +
    (status.message !== '' ? stringFieldSize(status.message) : 0) +
    (detail ? lengthDelimitedSize(1, detail.length) : 0);
  const w = new WireWriter(size);
  if (status.code !== 0) {
    w.tag(1, 0);
    w.varint(status.code);
  }
  if (status.message !== '') {
    w.tag(2, 2);
    w.string(status.message);
  }
  if (detail) {
    w.tag(3, 2);
    w.bytes(detail);
  }
  return w.buf;
}

/** The proto3 JSON mapping of a Status (details left out: OTLP/HTTP sends Retry-After instead). */
export function rpcStatusToJson(status: RpcStatus): string {
  return JSON.stringify({ code: status.code, message: status.message });
}
