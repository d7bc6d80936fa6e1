/**
 * OTLP requests no real client sends, built in linear time and memory, for
 * the tests that show every decoder refuses them cleanly (docs/otlp.md,
 * "Limits").
 */

export const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
};

/** A length-delimited field: tag byte, length, payload. */
function field(tag: number, payload: Uint8Array): Uint8Array {
  const head = [tag, ...varint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/** ExportLogsServiceRequest{resourceLogs[ScopeLogs{logRecords: records}]} around encoded LogRecords. */
export function requestAround(records: Uint8Array): Uint8Array {
  return field(0x0a, field(0x12, records));
}

/**
 * AnyValue{arrayValue{values[AnyValue{...}]}} nested `depth` times, as the
 * body of one LogRecord, in a request. Built inside out: each level is only
 * a prefix (tag and length of the AnyValue's array, tag and length of its
 * value).
 */
export function deepProtobuf(depth: number): Uint8Array {
  const prefixes: number[][] = [];
  let inner = 0;
  for (let i = 0; i < depth; i++) {
    const array = 1 + varint(inner).length + inner;
    prefixes.push([0x2a, ...varint(array), 0x0a, ...varint(inner)]);
    inner = 1 + varint(array).length + array;
  }
  const body = new Uint8Array(prefixes.reverse().flat());
  // LogRecord.body (field 5) holding the nested value.
  return requestAround(field(0x12, field(0x2a, body)));
}

/** The same nesting in OTLP/JSON. */
export function deepJson(depth: number): string {
  return `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"x"}${']}}'.repeat(depth)}}]}]}]}`;
}

/** `count` empty LogRecords (two bytes each) in one request: the most records per byte. */
export function emptyRecords(count: number): Uint8Array {
  const records = new Uint8Array(count * 2);
  for (let i = 0; i < count; i++) records[i * 2] = 0x12; // logRecords, length 0
  return requestAround(records);
}

/** One LogRecord with `count` empty attributes (KeyValue{}): the most values per byte. */
export function wideRecord(count: number): Uint8Array {
  const attributes = new Uint8Array(count * 2);
  for (let i = 0; i < count; i++) attributes[i * 2] = 0x32; // attributes, length 0
  return requestAround(field(0x12, attributes));
}
