import { formatCount, plural } from '../../../shared/format/count';
import { formatDuration } from '../../../shared/format/duration';

export { formatCount, formatDuration, plural };

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 0, 0.4, 12, 1,204 — a rate reads best with one decimal below 10. */
export function formatRate(n: number): string {
  return n < 10 ? oneDecimal.format(n) : integer.format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${integer.format(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? oneDecimal.format(v) : integer.format(v)} ${units[u]}`;
}

export function formatMs(n: number | null): string {
  if (n === null) return '—';
  return n < 1000 ? `${integer.format(n)} ms` : `${oneDecimal.format(n / 1000)} s`;
}

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString([], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/**
 * When a record happened, short enough for a list: the time of day for
 * today, with the date for any other day, so a three-day-old record never
 * looks current. `now` is when the list is drawn.
 */
export function formatRecordTime(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const time = formatTime(ms);
  if (d.toDateString() === today.toDateString()) return time;
  if (d.getFullYear() === today.getFullYear()) {
    return `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
  }
  return `${d.toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' })}`;
}

/** "3 d 4 h ago", "12 s ago", "in 5 min 2 s" (a clock ahead of ours). */
export function formatAge(ms: number, now: number = Date.now()): string {
  const delta = now - ms;
  return delta >= 0 ? `${formatDuration(delta)} ago` : `in ${formatDuration(-delta)}`;
}
