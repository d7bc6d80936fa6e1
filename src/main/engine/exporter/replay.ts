import { plural } from '../../../shared/format/count';
import type { DeadLetterStore } from '../dead-letters';
import type { EventLog } from '../events/event-log';
import type { StreamMetrics } from '../metrics/stream-metrics';
import type { Answer } from './decide';
import type { DeliveryContext } from './deliver';

export interface ReplayDeps {
  deadLetters: DeadLetterStore;
  events: EventLog;
  metrics: StreamMetrics;
  changed(): void;
  /** The destination refused in a way every request would share: stop the stream. */
  stop(answer: Answer): void;
}

type Replayable = NonNullable<ReturnType<DeadLetterStore['nextReplay']>>;

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * Sends a dead letter the user asked to replay, once: deleted when
 * accepted, kept with the new answer (and when it came) otherwise.
 */
export async function replayDeadLetter(
  ctx: Pick<DeliveryContext, 'streamId' | 'send' | 'now'>,
  deps: ReplayDeps,
  dl: Replayable,
): Promise<void> {
  const answer = await ctx.send(dl.request, dl.recordCount);
  if (answer === null) return;
  if (answer.kind === 'accepted') {
    deps.deadLetters.delete(dl.id);
    deps.metrics.totals.recordsOut +=
      dl.recordCount - Math.min(answer.rejectedRecords, dl.recordCount);
    deps.metrics.totals.bytesOut += answer.bytesSent;
    deps.events.add({
      streamId: ctx.streamId,
      kind: 'info',
      level: 'info',
      message: `Dead letter #${dl.id} was replayed: the destination accepted its ${plural(dl.recordCount, 'record')}.`,
      httpStatus: answer.httpStatus,
    });
  } else {
    deps.metrics.totals.errors++;
    const message =
      answer.kind === 'too-large'
        ? `HTTP ${answer.httpStatus}: payload too large`
        : answer.kind === 'internal-error'
          ? `Sluice could not send it (${answer.message})`
          : answer.message;
    const httpStatus = answer.kind === 'internal-error' ? null : answer.httpStatus;
    const responseBody = answer.kind === 'internal-error' ? null : answer.responseBody;
    const when = clock(ctx.now());
    deps.deadLetters.replayFailed(
      dl.id,
      `Refused again when replayed at ${when} UTC: ${message}`,
      httpStatus,
      responseBody,
    );
    deps.events.add({
      streamId: ctx.streamId,
      kind: 'error',
      level: 'error',
      message: `Replaying dead letter #${dl.id}: the destination refused it again at ${when} UTC (${message}). It is kept; replay it again later.`,
      httpStatus,
      responseBody,
    });
    if (answer.kind === 'refused' && answer.stopSending) deps.stop(answer);
  }
  deps.changed();
}
