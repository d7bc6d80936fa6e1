import { wouldChangeRows } from '../../../../shared/dynatrace';
import { formatAge, logAgeText, logAgeWarning } from '../../../../shared/format/log-age';

/**
 * The Dynatrace lines of `sluice streams status NAME`: the oldest buffered
 * record against the log-age limit, and what Dynatrace will cut, drop or
 * change per rule. Nothing for other tools.
 */
export function dynatraceLines(r: {
  logAge: Parameters<typeof logAgeText>[0] | null;
  wouldChange: Record<string, number>;
}): string[] {
  if (r.logAge === null) return [];
  const lines = [`  Log age:   ${logAgeText(r.logAge)}`];
  const warning = logAgeWarning(r.logAge);
  if (warning) lines.push(`  WARNING:   ${warning}`);
  const rows = wouldChangeRows(r.wouldChange);
  if (rows.length === 0) {
    lines.push('  Dynatrace would change: nothing so far');
  } else {
    lines.push('  Dynatrace would change (records, since start):');
    for (const row of rows) lines.push(`    ${row.rule}: ${row.count} (${row.summary})`);
  }
  return lines;
}

/** The table's LOG AGE column: "23 h 15 min/24 h", "!" when it will cross soon; "-" for other tools. */
export function logAgeCell(r: { logAge: Parameters<typeof logAgeText>[0] | null }): string {
  if (r.logAge === null) return '-';
  const oldest = r.logAge.oldestRecordAgeMs === null ? '0' : formatAge(r.logAge.oldestRecordAgeMs);
  return `${oldest}/${formatAge(r.logAge.limitMs)}${r.logAge.crossesWithinMs !== null ? ' !' : ''}`;
}
