import type { FileSourceSettings } from '../api/sources';
import { literal } from './names';
import type { YamlValue } from './yaml';

/**
 * The stanza operators that make a file_log receiver read lines the way
 * Sluice's file source does (docs/sources.md, "Records"). Every parse step
 * uses `on_error: send_quiet`: a line that does not parse is still sent, as
 * Sluice keeps it, never dropped.
 */

/** RFC 3339 with nanoseconds, as a Go layout: what time_parser reads. */
const rfc3339Layout = '2006-01-02T15:04:05.999999999Z07:00';

/** Sluice's level words (src/main/sources/file/severity.ts) as stanza severities. */
const severityMapping: Record<string, YamlValue> = {
  trace: ['trace', 'finest', 'verbose', 10],
  debug: ['debug', 'fine', 20],
  info: ['info', 'information', 'informational', 30],
  info2: ['notice'],
  warn: ['warn', 'warning', 40],
  error: ['error', 'err', 'severe', 50],
  fatal: ['fatal', 'critical', 'crit', 60],
  fatal2: ['alert'],
  fatal3: ['emerg', 'emergency', 'panic'],
};

/**
 * A leading RFC 3339 time, then a level word within the first 200
 * characters, each optional. RE2 has no look-ahead, so the word's end is
 * matched as a character (or the end of the line) instead.
 */
const textLinePattern =
  '(?i)^(?:\\[?(?P<sluice_time>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})))?' +
  '(?:.{0,200}?(?:^|[\\s\\[(|:-])(?P<sluice_level>TRACE|DEBUG|INFO|INFORMATION|NOTICE|WARN|WARNING|ERROR|SEVERE|CRITICAL|FATAL)(?:$|[\\s\\])|:,-]))?';

/** A JSON field name (a dotted name is a path into nested objects) as a stanza field. */
function field(name: string): string {
  return `attributes${name
    .split('.')
    .map((part) => `[${JSON.stringify(part)}]`)
    .join('')}`;
}

/** An expr condition: the field is there. */
function present(name: string): string {
  const parts = name.split('.');
  return parts.map((_, i) => `${field(parts.slice(0, i + 1).join('.'))} != nil`).join(' and ');
}

/**
 * One operator per candidate, so that the first field present wins, as
 * Sluice looks them up. They run from the last candidate to the first, each
 * only when no earlier candidate is there: whichever runs, the ones before
 * it are still in place to be checked.
 */
function firstPresent(
  candidates: readonly string[],
  make: (name: string) => Record<string, YamlValue>,
): YamlValue[] {
  const out: YamlValue[] = [];
  for (let i = candidates.length - 1; i >= 0; i--) {
    const name = candidates[i]!;
    const earlier = candidates.slice(0, i).map((c) => `!(${present(c)})`);
    out.push({ ...make(name), if: literal([present(name), ...earlier].join(' and ')) });
  }
  return out;
}

function jsonOperators(s: FileSourceSettings): YamlValue[] {
  const m = s.jsonMapping;
  const ops: YamlValue[] = [
    {
      type: 'json_parser',
      id: 'sluice_json',
      parse_from: 'body',
      parse_to: 'attributes',
      on_error: 'send_quiet',
    },
  ];
  ops.push(
    ...firstPresent(m.body, (name) => ({
      type: 'move',
      from: literal(field(name)),
      to: 'body',
      on_error: 'send_quiet',
    })),
    ...firstPresent(m.timestamp, (name) => ({
      type: 'time_parser',
      parse_from: literal(field(name)),
      layout_type: 'gotime',
      layout: rfc3339Layout,
      on_error: 'send_quiet',
    })),
    ...firstPresent(m.severity, (name) => ({
      type: 'severity_parser',
      parse_from: literal(field(name)),
      mapping: severityMapping,
      on_error: 'send_quiet',
    })),
  );
  if (m.attributes.length > 0) {
    ops.push({
      type: 'retain',
      fields: m.attributes.map((a) => literal(field(a))),
      on_error: 'send_quiet',
    });
  }
  return ops;
}

function textOperators(): YamlValue[] {
  return [
    {
      type: 'regex_parser',
      id: 'sluice_line',
      regex: literal(textLinePattern),
      parse_from: 'body',
      parse_to: 'attributes',
      on_error: 'send_quiet',
    },
    {
      type: 'time_parser',
      if: 'attributes["sluice_time"] != nil',
      parse_from: 'attributes.sluice_time',
      layout_type: 'gotime',
      layout: rfc3339Layout,
      on_error: 'send_quiet',
    },
    {
      type: 'severity_parser',
      if: 'attributes["sluice_level"] != nil',
      parse_from: 'attributes.sluice_level',
      mapping: severityMapping,
      on_error: 'send_quiet',
    },
    { type: 'remove', if: 'attributes["sluice_time"] != nil', field: 'attributes.sluice_time' },
    { type: 'remove', if: 'attributes["sluice_level"] != nil', field: 'attributes.sluice_level' },
  ];
}

export function fileOperators(s: FileSourceSettings): YamlValue[] {
  return s.format === 'json' ? jsonOperators(s) : textOperators();
}

/** What the operators cannot do as Sluice does, for the file's header. */
export function fileOperatorNotes(s: FileSourceSettings): string[] {
  const notes = [
    'Times are read only in RFC 3339 form (2024-05-01T10:00:00Z, with a fraction or an offset); ' +
      'Sluice also reads a space for the T, a comma before the fraction, local times without a zone' +
      (s.format === 'json' ? ' and epoch numbers in seconds, ms, µs or ns.' : '.'),
    'host.name is not added to the resource and the scope is not named sluice.file ' +
      '(add the resource_detection processor with the system detector for host.name).',
  ];
  if (s.format === 'json') {
    notes.push(
      "Trace and span ids in JSON lines stay attributes; Sluice sets them as the record's trace context.",
      'OTLP severity numbers 1..24 in JSON lines are not mapped (words and pino/bunyan numbers are).',
    );
  }
  if (s.multilineStart !== null) {
    notes.push(
      'multilineStart is a JavaScript regular expression in Sluice and RE2 in the Collector: ' +
        'look-arounds and back-references do not exist there; check the pattern.',
    );
  }
  return notes;
}
