import type { AnyValue, LogRecord } from '../otlp/model';

/**
 * OutSystems compatibility (seeds/000): "Large 'content' and
 * 'exception.stacktrace' attribute values are truncated to 4,000 characters
 * before streaming."
 *
 * A character here is a UTF-16 code unit, as in .NET (OutSystems) and
 * JavaScript string lengths, except that a cut never splits a surrogate pair
 * (the cut moves one unit earlier instead), so the result is valid text.
 */
export const OUTSYSTEMS_MAX_CHARS = 4000;
export const OUTSYSTEMS_TRUNCATED_ATTRIBUTE = 'exception.stacktrace';

/** `text` cut to `max` UTF-16 units without splitting a surrogate pair. */
export function truncateChars(text: string, max = OUTSYSTEMS_MAX_CHARS): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}

function truncateValue(value: AnyValue): AnyValue | null {
  if (value.kind !== 'string' || value.value.length <= OUTSYSTEMS_MAX_CHARS) return null;
  return { kind: 'string', value: truncateChars(value.value) };
}

/**
 * For an exporter with the OutSystems option on: the record with a string
 * Body and string `exception.stacktrace` attributes cut to 4,000 characters,
 * or null when nothing needs cutting (so the stored bytes can be sent as is).
 */
export function applyOutSystemsTruncation(record: LogRecord): LogRecord | null {
  const body = truncateValue(record.body);
  let changed = body !== null;
  const attributes = record.attributes.map((kv) => {
    if (kv.key !== OUTSYSTEMS_TRUNCATED_ATTRIBUTE) return kv;
    const value = truncateValue(kv.value);
    if (!value) return kv;
    changed = true;
    return { key: kv.key, value };
  });
  return changed ? { ...record, body: body ?? record.body, attributes } : null;
}
