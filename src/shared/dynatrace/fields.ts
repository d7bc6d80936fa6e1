import type { LogRecord } from '../otlp/model';
import { findKey, type Entry } from './entries';
import { jsonDocument, scalarText } from './json-text';
import { normalizeLoglevel, severityNumberName } from './loglevel';
import type { RulesProfile } from './profiles';
import type { RuleId } from './rules';
import { formatTimestamp, parseTimestampValue } from './timestamp';
import type { DataModel, DynatraceNote } from './types';

/**
 * The record's three own fields: timestamp, loglevel, content.
 *
 * A body key (or, under 'current-docs' and 'classic', a record attribute for
 * the timestamp and the loglevel) that sets one of them becomes that field and is not kept as an attribute
 * as well (our reading: Dynatrace's record has one place for each).
 */

export interface FieldInputs {
  record: LogRecord;
  model: DataModel;
  profile: RulesProfile;
  now: bigint;
  /** Flattened model with a kvlist Body: the body's keys; otherwise null. */
  bodyEntries: Entry[] | null;
  recordEntries: Entry[];
  /** Entries that became a field; the caller does not store them as attributes. */
  consumed: Set<Entry>;
  notes: DynatraceNote[];
}

function note(inputs: FieldInputs, field: string, rule: RuleId, detail: string): void {
  inputs.notes.push({ field, rule, detail });
}

const MINUTE_NS = 60_000_000_000n;

/** "24 h 1 min", "3 d 2 h": precise to the minute near the 24-hour limit, where it matters. */
export function ageText(ns: bigint): string {
  const minutes = ns / MINUTE_NS;
  const hours = minutes / 60n;
  if (hours === 0n) return `${minutes} min`;
  if (hours < 48n) return `${hours} h ${minutes % 60n} min`;
  return `${hours / 24n} d ${hours % 24n} h`;
}

export type TimestampResult = { kind: 'kept'; ns: bigint } | { kind: 'dropped'; reason: string };

/** Looks for a parseable timestamp key among entries; notes the keys it had to skip. */
function timestampFromEntries(
  inputs: FieldInputs,
  entries: readonly Entry[],
  where: string,
): { ns: bigint; entry: Entry } | null {
  const { profile, now } = inputs;
  const skipped = new Set<Entry>();
  for (;;) {
    const index = findKey(
      entries,
      profile.timestampKeys,
      profile.caseInsensitiveKeys,
      (e) => !skipped.has(e),
    );
    if (index < 0) return null;
    const entry = entries[index]!;
    const ns = entry.value ? parseTimestampValue(entry.value, profile, now) : null;
    if (ns !== null) return { ns, entry };
    skipped.add(entry);
    const shown = entry.value ? JSON.stringify(scalarText(entry.value)) : 'a truncated value';
    note(
      inputs,
      'timestamp',
      'timestamp.unparseable',
      `${where} key "${entry.key}" holds ${shown}, which is not UTC milliseconds, RFC 3339 or RFC 3164; skipped`,
    );
  }
}

export function resolveTimestamp(inputs: FieldInputs): TimestampResult {
  const { record, profile, now } = inputs;
  const limits = profile.limits;
  let ns: bigint | null = null;
  let from = '';
  if (record.timeUnixNano !== 0n) {
    ns = record.timeUnixNano;
    from = 'the Timestamp field';
    note(inputs, 'timestamp', 'timestamp.from-field', `from Timestamp ${record.timeUnixNano} ns`);
  }
  if (ns === null && inputs.bodyEntries) {
    const found = timestampFromEntries(inputs, inputs.bodyEntries, 'body');
    if (found) {
      ns = found.ns;
      from = `body key "${found.entry.key}"`;
      inputs.consumed.add(found.entry);
      note(
        inputs,
        'timestamp',
        'timestamp.from-body',
        `Timestamp is 0 (unset); taken from ${from}`,
      );
    }
  }
  if (ns === null && profile.timestampFromAttributes) {
    const found = timestampFromEntries(inputs, inputs.recordEntries, 'attribute');
    if (found) {
      ns = found.ns;
      from = `attribute "${found.entry.key}"`;
      inputs.consumed.add(found.entry);
      note(
        inputs,
        'timestamp',
        'timestamp.from-attribute',
        `Timestamp is 0 (unset); taken from ${from}`,
      );
    }
  }
  if (ns === null) {
    note(
      inputs,
      'timestamp',
      'timestamp.default-now',
      'no usable timestamp; the ingest time is used',
    );
    return { kind: 'kept', ns: now };
  }
  if (now - ns > limits.logAgeNs) {
    return {
      kind: 'dropped',
      reason:
        `Dynatrace discards records older than the log age limit of ${limits.logAgeText}; ` +
        `this one is ${ageText(now - ns)} old (timestamp ${formatTimestamp(ns)} from ${from}, ` +
        `now ${formatTimestamp(now)})`,
    };
  }
  if (ns - now > limits.futureToleranceNs) {
    note(
      inputs,
      'timestamp',
      'timestamp.future-replaced',
      `${formatTimestamp(ns)} (from ${from}) is more than 10 minutes ahead of now; replaced with now`,
    );
    return { kind: 'kept', ns: now };
  }
  return { kind: 'kept', ns };
}

