import type { LogAgeState } from '../../../shared/api/engine';

/** An age against the log age, in hours and minutes: "24 h", "26 h 3 min", "30 min". */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Warn this long before a buffered record would pass the log age. */
export const logAgeWarningMs = 3_600_000;

/** A stretch of a stream's backlog, in the order it will be sent. */
export interface BacklogStretch {
  records: number;
  /** The oldest record timestamp in it (ms); 0 when none has one. */
  oldestTimeMs: number;
}

/**
 * Whether a Dynatrace stream's backlog will reach the log age before it is
 * sent (docs/exporter.md, "Log age"): stretch j goes out after the records
 * before it, at the current drain rate, so its oldest record is then
 * `age_j + before_j / rate` old. The first stretch to pass the limit says
 * when. A stream that sends nothing (paused, stopped) drains at 0: its
 * oldest record will pass the limit when its age reaches it.
 */
export function logAgeState(i: {
  nowMs: number;
  limitMs: number;
  /** Records per second the stream has been sending lately. */
  drainPerSec: number;
  stretches: readonly BacklogStretch[];
}): LogAgeState {
  let oldest: number | null = null;
  let crossesIn = Infinity;
  let before = 0;
  for (const s of i.stretches) {
    if (s.oldestTimeMs > 0) {
      const age = i.nowMs - s.oldestTimeMs;
      oldest = oldest === null ? age : Math.max(oldest, age);
      // It passes the limit in `room`, unless it is sent before: after the
      // records ahead of it, at the drain rate (never, while nothing drains).
      const room = i.limitMs - age;
      const waitMs = i.drainPerSec > 0 ? (before / i.drainPerSec) * 1000 : Infinity;
      if (waitMs >= room) crossesIn = Math.min(crossesIn, Math.max(0, room));
    }
    before += s.records;
  }
  return {
    oldestRecordAgeMs: oldest,
    limitMs: i.limitMs,
    crossesWithinMs: crossesIn <= logAgeWarningMs ? crossesIn : null,
  };
}

/** The status reason while records are about to pass the log age. */
export function logAgeWarning(state: LogAgeState | null, holdsBack: boolean): string | null {
  if (!state || state.crossesWithinMs === null) return null;
  const limit = formatAge(state.limitMs);
  const when =
    state.crossesWithinMs <= 0
      ? 'Buffered records are already'
      : `In about ${formatAge(state.crossesWithinMs)}, buffered records will be`;
  const fate = holdsBack
    ? 'Dynatrace would discard them, so Sluice keeps them in the dead letters instead'
    : 'Dynatrace will discard them on arrival (this stream sends such records anyway)';
  return `${when} older than Dynatrace's log age of ${limit} before this stream can send them at its current rate. ${fate}: find out why the stream is slow or stopped.`;
}
