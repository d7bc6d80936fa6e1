import { describe, expect, it } from 'vitest';
import {
  decide,
  retryAfterCeilingMs,
  type Answer,
  type DecisionInput,
} from '../../../../../src/main/engine/exporter/decide';

const policy = { windowMs: 60_000, initialDelayMs: 1_000, maxDelayMs: 120_000 };
const input = (answer: Answer, more: Partial<DecisionInput> = {}): DecisionInput => ({
  answer,
  records: 10,
  attempt: 0,
  firstFailureAt: null,
  expiresAt: null,
  now: 1_000_000,
  policy,
  random: () => 0.5,
  ...more,
});

const accepted = (rejectedRecords = 0): Answer => ({
  kind: 'accepted',
  httpStatus: 200,
  rejectedRecords,
  rejectionMessage: null,
  bytesSent: 10,
});
const retryable = (retryAfterMs: number | null = null): Answer => ({
  kind: 'retryable',
  httpStatus: 503,
  retryAfterMs,
  message: 'HTTP 503.',
  advice: '',
  responseBody: null,
});
const refused = (httpStatus: number, stopSending = false): Answer => ({
  kind: 'refused',
  httpStatus,
  message: `HTTP ${httpStatus}.`,
  advice: '',
  responseBody: null,
  stopSending,
});

describe('decide: what follows one answer', () => {
  it('accepts, counting a partial success no larger than the request', () => {
    expect(decide(input(accepted()))).toEqual({ kind: 'accept', rejected: 0 });
    expect(decide(input(accepted(3)))).toEqual({ kind: 'accept', rejected: 3 });
    expect(decide(input(accepted(99)))).toEqual({ kind: 'accept', rejected: 10 });
  });

  it('splits a 413, a 400 and an error of our own while more than one record is left; then dead-letters', () => {
    const tooLarge: Answer = {
      kind: 'too-large',
      httpStatus: 413,
      message: '',
      responseBody: null,
    };
    const internal: Answer = { kind: 'internal-error', message: 'boom' };
    for (const a of [tooLarge, refused(400), internal]) {
      expect(decide(input(a)).kind).toBe('split');
      const single = decide(input(a, { records: 1 }));
      expect(single.kind).toBe('dead-letter');
    }
    expect(decide(input(internal, { records: 1 }))).toMatchObject({
      reason: 'Sluice could not send this record: boom',
    });
  });

  it('dead-letters other refusals as they are, and stops on 401/403/404', () => {
    expect(decide(input(refused(500)))).toEqual({ kind: 'dead-letter', reason: 'HTTP 500.' });
    expect(decide(input(refused(422)))).toEqual({ kind: 'dead-letter', reason: 'HTTP 422.' });
    expect(decide(input(refused(401, true)))).toEqual({ kind: 'stop' });
  });

  it('retries with exponential backoff and full jitter', () => {
    const delays = [0, 1, 2, 3, 10].map(
      (attempt) => (decide(input(retryable(), { attempt })) as { delayMs: number }).delayMs,
    );
    // random() = 0.5: half of min(cap, 1 s * 2^attempt).
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 60_000]);
  });

  it('honours Retry-After over the backoff, up to a ceiling', () => {
    expect(decide(input(retryable(7_000)))).toEqual({ kind: 'retry', delayMs: 7_000 });
    const long = { ...policy, windowMs: 7 * 24 * 3_600_000 };
    // Two days asked: capped at 5 minutes (the stream's backoff cap is shorter).
    expect(decide(input(retryable(172_800_000), { policy: long }))).toEqual({
      kind: 'retry',
      delayMs: retryAfterCeilingMs,
    });
    // A stream whose backoff cap is longer than 5 minutes honours up to that.
    const patient = { ...long, maxDelayMs: 3_600_000 };
    expect(decide(input(retryable(172_800_000), { policy: patient }))).toEqual({
      kind: 'retry',
      delayMs: 3_600_000,
    });
  });

  it('never waits past the retry window, and dead-letters once it has run out', () => {
    const now = 1_000_000;
    // 55 s into a 60 s window: a 2-minute Retry-After becomes 5 s.
    expect(decide(input(retryable(120_000), { firstFailureAt: now - 55_000 }))).toEqual({
      kind: 'retry',
      delayMs: 5_000,
    });
    const out = decide(input(retryable(), { firstFailureAt: now - 60_000 }));
    expect(out.kind).toBe('dead-letter');
    expect((out as { reason: string }).reason).toMatch(/^Every attempt failed for 1 min/);
  });
});

describe('decide: the log age', () => {
  const day = 24 * 3_600_000;
  it('never retries past the log age of the oldest record, and then sets the old ones aside', () => {
    const now = 1_000_000_000;
    const policy = { windowMs: 2 * day, initialDelayMs: 1_000, maxDelayMs: 120_000 };
    // The oldest record passes the log age in 30 s: a 2-minute Retry-After waits 30 s.
    expect(
      decide(
        input(retryable(120_000), { policy, expiresAt: now + 30_000, now, firstFailureAt: now }),
      ),
    ).toEqual({ kind: 'retry', delayMs: 30_000 });
    // Reached: expire (the exporter dead-letters those records and goes on with the rest).
    expect(
      decide(input(retryable(), { policy, expiresAt: now, now, firstFailureAt: now - 1 })),
    ).toEqual({
      kind: 'expire',
    });
    // A window that ends first still ends the batch first.
    const short = { ...policy, windowMs: 60_000 };
    expect(
      decide(
        input(retryable(), { policy: short, expiresAt: now, now, firstFailureAt: now - 60_000 }),
      ).kind,
    ).toBe('dead-letter');
  });
});
