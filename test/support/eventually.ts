/**
 * Waiting in tests (docs/testing.md).
 *
 * `eventually(check)` runs `check` until it passes: it returns (or resolves)
 * without throwing, and does not answer `false`. Between tries it waits a
 * little longer each time (10 ms, growing to 250 ms), so a condition that
 * comes quickly is seen quickly and a slow one does not flood what it polls.
 * After `timeoutMs` it fails with the check's last error (an `expect` keeps
 * its diff), prefixed with `message`.
 *
 * Never wait a fixed time and then expect something to have happened: wait
 * for it with `eventually`. And never wait a fixed time and then expect
 * something NOT to have happened: on a slow machine the sleep passes before
 * the thing had its chance, and the test passes by accident. Wait instead
 * for a positive signal that the moment has passed (the next poll of the
 * source finished, a later request reached the fake server, a sibling stream
 * delivered what it was given after the action, a snapshot with a later
 * time), then assert the absence.
 */

export interface EventuallyOptions {
  /** How long to keep trying (default 10 s; only a failing test waits this long). */
  timeoutMs?: number;
  /** What was awaited, said first when it never came. */
  message?: string;
}

const firstPauseMs = 10;
const longestPauseMs = 250;

/** Runs `check` until it passes; resolves with what it returned. `options` may be just the timeout. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: EventuallyOptions | number = {},
): Promise<T> {
  const { timeoutMs = 10_000, message } =
    typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let pauseMs = firstPauseMs;
  for (;;) {
    // Read the clock before trying: a try that starts before the deadline counts.
    const last = Date.now() >= deadline;
    try {
      const value = await check();
      // A bare condition (`() => n === 3`) that is false has not passed yet.
      if (value === false) throw new Error('The condition is still false.');
      return value;
    } catch (err) {
      if (last) throw explained(err, timeoutMs, message);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, deadline - Date.now())));
    pauseMs = Math.min(longestPauseMs, pauseMs * 2);
  }
}

function explained(err: unknown, timeoutMs: number, message: string | undefined): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  const prefix = `${message ? `${message}: ` : ''}still failing after ${timeoutMs} ms: `;
  // The same error object, so an assertion error keeps its expected/actual diff.
  error.message = prefix + error.message;
  return error;
}
