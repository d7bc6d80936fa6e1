import { z } from 'zod';

/** The event log: status changes and errors, kept in SQLite. */
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
