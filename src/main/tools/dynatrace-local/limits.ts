import {
  DYNATRACE_MAX_RECORDS_PER_REQUEST,
  DYNATRACE_OTLP_MAX_REQUEST_BYTES,
} from '../../../shared/dynatrace';

/**
 * The numbers the local endpoint enforces, with where they come from.
 */

/**
 * Largest request body, checked both as sent (compressed) and after gzip.
 * "OpenTelemetry logs ingest API: the maximum payload size of a single
 * request is 2 MB" (Dynatrace API - Access limit,
 * https://docs.dynatrace.com/docs/shortlink/api-access-limit). The page that
 * lists log limits in general (https://docs.dynatrace.com/docs/shortlink/lma-limits)
 * says 10 MB for the generic Log ingestion API; we take the figure given for
 * this very API. "2 MB" is read as 2,000,000 bytes, the smaller reading, as
 * the inspector, the profiles and the exporter's request limit read it
 * (src/shared/dynatrace/limits-data.ts): the local endpoint is never more
 * lenient than the tenant could be, and the exporter's 2,000,000-byte
 * batches fit exactly.
 */
export const DEFAULT_MAX_PAYLOAD_BYTES = DYNATRACE_OTLP_MAX_REQUEST_BYTES;

/** "Number of log records: 50,000 records per request" (LMA limits, as the mapper uses). */
export const MAX_RECORDS_PER_REQUEST = DYNATRACE_MAX_RECORDS_PER_REQUEST;

/**
 * Mapped records kept for GET /records. A kept record is a few hundred bytes
 * to a few kilobytes of JavaScript objects, so 10,000 stays in the tens of
 * megabytes however long a benchmark runs; the counters count everything.
 */
export const DEFAULT_KEEP_RECORDS = 10_000;

/**
 * After a body goes over the limit we keep reading (and discarding) up to this
 * much more, so the client gets its 413 instead of a broken pipe; past it the
 * connection is closed after the answer.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024;

/** Bodies of control requests (POST /_faults) are small JSON documents. */
export const MAX_CONTROL_BODY_BYTES = 64 * 1024;

/** GET /records pages. */
export const DEFAULT_PAGE = 1_000;
export const MAX_PAGE = 10_000;

/** Injected latency is for demos and tests: at most five minutes. */
export const MAX_LATENCY_MS = 300_000;
