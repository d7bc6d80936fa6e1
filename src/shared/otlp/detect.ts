/**
 * Tells OTLP/JSON from binary protobuf by looking at the bytes, for inputs
 * with no reliable content type (files, pasted text, stdin).
 *
 * JSON must start with `{` after optional whitespace and a UTF-8 BOM. The
 * byte 0x7B (`{`) can never start a protobuf ExportLogsServiceRequest (it
 * would be field 15 with the start-group wire type), so a leading `{` is
 * decisive. Leading whitespace is ambiguous, because 0x0A (newline) is also
 * the tag of resource_logs, so then the bytes count as protobuf only if
 * their top level frames exactly as a sequence of length-delimited fields.
 */
export type OtlpEncoding = 'json' | 'protobuf';

function isJsonWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** True when the top level is a sequence of well-framed length-delimited fields. */
function framesAsProtobuf(bytes: Uint8Array): boolean {
  let pos = 0;
  while (pos < bytes.length) {
    const tag = bytes[pos++]!;
    if ((tag & 7) !== 2 || tag >> 3 === 0 || tag >= 0x80) return false;
    let length = 0;
    let shift = 0;
    for (;;) {
      if (pos >= bytes.length || shift > 28) return false;
      const b = bytes[pos++]!;
      length += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    pos += length;
  }
  return pos === bytes.length;
}

export function detectEncoding(bytes: Uint8Array): OtlpEncoding {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  const start = i;
  while (i < bytes.length && isJsonWhitespace(bytes[i]!)) i++;
  if (bytes[i] !== 0x7b) return 'protobuf';
  if (i === start) return 'json';
  return framesAsProtobuf(bytes) ? 'protobuf' : 'json';
}
