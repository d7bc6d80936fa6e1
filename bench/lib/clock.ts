import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Wall-clock milliseconds with sub-millisecond resolution. The load
 * generator stamps acknowledgements and the endpoint stamps arrivals in
 * different processes; both read the same system clock.
 */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

export { sleep };

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
