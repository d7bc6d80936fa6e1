import { plural } from '../../../shared/format/count';
import {
  encodeExportRequest,
  indexExportRequest,
  OtlpDecodeError,
  OtlpLimitError,
  parseExportRequestJson,
  type ExportLogsServiceResponse,
  type OtlpEncoding,
  type RecordBatch,
} from '../../../shared/otlp';
import type { SourceReport } from '../source-report';
import type { IngestTarget } from '../../engine/ports';
import { ingestInto } from '../ingest';
import { storageProblem } from '../running-source';

/** What a receiver needs to store one export request. */
export interface ReceiveExportOptions {
  sourceId: string;
  sourceName: string;
  target: IngestTarget;
  report: SourceReport;
}

/**
 * What became of one ExportLogsServiceRequest, independent of the transport
 * (OTLP/HTTP or OTLP/gRPC), which only maps it to its own answer:
 * - stored: committed; `response` carries a partial success when records
 *   were not stored (no stream reads the source, or drop-oldest dropped them);
 * - invalid: the bytes are not a valid request; never worth resending;
 * - too-large: more records or values than Sluice reads in one request
 *   (docs/sources.md, "Limits"): resend in smaller batches;
 * - unavailable: nothing was stored (the buffer is full under `block`, or
 *   the disk failed); the client should resend after `retryAfterMs`.
 */
export type ReceiveOutcome =
  | { kind: 'stored'; response: ExportLogsServiceResponse }
  | { kind: 'invalid'; message: string }
  | { kind: 'too-large'; message: string }
  | { kind: 'unavailable'; message: string; retryAfterMs: number };

/** How long a client is asked to wait when the disk, not the cap, refused the records. */
const storageRetryMs = 5_000;

/**
 * Decodes a request body, stores its records and says what happened. The
 * outcome is known only after the commit, so a transport that answers
 * success on `stored` never acknowledges a record that is not durable.
 */
export function receiveExport(
  body: Uint8Array,
  encoding: OtlpEncoding,
  o: ReceiveExportOptions,
): ReceiveOutcome {
  let batch: RecordBatch;
  try {
    batch = decode(body, encoding);
  } catch (err) {
    // More records or values than Sluice reads in one request is a size
    // problem, like a body over the limit; anything else is malformed.
    const tooMuch =
      err instanceof OtlpLimitError && (err.limit === 'maxRecords' || err.limit === 'maxValues');
    return { kind: tooMuch ? 'too-large' : 'invalid', message: decodeProblem(err, encoding) };
  }

  const count = batch.count;
  let result;
  try {
    result = ingestInto(o.target, o.sourceId, batch);
  } catch (err) {
    const problem = storageProblem(err);
    o.report.setProblem(problem);
    o.report.refused(count);
    return { kind: 'unavailable', message: problem, retryAfterMs: storageRetryMs };
  }
  if (result.kind === 'full') {
    o.report.full(count, result.retryAfterMs);
    return {
      kind: 'unavailable',
      message: 'The buffer is full; retry later.',
      retryAfterMs: result.retryAfterMs,
    };
  }
  const outcome = result.outcome;
  o.report.stored(outcome);
  o.report.setProblem(null);
  if (outcome.unrouted > 0) {
    return stored(
      outcome.unrouted,
      `No stream reads the source "${o.sourceName}": ${plural(outcome.unrouted, 'record')} ${outcome.unrouted === 1 ? 'was' : 'were'} not stored. Add the source to a stream in Sluice.`,
    );
  }
  if (outcome.dropped > 0) {
    return stored(
      outcome.dropped,
      `The buffer is full and the source "${o.sourceName}" drops records when it is: ${plural(outcome.dropped, 'record')} ${outcome.dropped === 1 ? 'was' : 'were'} not stored.`,
    );
  }
  return { kind: 'stored', response: { partialSuccess: null } };
}

function stored(rejected: number, message: string): ReceiveOutcome {
  return {
    kind: 'stored',
    response: { partialSuccess: { rejectedLogRecords: BigInt(rejected), errorMessage: message } },
  };
}

function decode(body: Uint8Array, encoding: OtlpEncoding): RecordBatch {
  if (encoding === 'protobuf') return indexExportRequest(body);
  // JSON is decoded, validated and re-encoded once: the buffer stores protobuf.
  return indexExportRequest(encodeExportRequest(parseExportRequestJson(body)));
}

function decodeProblem(err: unknown, encoding: OtlpEncoding): string {
  const what = encoding === 'json' ? 'OTLP/JSON' : 'OTLP protobuf';
  if (err instanceof OtlpLimitError) {
    const advice =
      err.limit === 'maxValueDepth'
        ? 'Send deeply nested data as a string (for example its JSON text)'
        : 'Send smaller batches';
    return `The ${what} ExportLogsServiceRequest is beyond this receiver's limits: ${err.message}. ${advice} (docs/sources.md, "Limits").`;
  }
  if (err instanceof OtlpDecodeError) {
    const at = encoding === 'protobuf' && err.offset !== undefined ? ` (byte ${err.offset})` : '';
    return `The body is not a valid ${what} ExportLogsServiceRequest${at}: ${err.message}`;
  }
  return `The body is not a valid ${what} ExportLogsServiceRequest: ${(err as Error).message ?? String(err)}`;
}
