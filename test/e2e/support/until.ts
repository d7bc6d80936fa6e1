/**
 * Polls `read` until `done` accepts its value, then returns it; fails with
 * the last value seen. For figures that change with the engine's 1 Hz beat:
 * the test waits for a state, it never asserts on time.
 */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting; the last value was ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
