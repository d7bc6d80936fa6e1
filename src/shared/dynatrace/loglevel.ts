/**
 * Level text and numbers -> Dynatrace loglevel values.
 */

/** OTLP SeverityNumber ranges and their short names (OpenTelemetry logs data model). */
export function severityNumberName(n: number): string | null {
  if (n < 1 || n > 24) return null;
  return ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'][Math.floor((n - 1) / 4)]!;
}

/**
 * Dynatrace's documented mapping of level text ("Automatic log enrichment"):
 * case-insensitive, by the first letters. null when no rule matches.
 */
export function normalizeLoglevel(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (t.startsWith('emerg') || t.startsWith('f')) return 'EMERGENCY';
  if (t.startsWith('e')) return 'ERROR';
  if (t.startsWith('a')) return 'ALERT';
  if (t.startsWith('c')) return 'CRITICAL';
  if (t.startsWith('s')) return 'SEVERE';
  if (t.startsWith('w')) return 'WARN';
  if (t.startsWith('n')) return 'NOTICE';
  if (t.startsWith('i')) return 'INFO';
  if (t.startsWith('d') || t.startsWith('trace') || t.startsWith('verbose')) return 'DEBUG';
  return null;
}
