import { z } from 'zod';

/**
 * The event log (status changes and errors, kept in SQLite), dead letters
 * (batches the destination refused for good, kept for inspection and replay)
 * and metrics history.
 */
export const streamEventKinds = [
  'status',
  'error',
  'rejected',
  'dead-letter',
  'dropped',
  'config',
  'test',
  'info',
] as const;
export type StreamEventKind = (typeof streamEventKinds)[number];

export interface StreamEvent {
  id: number;
  /** null for engine-wide events (buffer moved aside, disk cap reached). */
  streamId: string | null;
  at: number;
  kind: StreamEventKind;
  level: 'info' | 'warn' | 'error';
  message: string;
  httpStatus: number | null;
  responseBody: string | null;
  /**
   * The same failure again, folded into this event instead of a new line:
   * how many more times it happened, and when last. Kept while the engine
   * runs (the events table has no column for it).
   */
  repeats: number;
  lastRepeatAt: number | null;
}

export const listEventsInputSchema = z.object({
  streamId: z.string().min(1).nullable().default(null),
  /** With a streamId: also the engine-wide events (started, stopped, settings), which concern every stream. */
  includeEngine: z.boolean().default(false),
  /** Only events older than this id (paging backwards). */
  beforeId: z.number().int().positive().nullable().default(null),
  kinds: z.array(z.enum(streamEventKinds)).default([]),
  limit: z.number().int().min(1).max(1000).default(200),
});

export interface DeadLetter {
  id: number;
  streamId: string;
  at: number;
  httpStatus: number | null;
  /** Why it was dead-lettered, in words. */
  reason: string;
  responseBody: string | null;
  recordCount: number;
  bytes: number;
  /** Replays attempted so far. */
  replays: number;
}

export interface DeadLetterDetail extends DeadLetter {
  /** The refused request as OTLP/JSON (ExportLogsServiceRequest). */
  requestJson: unknown;
}

export const deadLetterIdsSchema = z.object({ ids: z.array(z.number().int().positive()).min(1) });
export const listDeadLettersInputSchema = z.object({ streamId: z.string().min(1) });

export interface ReplayResult {
  /** Dead letters queued to be sent again, ahead of new records. */
  queued: number;
}

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
