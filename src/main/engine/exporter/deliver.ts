import type { NewDeadLetter } from '../dead-letters';
import type { SendResult } from '../../destinations/sender';
import { buildRequest, type Entry } from './assemble';
import { decide, type Answer, type RetryPolicy } from './decide';

/** What the exporter lends one delivery (StreamExporter implements it). */
export interface DeliveryContext {
  readonly streamId: string;
  readonly policy: RetryPolicy;
  /** The destination's log age (Dynatrace: 24 h) when records past it are held back; else null. */
  readonly logAgeMs: number | null;
  now(): number;
  random(): number;
  /** One request; null when sending is not possible now or was cut short. */
  send(body: Uint8Array, records: number): Promise<Answer | null>;
  /** Waits before a retry; false when cut short (pause, new settings, shutdown). */
  backoff(delayMs: number): Promise<boolean>;
  /** The destination took the records (some may be rejected in a partial success). */
  accepted(
    entries: Entry[],
    body: Uint8Array,
    result: Extract<SendResult, { kind: 'accepted' }>,
    rejected: number,
  ): void;
  /** An attempt failed and will be retried. */
  retrying(answer: Answer, records: number): void;
  /** A request is split in two (logged once per batch, at the top). */
  splitting(records: number, why: string, top: boolean): void;
  /** The destination refused in a way every request will share. */
  stop(answer: Answer): void;
  /** A request failed for good (the records go to the dead letters). */
  failed(answer: Answer): void;
  deadLettered(entries: Entry[], body: Uint8Array, httpStatus: number | null): void;
  /** Records that reached the log age while their request was retried. */
  expired(entries: Entry[], now: number): NewDeadLetter;
}

/** When the first of these records passes the log age (null: none can). */
function expiresAt(entries: readonly Entry[], logAgeMs: number | null): number | null {
  if (logAgeMs === null) return null;
  let oldest = 0;
  for (const e of entries)
    if (e.timeMs > 0 && (oldest === 0 || e.timeMs < oldest)) oldest = e.timeMs;
  return oldest === 0 ? null : oldest + logAgeMs;
}

export type Delivery =
  | { kind: 'done'; deadLetters: NewDeadLetter[] }
  /** Sending stopped (401/403/404, credentials): nothing of the batch is settled. */
  | { kind: 'stopped' }
  /** Cut short by pause, new settings or shutdown. */
  | { kind: 'interrupted' };

/**
 * Sends one batch until every record in it is accepted or dead-lettered,
 * or sending stops (docs/exporter.md). A batch the destination refuses as too
 * large, or cannot read (400), or that Sluice itself fails to send, is split
 * in halves down to single records, so only the records that fail on their
 * own reach the dead letters, each with its reason.
 */
export async function deliver(
  ctx: DeliveryContext,
  entries: Entry[],
  body: Uint8Array = buildRequest(entries),
  top = true,
): Promise<Delivery> {
  let attempt = 0;
  let firstFailureAt: number | null = null;
  const expired: NewDeadLetter[] = [];
  for (;;) {
    const answer = await ctx.send(body, entries.length);
    if (answer === null) return { kind: 'interrupted' };
    const now = ctx.now();
    const decision = decide({
      answer,
      records: entries.length,
      attempt,
      firstFailureAt,
      expiresAt: expiresAt(entries, ctx.logAgeMs),
      now,
      policy: ctx.policy,
      random: () => ctx.random(),
    });
    switch (decision.kind) {
      case 'accept':
        ctx.accepted(
          entries,
          body,
          answer as Extract<SendResult, { kind: 'accepted' }>,
          decision.rejected,
        );
        return { kind: 'done', deadLetters: [] };

      case 'retry':
        ctx.retrying(answer, entries.length);
        firstFailureAt ??= now;
        attempt++;
        if (!(await ctx.backoff(decision.delayMs))) return { kind: 'interrupted' };
        continue;

      case 'stop':
        ctx.stop(answer);
        return { kind: 'stopped' };

      case 'expire': {
        // Records within a minute of the limit go too: no dead letter per record.
        const cutoff = now - ctx.logAgeMs! + 60_000;
        const old = entries.filter((e) => e.timeMs > 0 && e.timeMs < cutoff);
        expired.push(ctx.expired(old, now));
        entries = entries.filter((e) => !(e.timeMs > 0 && e.timeMs < cutoff));
        if (entries.length === 0) return { kind: 'done', deadLetters: expired };
        body = buildRequest(entries);
        continue;
      }

      case 'dead-letter': {
        ctx.failed(answer);
        ctx.deadLettered(entries, body, httpStatusOf(answer));
        return {
          kind: 'done',
          deadLetters: [
            ...expired,
            {
              streamId: ctx.streamId,
              httpStatus: httpStatusOf(answer),
              reason: decision.reason,
              responseBody: responseBodyOf(answer),
              recordCount: entries.length,
              request: body,
            },
          ],
        };
      }

      case 'split': {
        ctx.failed(answer);
        ctx.splitting(entries.length, decision.why, top);
        const mid = Math.ceil(entries.length / 2);
        const deadLetters: NewDeadLetter[] = [...expired];
        for (const half of [entries.slice(0, mid), entries.slice(mid)]) {
          const r = await deliver(ctx, half, buildRequest(half), false);
          if (r.kind !== 'done') return r;
          deadLetters.push(...r.deadLetters);
        }
        return { kind: 'done', deadLetters };
      }
    }
  }
}

function httpStatusOf(a: Answer): number | null {
  return a.kind === 'internal-error' ? null : a.httpStatus;
}

function responseBodyOf(a: Answer): string | null {
  return a.kind === 'internal-error' || a.kind === 'accepted' ? null : a.responseBody;
}
