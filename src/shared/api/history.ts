import { z } from 'zod';

/** Metrics history: what a stream's charts draw. */
export const historyRanges = ['5m', '24h', '7d'] as const;
export type HistoryRange = (typeof historyRanges)[number];

export const historyInputSchema = z.object({
  streamId: z.string().min(1),
  range: z.enum(historyRanges).default('5m'),
});

/**
 * One point per second (5m), per minute (24h) or per ten minutes (7d).
 * Rates are per second, averaged over the time the point covers.
 */
export interface HistoryPoint {
  t: number;
  /**
   * How many seconds of measurement the point stands for: about 1 live, 60
   * per minute of history the engine was running in. Rate times seconds is
   * the count, so totals over a chart's window can be told exactly.
   */
  seconds: number;
  recordsInPerSec: number;
  recordsOutPerSec: number;
  bytesInPerSec: number;
  bytesOutPerSec: number;
  errorsPerSec: number;
  retriesPerSec: number;
  backlogRecords: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}
