import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Engine } from '../../src/main/engine';
import { realisticBatch } from '../lib/records';
import type { BenchRequest, FillResult } from './bench-channel';

const perTransaction = 5_000;

/**
 * Buffers `records` realistic records for a source through the pipeline's
 * own ingest (one transaction per 5,000 records, as a busy receiver would
 * commit), without HTTP: the quickest honest way to a large backlog. The
 * same 5,000 records are stored again and again, each time as new rows.
 * Yields between transactions so the engine's timers keep running.
 */
export async function fillBacklog(
  engine: Engine,
  m: Extract<BenchRequest, { op: 'fill' }>,
): Promise<FillResult> {
  const started = performance.now();
  const full = realisticBatch(perTransaction, 7);
  let done = 0;
  while (done < m.records) {
    const n = Math.min(perTransaction, m.records - done);
    const batch = n === perTransaction ? full : realisticBatch(n, 7);
    const outcome = engine.ingest(m.sourceId, batch);
    if (outcome.accepted !== n)
      throw new Error(`fill: ${n} records offered, ${outcome.accepted} stored`);
    done += n;
    await yieldToLoop();
  }
  return { records: done, ms: performance.now() - started };
}
