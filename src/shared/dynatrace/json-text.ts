import { bytesToBase64 } from '../otlp/bytes';
import type { AnyValue } from '../otlp/model';

/**
 * How complex OTLP values become text in a Dynatrace record.
 *
 * Attribute values (jsonText). Our reading of the seed's raw-model example
 *   "test": "{ "attribute": "{\"one\": \"value 1\", \"two\": \"value 2\"}}"}
 * is that "complex values are converted to JSON strings" applies at every
 * level: a kvlist becomes a JSON object whose nested complex values are
 * themselves JSON strings (hence the escaped quotes one level down).
 *
 * Content (jsonDocument). For the Body the seed says "the structure is
 * stringified as JSON", so a complex Body is one ordinary nested JSON
 * document.
 *
 * Both use the example's separators, `": "` and `", "`. Scalars keep their
 * JSON type; int64 is written with all its digits (JSON text has no 2^53
 * limit); bytes are base64 strings; NaN and Infinity are strings; an empty
 * value is null.
 */

const JSON_STRING_FOR_NON_FINITE = (n: number) => JSON.stringify(String(n));

/** The text form of a scalar (what "stringified" means for content and classic processing). */
export function scalarText(value: AnyValue): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'int':
      return value.value.toString();
    case 'double':
      return String(value.value);
    case 'bytes':
      return bytesToBase64(value.value);
    case 'empty':
      return '';
    case 'array':
    case 'kvlist':
      return jsonText(value);
  }
}

/** JSON for a scalar; `complex` says how to write an array or kvlist. */
function jsonMember(value: AnyValue, complex: (v: AnyValue) => string = nestedAsString): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'int':
      return value.value.toString();
    case 'double':
      return Number.isFinite(value.value)
        ? JSON.stringify(value.value)
        : JSON_STRING_FOR_NON_FINITE(value.value);
    case 'bytes':
      return JSON.stringify(bytesToBase64(value.value));
    case 'empty':
      return 'null';
    case 'array':
    case 'kvlist':
      return complex(value);
  }
}

const nestedAsString = (value: AnyValue) => JSON.stringify(jsonText(value));

function jsonContainer(value: AnyValue, member: (v: AnyValue) => string): string {
  if (value.kind === 'kvlist') {
    const members = value.value.map((kv) => `${JSON.stringify(kv.key)}: ${member(kv.value)}`);
    return `{${members.join(', ')}}`;
  }
  if (value.kind === 'array') return `[${value.value.map(member).join(', ')}]`;
  return member(value);
}

/** An attribute value as JSON text: nested complex values are JSON strings. */
export function jsonText(value: AnyValue): string {
  return jsonContainer(value, (v) => jsonMember(v));
}

/** A Body as one nested JSON document (for content). */
export function jsonDocument(value: AnyValue): string {
  const member = (v: AnyValue): string => jsonMember(v, (c) => jsonContainer(c, member));
  return jsonContainer(value, member);
}
