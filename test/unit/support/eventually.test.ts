import { describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';

// The helper every waiting test relies on: if it passed by accident, so would they.
describe('eventually', () => {
  it('tries until the check stops throwing, and returns what it returned', async () => {
    let tries = 0;
    const value = await eventually(() => {
      tries++;
      expect(tries).toBe(3);
      return 'done';
    });
    expect(value).toBe('done');
    expect(tries).toBe(3);
  });

  it('waits for an async check, and treats a false answer as not yet', async () => {
    let tries = 0;
    await eventually(async () => ++tries >= 4);
    expect(tries).toBe(4);
  });

  it("fails after the timeout with the check's last error, its diff and the message", async () => {
    let tries = 0;
    const failure = await eventually(
      () => {
        tries++;
        expect({ count: 1 }).toEqual({ count: 2 });
      },
      { timeoutMs: 60, message: 'the count never reached 2' },
    ).catch((err: unknown) => err as Error & { expected?: unknown; actual?: unknown });
    expect(failure).toBeInstanceOf(Error);
    expect(failure?.message).toMatch(/^the count never reached 2: still failing after 60 ms: /);
    expect(failure?.message).toContain('expected { count: 1 } to deeply equal { count: 2 }');
    expect(failure?.expected).toEqual({ count: 2 });
    // It tried more than once, and at least once at the deadline.
    expect(tries).toBeGreaterThan(1);
  });

  it('fails a condition that stays false, saying so, with a timeout given as a number', async () => {
    await expect(eventually(() => false, 30)).rejects.toThrow(
      'still failing after 30 ms: The condition is still false.',
    );
  });
});
