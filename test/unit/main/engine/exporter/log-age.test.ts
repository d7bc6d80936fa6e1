import { describe, expect, it } from 'vitest';
import {
  formatAge,
  logAgeState,
  logAgeWarning,
} from '../../../../../src/main/engine/exporter/log-age';

const minute = 60_000;
const hour = 60 * minute;
const limitMs = 24 * hour;
const now = 10 * 24 * hour;

describe('the log-age outlook of a backlog', () => {
  it('a stuck stream: its oldest record passes the limit when its age reaches it', () => {
    const s = logAgeState({
      nowMs: now,
      limitMs,
      drainPerSec: 0,
      stretches: [
        { records: 500, oldestTimeMs: now - 23.5 * hour },
        { records: 500, oldestTimeMs: now - 2 * hour },
      ],
    });
    expect(s).toEqual({ oldestRecordAgeMs: 23.5 * hour, limitMs, crossesWithinMs: 30 * minute });
  });

  it('a draining stream: the stretch that waits longest behind the others decides', () => {
    // 3.6 M records ahead at 1,000/s: the last stretch waits an hour; it is 23.5 h old.
    const s = logAgeState({
      nowMs: now,
      limitMs,
      drainPerSec: 1_000,
      stretches: [
        { records: 3_600_000, oldestTimeMs: now - 20 * hour },
        { records: 10, oldestTimeMs: now - 23.5 * hour },
      ],
    });
    expect(s.crossesWithinMs).toBe(30 * minute);
    // At 10,000/s it goes out in 6 minutes: no warning.
    expect(
      logAgeState({
        nowMs: now,
        limitMs,
        drainPerSec: 10_000,
        stretches: [
          { records: 3_600_000, oldestTimeMs: now - 20 * hour },
          { records: 10, oldestTimeMs: now - 23.5 * hour },
        ],
      }).crossesWithinMs,
    ).toBeNull();
  });

  it('the front of the backlog goes out first, even when old', () => {
    const s = logAgeState({
      nowMs: now,
      limitMs,
      drainPerSec: 100,
      stretches: [{ records: 10, oldestTimeMs: now - 23.9 * hour }],
    });
    expect(s.crossesWithinMs).toBeNull();
    expect(s.oldestRecordAgeMs).toBe(23.9 * hour);
  });

  it('records already past it say 0; records without timestamps never pass it', () => {
    expect(
      logAgeState({
        nowMs: now,
        limitMs,
        drainPerSec: 0,
        stretches: [{ records: 1, oldestTimeMs: now - 25 * hour }],
      }).crossesWithinMs,
    ).toBe(0);
    expect(
      logAgeState({
        nowMs: now,
        limitMs,
        drainPerSec: 0,
        stretches: [{ records: 1, oldestTimeMs: 0 }],
      }),
    ).toEqual({ oldestRecordAgeMs: null, limitMs, crossesWithinMs: null });
  });

  it('words the warning for a person', () => {
    const state = { oldestRecordAgeMs: 23.5 * hour, limitMs, crossesWithinMs: 30 * minute };
    expect(logAgeWarning(state, true)).toMatch(
      /^In about 30 min, buffered records will be older than Dynatrace's log age of 24 h .* keeps them in the dead letters/,
    );
    expect(logAgeWarning(state, false)).toContain('sends such records anyway');
    expect(logAgeWarning({ ...state, crossesWithinMs: null }, true)).toBeNull();
    expect([
      formatAge(24 * hour),
      formatAge(26 * hour + 3 * minute),
      formatAge(30 * minute),
    ]).toEqual(['24 h', '26 h 3 min', '30 min']);
  });
});
