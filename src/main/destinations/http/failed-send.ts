import type { SendResult } from '../sender';
import { DeadlineExceededError } from './deadline';
import { describeNetworkFailure, type FailureContext } from './network-error';

/** A send that got no HTTP answer, as a SendResult. */
export function failedSendResult(
  outcome: { error: unknown; timedOut: boolean; cancelled: boolean },
  ctx: FailureContext,
): SendResult {
  if (outcome.cancelled) {
    return {
      kind: 'retryable',
      httpStatus: null,
      retryAfterMs: null,
      message: 'Sending was cancelled before the destination answered.',
      advice: 'Nothing is lost: the batch stays buffered and is sent again when the stream runs.',
      responseBody: null,
    };
  }
  const error = outcome.timedOut ? new DeadlineExceededError(ctx.timeoutMs) : outcome.error;
  const f = describeNetworkFailure(error, ctx);
  if (f.retryable) {
    return {
      kind: 'retryable',
      httpStatus: null,
      retryAfterMs: null,
      message: f.message,
      advice: f.advice,
      responseBody: null,
    };
  }
  return {
    kind: 'refused',
    httpStatus: null,
    message: f.message,
    advice: f.advice,
    responseBody: null,
    stopSending: f.stopSending,
  };
}

export function hostAndPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}
