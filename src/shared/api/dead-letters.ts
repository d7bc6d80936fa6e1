import { z } from 'zod';

/** Dead letters: batches a destination refused for good, kept for inspection and replay. */
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
