import type { LogAgeState } from '../api/engine';
import { formatDuration } from './duration';

/**
 * The log-age line of a Dynatrace stream, as the stream page and `sluice
 * streams status` print it. Near the 24-hour limit minutes matter, so ages
 * are written in hours and minutes rather than "1 d 0 h".
 */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 60) return formatDuration(ms);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return formatDuration(ms);
}

/** "oldest buffered record 3 h 12 min old; Dynatrace discards records older than 24 h". */
export function logAgeText(state: LogAgeState): string {
  const limit = formatAge(state.limitMs);
  const oldest =
    state.oldestRecordAgeMs === null
      ? 'nothing buffered'
      : `oldest buffered record ${formatAge(state.oldestRecordAgeMs)} old`;
  return `${oldest}; Dynatrace discards records older than ${limit}`;
}

/** The warning when the backlog will cross the limit soon; null when it will not within the hour. */
export function logAgeWarning(state: LogAgeState): string | null {
  if (state.crossesWithinMs === null) return null;
  return (
    `At the current drain rate the oldest buffered records pass the ${formatAge(state.limitMs)} ` +
    `log-age limit in ${formatDuration(state.crossesWithinMs)}: Dynatrace discards records older than that.`
  );
}
