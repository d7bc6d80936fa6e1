import { stringFieldSize, varintSize, WireWriter } from '../../../shared/otlp/protobuf/writer';

/**
 * google.rpc.Status, the body OTLP/HTTP answers errors with:
 * `message Status { int32 code = 1; string message = 2; repeated Any details = 3; }`
 * Codes are gRPC's (https://grpc.github.io/grpc/core/md_doc_statuscodes.html).
 */
export const RpcCode = {
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
}

export function encodeRpcStatus(status: RpcStatus): Uint8Array {
  const size =
    (status.code !== 0 ? 1 + varintSize(status.code) : 0) +
    (status.message !== '' ? stringFieldSize(status.message) : 0);
  const w = new WireWriter(size);
  if (status.code !== 0) {
    w.tag(1, 0);
    w.varint(status.code);
  }
  if (status.message !== '') {
    w.tag(2, 2);
    w.string(status.message);
  }
  return w.buf;
}

/** The proto3 JSON mapping of a Status (details left out: we send none). */
export function rpcStatusToJson(status: RpcStatus): string {
  return JSON.stringify({ code: status.code, message: status.message });
}
