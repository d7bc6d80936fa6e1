/**
 * Tick and axis arithmetic for the charts, kept apart from React and uPlot
 * so it can be tested: ticks fall on values that read as round in the unit
 * the axis is labelled in (bytes count in 1024s, so a byte axis ticks at
 * 1 KB, 2 KB, 5 KB, never at 3.9 KB), and time labels say as much as the
 * spacing between ticks needs.
 */

export type ValueScale = 'count' | 'bytes' | 'ms';

/** The increments ticks may be spaced by, smallest first. */
export function tickIncrements(scale: ValueScale): number[] {
  if (scale === 'bytes') {
    // 1, 2, 5, ... 200 of each unit (B, KB, MB, GB, TB), then half the next
    // one: multiples of 512 KB read exactly in MB (1.5 MB), of 500 KB they
    // would not (1,500 KB is 1.46 MB).
    const mantissas = [1, 2, 5, 10, 20, 50, 100, 200, 512];
    return [0, 1, 2, 3, 4].flatMap((k) => mantissas.map((m) => m * 1024 ** k));
  }
  // Rates can be fractions (0.2 records/s); milliseconds and counts are whole.
  const out = scale === 'count' ? [0.1, 0.2, 0.5] : [];
  for (let k = 0; k < 9; k++) out.push(...[1, 2, 5].map((m) => m * 10 ** k));
  return out;
}

/**
 * The top of the y axis: the smallest increment multiple at or above
 * `max`, at least `floor`, so the axis ends on a labelled tick.
 */
export function axisTop(max: number, scale: ValueScale): number {
  const floor = scale === 'bytes' ? 4 * 1024 : 4;
  const target = Math.max(floor, max * 1.1);
  // Aim for about four intervals: the largest increment with 4 steps covering the target.
  const incr = tickIncrements(scale).find((i) => i * 4 >= target) ?? target / 4;
  return Math.ceil(target / incr) * incr;
}

/** How many pixels to leave between x ticks: longer labels for longer windows. */
export function timeTickSpace(windowSec: number): number {
  if (windowSec > 86_400) return 110;
  if (windowSec > 3_600) return 72;
  return 64;
}

/**
 * A time tick's label: the time of day, with the date when ticks are whole
 * days apart (only the date) or the window spans days (date and time).
 */
export function timeTickLabel(sec: number, incrSec: number, windowSec: number): string {
  const d = new Date(sec * 1000);
  const date = d.toLocaleDateString([], { month: 'short', day: 'numeric' });
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  if (incrSec >= 86_400) return date;
  if (windowSec > 86_400) return `${date} ${time}`;
  return time;
}

/** "Europe/Paris, UTC+01:00": the zone the chart's times are in. */
export function timeZoneLabel(at: Date = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  const minutes = -at.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  const offset = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${zone}, ${offset}`;
}
