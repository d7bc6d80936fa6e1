import { bytesToBase64 } from '../otlp/bytes';
import type { AnyValue } from '../otlp/model';
import { jsonText, scalarText } from './json-text';
import type { RuleId } from './rules';
import type { DtScalar, DtValue, Processing } from './types';

/**
 * OTLP AnyValue -> Dynatrace attribute value.
 *
 * OpenPipeline keeps JSON types. An int64 past 2^53 cannot be a JSON number
 * in JavaScript without losing digits, so it is kept exact as a decimal
 * string (noted); NaN and Infinity are strings too, as JSON has no such
 * numbers. Classic processing stringifies every value.
 *
 * Arrays become arrays of one type (seeds/004 "Data Model Independent
 * Behavior"): complex elements become JSON strings; if any element is or must
 * become a string, all become strings; all-numeric stays numeric; null fits
 * any type. Our reading for the case the seed leaves open: booleans mixed
 * with numbers become strings.
 */

export type NoteFn = (rule: RuleId, detail: string) => void;

function openPipelineScalar(value: AnyValue, note: NoteFn): DtScalar {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'bool':
      return value.value;
    case 'int': {
      const n = Number(value.value);
      if (Number.isSafeInteger(n)) return n;
      note('attribute.int-as-string', `${value.value} is beyond 2^53; kept exact as a string`);
      return value.value.toString();
    }
    case 'double':
      if (Number.isFinite(value.value)) return value.value;
      note('attribute.non-finite-number', `${value.value} is not a JSON number; kept as a string`);
      return String(value.value);
    case 'bytes':
      note('attribute.bytes-base64', `${value.value.length} bytes stored as base64`);
      return bytesToBase64(value.value);
    case 'empty':
      return null;
    case 'array':
    case 'kvlist':
      return jsonText(value);
  }
}

function uniformArray(
  items: readonly AnyValue[],
  processing: Processing,
  note: NoteFn,
): DtScalar[] {
  const silent: NoteFn = () => {};
  const converted = items.map((item) =>
    processing === 'classic'
      ? item.kind === 'empty'
        ? null
        : scalarText(item)
      : openPipelineScalar(item, silent),
  );
  const complex = items.filter((i) => i.kind === 'array' || i.kind === 'kvlist').length;
  if (complex > 0)
    note('attribute.array-uniform', `${complex} nested value(s) written as JSON strings`);
  if (items.some((i) => i.kind === 'bytes'))
    note('attribute.bytes-base64', 'bytes elements stored as base64');
  if (processing === 'classic') return converted;
  const types = new Set(converted.filter((v) => v !== null).map((v) => typeof v));
  if (types.size <= 1) return converted;
  note(
    'attribute.array-uniform',
    `mixed element types (${[...types].join(', ')}): all stored as strings`,
  );
  return converted.map((v, i) => (v === null || typeof v === 'string' ? v : scalarText(items[i]!)));
}

/** Converts one attribute value; `note` receives the notes for the attribute. */
export function toDtValue(value: AnyValue, processing: Processing, note: NoteFn): DtValue {
  if (value.kind === 'array') {
    const array = uniformArray(value.value, processing, note);
    if (
      processing === 'classic' &&
      value.value.some((i) => i.kind !== 'string' && i.kind !== 'empty')
    ) {
      note('attribute.stringified', 'array elements converted to strings');
    }
    return array;
  }
  if (value.kind === 'kvlist') {
    note('attribute.json-string', 'kvlist value stored as a JSON string');
    return jsonText(value);
  }
  if (processing === 'openpipeline') return openPipelineScalar(value, note);
  if (value.kind === 'empty') return null;
  if (value.kind === 'bytes')
    note('attribute.bytes-base64', `${value.value.length} bytes stored as base64`);
  else if (value.kind !== 'string') {
    note(
      'attribute.stringified',
      `${value.kind} value converted to the string "${scalarText(value)}"`,
    );
  }
  return scalarText(value);
}
