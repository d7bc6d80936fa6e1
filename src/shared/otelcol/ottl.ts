import { severityFloorNumbers, type AttributeMatch, type StreamFilter } from '../api/streams';

/**
 * OTTL (the Collector's transformation language) for a stream's filters and
 * changes, written to behave as Sluice's exporter does
 * (src/main/engine/exporter/filters.ts and transforms.ts).
 */

/** An OTTL string literal (Go's escapes, of which JSON's are a subset). */
export function ottlString(text: string): string {
  return JSON.stringify(text);
}

/** A regular expression matching `text` literally (RE2 syntax). */
export function regexLiteral(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * The condition under which a record is below the floor, or null for `any`.
 * Unspecified severity (0) is kept, as Sluice keeps it.
 */
export function belowSeverity(floor: StreamFilter['minSeverity']): string | null {
  const n = severityFloorNumbers[floor];
  return n <= 1 ? null : `severity_number > 0 and severity_number < ${n}`;
}

function matchOn(path: string, m: AttributeMatch): string {
  switch (m.op) {
    case 'equals':
      // String() so that 5 equals "5", as Sluice compares the value's text.
      return `String(${path}) == ${ottlString(m.value)}`;
    case 'contains':
      return `IsMatch(${path}, ${ottlString(regexLiteral(m.value))})`;
    case 'matches':
      return `IsMatch(${path}, ${ottlString(m.value)})`;
  }
}

/**
 * Sluice looks a key up in the record's attributes, then its scope's, then
 * its resource's: the most specific value wins. The condition follows the
 * same order: a level is tried only where the levels before have no value.
 */
export function attributeMatches(m: AttributeMatch): string {
  const key = ottlString(m.key);
  const levels = [
    `attributes[${key}]`,
    `instrumentation_scope.attributes[${key}]`,
    `resource.attributes[${key}]`,
  ];
  const alternatives = levels.map((path, i) => {
    const absent = levels.slice(0, i).map((p) => `${p} == nil`);
    return `(${[...absent, `${path} != nil`, matchOn(path, m)].join(' and ')})`;
  });
  return `(${alternatives.join(' or ')})`;
}

/** The filter processor's conditions: a record matching any of them is dropped. */
export function dropConditions(filter: StreamFilter): string[] {
  const out: string[] = [];
  const severity = belowSeverity(filter.minSeverity);
  if (severity) out.push(severity);
  if (filter.include.length > 0) {
    out.push(`not (${filter.include.map(attributeMatches).join(' and ')})`);
  }
  for (const m of filter.exclude) out.push(attributeMatches(m));
  return out;
}

export const outsystemsLimit = 4_000;

/**
 * Cuts a string value to 4,000 characters. Len and Substring count bytes in
 * the Go code, so they would cut inside a multi-byte character; a regular
 * expression counts characters (RE2 matches UTF-8 runes). RE2 allows at most
 * 1,000 repetitions per operator, hence four groups of 1,000. `$$1` is `$1`
 * once the Collector has read the file (it expands `$`).
 */
export function truncateStatement(path: string): string {
  return (
    `replace_pattern(${path}, "(?s)^((?:.{1000}){4}).+$$", "$$1") ` +
    `where IsString(${path}) and Len(${path}) > ${outsystemsLimit}`
  );
}

export function setResourceAttribute(key: string, value: string): string {
  return `set(attributes[${ottlString(key)}], ${ottlString(value)})`;
}
