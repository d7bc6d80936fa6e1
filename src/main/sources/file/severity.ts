/** An OTLP severity (number 1..24 and the text as found). */
export interface Severity {
  number: number;
  text: string;
}

const byWord: Record<string, number> = {
  trace: 1,
  finest: 1,
  verbose: 1,
  debug: 5,
  fine: 5,
  info: 9,
  information: 9,
  informational: 9,
  notice: 10,
  warn: 13,
  warning: 13,
  error: 17,
  err: 17,
  severe: 17,
  critical: 21,
  crit: 21,
  fatal: 21,
  alert: 22,
  emerg: 23,
  emergency: 23,
  panic: 23,
};

/**
 * A level as logging libraries write it: a word (case-insensitive: "WARN",
 * "Warning", "E" is not guessed), a pino/bunyan number (10 trace, 20 debug,
 * 30 info, 40 warn, 50 error, 60 fatal) or an OTLP severity number 1..24.
 * null when it is none of these.
 */
export function severityFromValue(value: unknown): Severity | null {
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value % 10 === 0 && value >= 10 && value <= 60) {
      return { number: [1, 5, 9, 13, 17, 21][value / 10 - 1]!, text: String(value) };
    }
    if (value >= 1 && value <= 24) return { number: value, text: String(value) };
    return null;
  }
  if (typeof value !== 'string') return null;
  const n = byWord[value.trim().toLowerCase()];
  return n === undefined ? null : { number: n, text: value.trim() };
}

const levelInText =
  /(?:^|[\s[(|:-])(TRACE|DEBUG|INFO|INFORMATION|NOTICE|WARN|WARNING|ERROR|SEVERE|CRITICAL|FATAL)(?=$|[\s\])|:,-])/i;

/** The first level word near the start of a plain-text line (its first 200 characters). */
export function severityInText(text: string): Severity | null {
  const m = levelInText.exec(text.length > 200 ? text.slice(0, 200) : text);
  return m ? severityFromValue(m[1]) : null;
}
