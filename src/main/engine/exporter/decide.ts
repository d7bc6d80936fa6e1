import { formatDuration } from '../../../shared/format/duration';
import type { SendResult } from '../../destinations/sender';
import { backoffDelayMs } from './backoff';

/**
 * What to do after one answer (docs/exporter.md, "What each answer does"):
 * a pure function of the answer, the attempt, the policy and the clock, in
 * the spirit of the OpenTelemetry Collector's exporterhelper, so every rule
 * is tested on its own and the exporter's loop only carries it out.
 */

/** An answer: the sender's, or an error Sluice hit itself while sending. */
export type Answer = SendResult | { kind: 'internal-error'; message: string };

export interface RetryPolicy {
  /** How long a batch may keep failing before it is dead-lettered. */
  windowMs: number;
  initialDelayMs: number;
  /** The longest backoff. */
  maxDelayMs: number;
}

/**
 * The longest a server's Retry-After is obeyed: 5 minutes, or the stream's
 * longest backoff if that is longer. A "come back in two days" must not park
 * a stream (docs/exporter.md, "Retry").
 */
export const retryAfterCeilingMs = 5 * 60_000;

export interface DecisionInput {
  answer: Answer;
  /** Records in the request answered. */
  records: number;
  /** Failed attempts of this request before this answer. */
  attempt: number;
  /** When this request first failed (null: this answer is the first). */
  firstFailureAt: number | null;
  /**
   * When the oldest record of the request passes the destination's log age
   * (Dynatrace: 24 hours after its timestamp); null where none applies.
   */
  expiresAt: number | null;
  now: number;
  policy: RetryPolicy;
  random: () => number;
}

export type Decision =
  /** Done: the destination took the records (`rejected` of them refused in a partial success). */
  | { kind: 'accept'; rejected: number }
  /** Send the same bytes again after `delayMs`. */
  | { kind: 'retry'; delayMs: number }
  /** Send each half on its own: only the records that fail alone are dead-lettered. */
  | { kind: 'split'; why: string }
  /** Keep the records with the answer; the stream moves on. */
  | { kind: 'dead-letter'; reason: string }
  /** Every request would fail the same way: stop sending, keep the records buffered. */
  | { kind: 'stop' }
  /** Retrying has reached the log age of the oldest records: set those aside, go on with the rest. */
  | { kind: 'expire' };

export function decide(i: DecisionInput): Decision {
  const a = i.answer;
  switch (a.kind) {
    case 'accepted':
      return { kind: 'accept', rejected: Math.min(Math.max(0, a.rejectedRecords), i.records) };

    case 'too-large':
      return i.records > 1
        ? { kind: 'split', why: `HTTP ${a.httpStatus} (payload too large)` }
        : {
            kind: 'dead-letter',
            reason: `The destination refused this record as too large (HTTP ${a.httpStatus}) even on its own.`,
          };

    case 'refused':
      if (a.stopSending) return { kind: 'stop' };
      // A 400 says the request could not be read: find the records that
      // cannot, rather than let one of them take the whole batch with it.
      if (a.httpStatus === 400 && i.records > 1)
        return { kind: 'split', why: `HTTP 400 (the destination could not read the request)` };
      return { kind: 'dead-letter', reason: a.message };

    case 'internal-error':
      return i.records > 1
        ? { kind: 'split', why: `Sluice could not send the request (${a.message})` }
        : {
            kind: 'dead-letter',
            reason: `Sluice could not send this record: ${a.message}`,
          };

    case 'retryable': {
      const { windowMs, initialDelayMs, maxDelayMs } = i.policy;
      const windowEnd = (i.firstFailureAt ?? i.now) + windowMs;
      // The retry window never keeps a record past the log age.
      if (i.expiresAt !== null && i.now >= i.expiresAt && i.expiresAt < windowEnd)
        return { kind: 'expire' };
      if (i.now >= windowEnd) {
        return {
          kind: 'dead-letter',
          reason: `Every attempt failed for ${formatDuration(windowMs)} (the retry window); the last one: ${a.message}`,
        };
      }
      // A server's Retry-After wins over the backoff, up to a ceiling.
      const wanted =
        a.retryAfterMs !== null
          ? Math.min(Math.max(0, a.retryAfterMs), Math.max(retryAfterCeilingMs, maxDelayMs))
          : backoffDelayMs(i.attempt, initialDelayMs, maxDelayMs, i.random);
      // Never past the window (the last attempt happens as it closes), nor past the log age.
      const until = i.expiresAt === null ? windowEnd : Math.min(windowEnd, i.expiresAt);
      return { kind: 'retry', delayMs: Math.max(0, Math.min(wanted, until - i.now)) };
    }
  }
}
