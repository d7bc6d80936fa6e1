import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  encodeExportResponse,
  exportResponseToJson,
  type ExportLogsServiceResponse,
  type OtlpEncoding,
} from '../../../shared/otlp';
import type { BearerCheck } from './bearer';
import { bodyCompression, requestEncoding, responseContentType } from './media-types';
import { readBody } from './read-body';
import { receiveExport, type ReceiveExportOptions } from './receive-export';
import { encodeRpcStatus, RpcCode, rpcStatusToJson } from './rpc-status';

export interface ExportHandlerOptions extends ReceiveExportOptions {
  maxBodyBytes: number;
  /** Set when the receiver requires a bearer token. */
  bearer: BearerCheck | null;
}

/** An error answer: the HTTP status, the Status body, and extra headers. */
interface Refusal {
  http: number;
  code: number;
  message: string;
  headers?: Record<string, string>;
}

export const logsPath = '/v1/logs';

/**
 * One OTLP/HTTP request, answered as the specification says: 200 with an
 * ExportLogsServiceResponse in the request's encoding (a partial success
 * when records were not stored), 400 with a google.rpc.Status naming what is
 * malformed, 401, 404, 405, 413, 415, and 503 with Retry-After while the
 * buffer is full under `block`. The answer is sent only after the records
 * are committed.
 */
export async function handleExport(
  req: IncomingMessage,
  res: ServerResponse,
  o: ExportHandlerOptions,
): Promise<void> {
  // Errors before the encoding is known are answered in JSON: readable by a person with curl.
  let encoding: OtlpEncoding = 'json';
  const refuse = (r: Refusal): void => {
    o.report.refusedRequest(`HTTP ${r.http}`, r.message);
    sendStatus(res, encoding, r);
  };

  const path = (req.url ?? '/').split('?')[0];
  if (path !== logsPath) {
    return refuse({
      http: 404,
      code: RpcCode.NOT_FOUND,
      message: `Nothing is served at ${path}: send logs with POST ${logsPath}.`,
    });
  }
  if (req.method !== 'POST') {
    return refuse({
      http: 405,
      code: RpcCode.UNIMPLEMENTED,
      message: `${logsPath} takes POST requests, not ${req.method}.`,
      headers: { Allow: 'POST' },
    });
  }
  if (o.bearer && !o.bearer.allows(req.headers.authorization)) {
    return refuse({
      http: 401,
      code: RpcCode.UNAUTHENTICATED,
      message:
        'This receiver requires "Authorization: Bearer <token>" with the token set in its source settings.',
      headers: { 'WWW-Authenticate': 'Bearer realm="sluice"' },
    });
  }
  const requested = requestEncoding(req.headers['content-type']);
  if (!requested) {
    return refuse({
      http: 415,
      code: RpcCode.INVALID_ARGUMENT,
      message: `Content-Type "${req.headers['content-type'] ?? ''}" is not supported: use application/x-protobuf or application/json.`,
    });
  }
  encoding = requested;
  const compression = bodyCompression(req.headers['content-encoding']);
  if (!compression) {
    return refuse({
      http: 415,
      code: RpcCode.INVALID_ARGUMENT,
      message: `Content-Encoding "${req.headers['content-encoding']}" is not supported: use gzip or none.`,
    });
  }

  const read = await readBody(req, { maxBytes: o.maxBodyBytes, gzip: compression === 'gzip' });
  if (read.kind === 'aborted') return;
  if (read.kind === 'too-large') {
    return refuse({
      http: 413,
      code: RpcCode.RESOURCE_EXHAUSTED,
      message: `The ${read.what} is larger than this receiver's limit of ${o.maxBodyBytes} bytes: send smaller batches.`,
      headers: { Connection: 'close' },
    });
  }
  if (read.kind === 'bad-gzip') {
    return refuse({
      http: 400,
      code: RpcCode.INVALID_ARGUMENT,
      message: `The body is not valid gzip data (${read.reason}).`,
    });
  }

  const outcome = receiveExport(read.body, encoding, o);
  if (outcome.kind === 'invalid') {
    return refuse({ http: 400, code: RpcCode.INVALID_ARGUMENT, message: outcome.message });
  }
  if (outcome.kind === 'too-large') {
    return refuse({ http: 413, code: RpcCode.RESOURCE_EXHAUSTED, message: outcome.message });
  }
  if (outcome.kind === 'unavailable') {
    return refuse({
      http: 503,
      code: RpcCode.UNAVAILABLE,
      message: outcome.message,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))) },
    });
  }
  send(res, 200, encoding, responseBody(outcome.response, encoding));
}

function responseBody(
  response: ExportLogsServiceResponse,
  encoding: OtlpEncoding,
): Uint8Array | string {
  return encoding === 'protobuf'
    ? encodeExportResponse(response)
    : JSON.stringify(exportResponseToJson(response));
}

function sendStatus(res: ServerResponse, encoding: OtlpEncoding, r: Refusal): void {
  const status = { code: r.code, message: r.message };
  const body = encoding === 'protobuf' ? encodeRpcStatus(status) : rpcStatusToJson(status);
  send(res, r.http, encoding, body, r.headers);
}

function send(
  res: ServerResponse,
  http: number,
  encoding: OtlpEncoding,
  body: Uint8Array | string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(http, {
    'Content-Type': responseContentType[encoding],
    'Content-Length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
    ...headers,
  });
  res.end(body);
}
