import type { RecordBatch } from '../../shared/otlp';
import { BufferFullError, type AppendOutcome, type IngestTarget } from '../engine/ports';

export type IngestResult =
  | { kind: 'stored'; outcome: AppendOutcome }
  /** The buffer is at its cap under `block`: nothing was stored; try again after the delay. */
  | { kind: 'full'; retryAfterMs: number };

/**
 * Stores records and says what happened. When it returns 'stored', whatever
 * `outcome.accepted` counts is committed (with `alsoInTransaction`), so the
 * source may acknowledge it. Errors other than a full buffer (a disk error)
 * are thrown: the caller refuses the records rather than dropping them.
 */
export function ingestInto(
  target: IngestTarget,
  sourceId: string,
  batch: RecordBatch,
  alsoInTransaction?: () => void,
): IngestResult {
  try {
    return { kind: 'stored', outcome: target.ingest(sourceId, batch, alsoInTransaction) };
  } catch (err) {
    if (err instanceof BufferFullError) return { kind: 'full', retryAfterMs: err.retryAfterMs };
    throw err;
  }
}