/** Applies the 'current-docs' level mapping to text that becomes the loglevel. */
function levelText(inputs: FieldInputs, text: string): string {
  if (!inputs.profile.normalizeLoglevel) return text;
  const mapped = normalizeLoglevel(text);
  if (mapped === null) return text;
  if (mapped !== text)
    note(inputs, 'loglevel', 'loglevel.normalized', `"${text}" maps to ${mapped}`);
  return mapped;
}

/** The first level key with a usable value among entries, which then becomes the loglevel. */
function levelFromEntries(
  inputs: FieldInputs,
  entries: readonly Entry[],
): { key: string; text: string } | null {
  // A map is no level (under the raw model a record attribute can still be one).
  const usable = (e: Entry) =>
    e.value !== null &&
    e.value.kind !== 'empty' &&
    e.value.kind !== 'kvlist' &&
    scalarText(e.value) !== '';
  const index = findKey(
    entries,
    inputs.profile.loglevelKeys,
    inputs.profile.caseInsensitiveKeys,
    usable,
  );
  if (index < 0) return null;
  const entry = entries[index]!;
  inputs.consumed.add(entry);
  return { key: entry.key, text: scalarText(entry.value!) };
}

export function resolveLoglevel(inputs: FieldInputs): string {
  const { record, profile } = inputs;
  if (record.severityText !== '') {
    note(
      inputs,
      'loglevel',
      'loglevel.from-severity-text',
      `from SeverityText "${record.severityText}"`,
    );
    return levelText(inputs, record.severityText);
  }
  const name = severityNumberName(record.severityNumber);
  if (name) {
    note(
      inputs,
      'loglevel',
      'loglevel.from-severity-number',
      `from SeverityNumber ${record.severityNumber} (${name})`,
    );
    return levelText(inputs, name);
  }
  const fromBody = inputs.bodyEntries ? levelFromEntries(inputs, inputs.bodyEntries) : null;
  if (fromBody !== null) {
    note(
      inputs,
      'loglevel',
      'loglevel.from-body',
      `no severity set; taken from body key "${fromBody.key}"`,
    );
    return levelText(inputs, fromBody.text);
  }
  const fromAttributes = profile.loglevelFromAttributes
    ? levelFromEntries(inputs, inputs.recordEntries)
    : null;
  if (fromAttributes !== null) {
    note(
      inputs,
      'loglevel',
      'loglevel.from-attribute',
      `no severity set; taken from attribute "${fromAttributes.key}"`,
    );
    return levelText(inputs, fromAttributes.text);
  }
  note(inputs, 'loglevel', 'loglevel.default-none', 'no SeverityText, SeverityNumber or level key');
  return 'NONE';
}

export function resolveContent(inputs: FieldInputs): string {
  const { record, profile } = inputs;
  const body = record.body;
  if (inputs.bodyEntries) {
    const index = findKey(
      inputs.bodyEntries,
      profile.contentKeys,
      profile.caseInsensitiveKeys,
      (e) => e.value !== null,
    );
    if (index < 0) {
      note(
        inputs,
        'content',
        'content.empty',
        `kvlist Body has none of ${profile.contentKeys.join(', ')}`,
      );
      return '';
    }
    const entry = inputs.bodyEntries[index]!;
    inputs.consumed.add(entry);
    note(inputs, 'content', 'content.from-body-key', `from body key "${entry.key}"`);
    const value = entry.value!;
    return value.kind === 'array' ? jsonDocument(value) : scalarText(value);
  }
  switch (body.kind) {
    case 'empty':
      note(inputs, 'content', 'content.empty', 'the record has no Body');
      return '';
    case 'string':
      note(inputs, 'content', 'content.from-body', 'from the string Body');
      return body.value;
    case 'array':
    case 'kvlist':
      note(inputs, 'content', 'content.json', `${body.kind} Body written as JSON`);
      return jsonDocument(body);
    default:
      note(inputs, 'content', 'content.stringified', `${body.kind} Body converted to a string`);
      return scalarText(body);
  }
}
