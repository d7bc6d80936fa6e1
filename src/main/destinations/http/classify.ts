import { STATUS_CODES } from 'node:http';
import type { Troubleshooting } from '../../../shared/destinations/definitions/types';
import type { SendResult } from '../sender';
import { parseRetryAfter } from './retry-after';

/**
 * An HTTP answer other than 2xx, classified as the OTLP/HTTP specification and
 * Dynatrace's ingest API (seed 004) say:
 * - 429, 502, 503, 504: retryable, honouring Retry-After;
 * - 413: too large (the exporter splits the batch);
 * - 401, 403, 404: refused, and the stream stops sending (every batch would
 *   fail the same way) until its configuration changes;
 * - 3xx: also stops sending: a redirect means the URL is wrong, and a
 *   redirected POST cannot be replayed safely;
 * - anything else (400, 500, ...): refused; the exporter dead-letters the batch.
 */

export interface HttpFailure {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Already cut and redacted. */
  responseBody: string | null;
}

export interface ClassifyContext {
  /** The tool's name, e.g. "Dynatrace". */
  label: string;
  troubleshooting: Troubleshooting;
  now?: number;
}

export const retryableStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);
export const stopSendingStatuses: ReadonlySet<number> = new Set([401, 403, 404]);

export function statusText(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

function header(headers: HttpFailure['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function adviceFor(status: number, t: Troubleshooting): string {
  if (status === 401) return t.unauthorized;
  if (status === 403) return t.forbidden;
  if (status === 404) return t.notFound;
  if (status === 413) return t.tooLarge;
  if (status === 400) return t.badRequest;
  if (status >= 500) return t.serverError;
  if (status === 429) {
    return 'The destination is rate limiting this account. Sluice waits as asked (Retry-After) and sends the same batch again.';
  }
  return "The response body may say more. Check the URL and the destination's documentation.";
}

export function classifyHttpFailure(f: HttpFailure, ctx: ClassifyContext): SendResult {
  const { status } = f;
  const what = `${ctx.label} answered ${statusText(status)}`;
  if (retryableStatuses.has(status)) {
    const retryAfterMs = parseRetryAfter(header(f.headers, 'retry-after'), ctx.now);
    return {
      kind: 'retryable',
      httpStatus: status,
      retryAfterMs,
      message:
        status === 429
          ? `${what}: too many requests.`
          : `${what}: the service is temporarily unavailable.`,
      advice:
        status === 429
          ? adviceFor(429, ctx.troubleshooting)
          : `${ctx.troubleshooting.serverError} Sluice sends the same batch again after a pause.`,
      responseBody: f.responseBody,
    };
  }
  if (status === 413) {
    return {
      kind: 'too-large',
      httpStatus: status,
      message: `${what}: the request is larger than it accepts.`,
      responseBody: f.responseBody,
    };
  }
  if (status >= 300 && status < 400) {
    const location = header(f.headers, 'location');
    return {
      kind: 'refused',
      httpStatus: status,
      message: `${what}: it redirects${location ? ` to ${location}` : ''} instead of accepting logs.`,
      advice: location
        ? `Use the address it redirects to in the stream's URL (check it is the right service first).`
        : 'Check the URL: it points at a page that moved, not at the ingest endpoint.',
      responseBody: f.responseBody,
      stopSending: true,
    };
  }
  let advice = adviceFor(status, ctx.troubleshooting);
  if (status >= 500) {
    advice +=
      ' The OTLP specification says not to retry this status: the batch is kept as a dead letter, to replay once the service is healthy.';
  }
  return {
    kind: 'refused',
    httpStatus: status,
    message: `${what}.`,
    advice,
    responseBody: f.responseBody,
    stopSending: stopSendingStatuses.has(status),
  };
}
