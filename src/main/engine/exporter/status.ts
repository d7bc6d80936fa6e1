import type { LastError, SendingState, StreamStatus } from '../../../shared/api/engine';

/** Rejections and dead letters keep a stream "Active with errors" this long. */
export const recentProblemWindowMs = 5 * 60_000;

export interface StatusInputs {
  active: boolean;
  sending: SendingState;
  lastError: LastError | null;
  /** When records were last rejected (partial success) or dead-lettered, and why. */
  lastProblem: { at: number; message: string } | null;
  /** A condition that needs attention while it lasts (records about to pass the log age). */
  warning: string | null;
  now: number;
}

/**
 * The status the seed defines, derived from what the exporter really sees
 * (PRODUCT.md): only Active/Inactive is ever chosen by the user.
 */
export function deriveStatus(i: StatusInputs): { status: StreamStatus; reason: string | null } {
  if (!i.active)
    return {
      status: 'inactive',
      reason: 'Paused by the user. No data is sent; records keep being buffered.',
    };
  if (i.sending === 'stopped') {
    return {
      status: 'active-with-errors',
      reason: `${i.lastError?.message ?? 'Sending stopped.'} Sending is stopped until the destination settings change or you choose Retry now; records stay buffered.`,
    };
  }
  if (i.sending === 'retrying') {
    return {
      status: 'active-with-errors',
      reason: `The last attempt failed: ${i.lastError?.message ?? 'unknown error'} Retrying the same batch.`,
    };
  }
  if (i.warning) return { status: 'active-with-errors', reason: i.warning };
  if (i.lastProblem && i.now - i.lastProblem.at < recentProblemWindowMs) {
    return { status: 'active-with-errors', reason: i.lastProblem.message };
  }
  return { status: 'active', reason: null };
}
