import { eventually } from '../../support/eventually';

/**
 * Reads a value from the page until `done` accepts it, then returns it; fails
 * with the last value seen. For figures that change with the engine's 1 Hz
 * beat: the test waits for a state, it never asserts on time. The waiting is
 * `eventually`'s (test/support/eventually.ts); this only says what was read.
 */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  // Wrapped: `eventually` takes a bare `false` as "not yet", and a value
  // `done` accepts may be false (waiting for a receiver to stop answering).
  const { value } = await eventually(
    async () => {
      const value = await read();
      if (!done(value)) throw new Error(`The last value read was ${JSON.stringify(value)}.`);
      return { value };
    },
    { timeoutMs, message: 'Gave up waiting' },
  );
  return value;
}
