/**
 * One request's time limit combined with the caller's cancellation. The two
 * are told apart afterwards: a timeout is the destination being slow (retry),
 * a cancellation is the stream being stopped (nothing wrong with the data).
 */
export interface Deadline {
  readonly signal: AbortSignal;
  timedOut(): boolean;
  cancelled(): boolean;
  dispose(): void;
}

export class DeadlineExceededError extends Error {
  readonly code = 'SLUICE_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

export class CancelledError extends Error {
  readonly code = 'SLUICE_CANCELLED';
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export function startDeadline(timeoutMs: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let cancelled = false;
  const onOuterAbort = (): void => {
    cancelled = true;
    controller.abort(new CancelledError());
  };
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DeadlineExceededError(timeoutMs));
  }, timeoutMs);
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    cancelled: () => cancelled,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
