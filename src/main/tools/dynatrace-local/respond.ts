import type { ServerResponse } from 'node:http';
import { encodeExportResponse } from '../../../shared/otlp';

/**
 * The answers: Dynatrace's ErrorEnvelope for failures (seed 004: "4XX
 * ErrorEnvelope", "5XX ErrorEnvelope"), an ExportLogsServiceResponse in
 * protobuf for success (OTLP/HTTP answers in the request's encoding), JSON
 * for the control endpoints.
 */

export interface ErrorEnvelope {
  error: { code: number; message: string };
}

export function errorEnvelope(code: number, message: string): ErrorEnvelope {
  return { error: { code, message } };
}

export interface AnswerOptions {
  headers?: Record<string, string>;
  /** Close the connection after answering (the body was not read to its end). */
  close?: boolean;
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Uint8Array | string,
  options: AnswerOptions,
): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    'content-type': contentType,
    'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length,
    ...options.headers,
  };
  if (options.close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  options: AnswerOptions = {},
): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), options);
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  options: AnswerOptions = {},
): void {
  sendJson(res, status, errorEnvelope(status, message), options);
}

/** A body given by a fault: JSON when it parses as JSON, else plain text. */
export function sendRaw(
  res: ServerResponse,
  status: number,
  body: string,
  options: AnswerOptions = {},
): void {
  send(
    res,
    status,
    isJson(body) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    body,
    options,
  );
}

/** 200 with an ExportLogsServiceResponse; partial_success only when records were rejected. */
export function sendExportResponse(
  res: ServerResponse,
  rejected: number,
  errorMessage: string,
  options: AnswerOptions = {},
): void {
  const body = encodeExportResponse({
    partialSuccess: rejected > 0 ? { rejectedLogRecords: BigInt(rejected), errorMessage } : null,
  });
  send(res, 200, 'application/x-protobuf', body, options);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text, {});
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
