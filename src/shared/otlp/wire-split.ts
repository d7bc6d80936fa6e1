import { concatBytes } from './bytes';
import { OtlpDecodeError } from './errors';
import { WireReader, WireType } from './protobuf/reader';

/**
 * Splits an ExportLogsServiceRequest into its resource groups, scope groups
 * and each LogRecord's own message bytes, walking the wire format without
 * building the model: strings are not decoded and nothing is copied (all
 * Uint8Arrays returned are views into the input). Per record it reads only
 * what the engine indexes: the two timestamps and the severity number.
 *
 * The walk still checks the whole structure, including bodies and attributes
 * down to every nested AnyValue, so bytes that pass here can be stored and
 * later spliced into requests a server will parse. It does not check that
 * strings are valid UTF-8.
 */

export interface SplitLogRecord {
  /** The LogRecord message bytes (without the field tag and length). */
  bytes: Uint8Array;
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
}

export interface SplitScopeLogs {
  /** InstrumentationScope message bytes; empty when the field is absent. */
  scope: Uint8Array;
  scopeSchemaUrl: string;
  records: SplitLogRecord[];
}

export interface SplitResourceLogs {
  /** Resource message bytes; empty when the field is absent. */
  resource: Uint8Array;
  resourceSchemaUrl: string;
  scopes: SplitScopeLogs[];
}

const { VARINT, I64, LEN, I32 } = WireType;
const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder();
const RECORD_LEN_FIELDS: Record<number, string> = {
  3: 'severityText',
  9: 'traceId',
  10: 'spanId',
  12: 'eventName',
};

/** Adds a path segment to errors thrown while walking one element. */
function rethrowWithin(err: unknown, segment: string): never {
  if (err instanceof OtlpDecodeError) throw err.within(segment);
  throw err;
}

/** Moves the reader into an embedded message; returns the outer limit to restore. */
function open(r: WireReader): number {
  const end = r.lengthDelimited();
  const outer = r.end;
  r.end = end;
  return outer;
}

function close(r: WireReader, outer: number): void {
  r.end = outer;
}

function checkString(r: WireReader, tag: number, name: string, at: number): void {
  r.expect(tag, LEN, name, at);
  r.pos = r.lengthDelimited();
}

function checkAnyValue(r: WireReader): void {
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    const fieldNumber = tag >>> 3;
    if (fieldNumber === 1 || fieldNumber === 7) {
      checkString(r, tag, fieldNumber === 1 ? 'stringValue' : 'bytesValue', at);
    } else if (fieldNumber === 2 || fieldNumber === 3) {
      r.expect(tag, VARINT, fieldNumber === 2 ? 'boolValue' : 'intValue', at);
      r.skip(tag);
    } else if (fieldNumber === 4) {
      r.expect(tag, I64, 'doubleValue', at);
      r.skip(tag);
    } else if (fieldNumber === 5 || fieldNumber === 6) {
      const name = fieldNumber === 5 ? 'arrayValue' : 'kvlistValue';
      r.expect(tag, LEN, name, at);
      const outer = open(r);
      try {
        checkValueList(r, fieldNumber === 5);
      } catch (err) {
        rethrowWithin(err, name);
      }
      close(r, outer);
    } else r.skip(tag);
  }
}

function checkValueList(r: WireReader, ofAnyValues: boolean): void {
  let index = 0;
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 !== 1) {
      r.skip(tag);
      continue;
    }
    r.expect(tag, LEN, 'values', at);
    const outer = open(r);
    try {
      if (ofAnyValues) checkAnyValue(r);
      else checkKeyValue(r);
    } catch (err) {
      rethrowWithin(err, `values[${index}]`);
    }
    close(r, outer);
    index++;
  }
}

function checkKeyValue(r: WireReader): void {
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 === 1) checkString(r, tag, 'key', at);
    else if (tag >>> 3 === 2) {
      r.expect(tag, LEN, 'value', at);
      const outer = open(r);
      try {
        checkAnyValue(r);
      } catch (err) {
        rethrowWithin(err, 'value');
      }
      close(r, outer);
    } else r.skip(tag);
  }
}

/** One `attributes` element (a KeyValue) at the reader's position. */
function checkAttribute(r: WireReader, tag: number, at: number, index: number): void {
  r.expect(tag, LEN, 'attributes', at);
  const outer = open(r);
  try {
    checkKeyValue(r);
  } catch (err) {
    rethrowWithin(err, `attributes[${index}]`);
  }
  close(r, outer);
}

function checkResource(r: WireReader): void {
  let attributes = 0;
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 === 1) checkAttribute(r, tag, at, attributes++);
    else if (tag >>> 3 === 2) {
      r.expect(tag, VARINT, 'droppedAttributesCount', at);
      r.skip(tag);
    } else r.skip(tag);
  }
}

function checkScope(r: WireReader): void {
  let attributes = 0;
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    const fieldNumber = tag >>> 3;
    if (fieldNumber === 1) checkString(r, tag, 'name', at);
    else if (fieldNumber === 2) checkString(r, tag, 'version', at);
    else if (fieldNumber === 3) checkAttribute(r, tag, at, attributes++);
    else if (fieldNumber === 4) {
      r.expect(tag, VARINT, 'droppedAttributesCount', at);
      r.skip(tag);
    } else r.skip(tag);
  }
}

/** Walks one LogRecord (the reader limited to it) and returns its indexed fields. */
function walkLogRecord(r: WireReader): SplitLogRecord {
  const start = r.pos;
  const record: SplitLogRecord = {
    bytes: EMPTY,
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
  };
  let attributes = 0;
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, I64, 'timeUnixNano', at);
        record.timeUnixNano = r.fixed64();
        break;
      case 11:
        r.expect(tag, I64, 'observedTimeUnixNano', at);
        record.observedTimeUnixNano = r.fixed64();
        break;
      case 2:
        r.expect(tag, VARINT, 'severityNumber', at);
        record.severityNumber = r.varint32() | 0;
        break;
      case 3:
      case 9:
      case 10:
      case 12:
        checkString(r, tag, RECORD_LEN_FIELDS[tag >>> 3]!, at);
        break;
      case 5: {
        r.expect(tag, LEN, 'body', at);
        const outer = open(r);
        try {
          checkAnyValue(r);
        } catch (err) {
          rethrowWithin(err, 'body');
        }
        close(r, outer);
        break;
      }
      case 6:
        checkAttribute(r, tag, at, attributes++);
        break;
      case 7:
        r.expect(tag, VARINT, 'droppedAttributesCount', at);
        r.skip(tag);
        break;
      case 8:
        r.expect(tag, I32, 'flags', at);
        r.skip(tag);
        break;
      default:
        r.skip(tag);
    }
  }
  record.bytes = r.buf.subarray(start, r.end);
  return record;
}

/**
 * Reads an embedded message field as a view after checking it; a second
 * occurrence is merged by concatenation, which is protobuf's merge rule.
 */
function embeddedView(
  r: WireReader,
  previous: Uint8Array,
  check: (r: WireReader) => void,
  name: string,
): Uint8Array {
  const outer = open(r);
  const start = r.pos;
  try {
    check(r);
  } catch (err) {
    rethrowWithin(err, name);
  }
  const view = r.buf.subarray(start, r.end);
  close(r, outer);
  return previous.length === 0 ? view : concatBytes([previous, view]);
}

function readSchemaUrl(r: WireReader, tag: number, at: number): string {
  r.expect(tag, LEN, 'schemaUrl', at);
  const end = r.lengthDelimited();
  const text = end === r.pos ? '' : utf8.decode(r.buf.subarray(r.pos, end));
  r.pos = end;
  return text;
}

function walkScopeLogs(r: WireReader): SplitScopeLogs {
  const group: SplitScopeLogs = { scope: EMPTY, scopeSchemaUrl: '', records: [] };
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    const fieldNumber = tag >>> 3;
    if (fieldNumber === 2) {
      r.expect(tag, LEN, 'logRecords', at);
      const outer = open(r);
      try {
        group.records.push(walkLogRecord(r));
      } catch (err) {
        rethrowWithin(err, `logRecords[${group.records.length}]`);
      }
      close(r, outer);
    } else if (fieldNumber === 1) {
      r.expect(tag, LEN, 'scope', at);
      group.scope = embeddedView(r, group.scope, checkScope, 'scope');
    } else if (fieldNumber === 3) group.scopeSchemaUrl = readSchemaUrl(r, tag, at);
    else r.skip(tag);
  }
  return group;
}

function walkResourceLogs(r: WireReader): SplitResourceLogs {
  const group: SplitResourceLogs = { resource: EMPTY, resourceSchemaUrl: '', scopes: [] };
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    const fieldNumber = tag >>> 3;
    if (fieldNumber === 2) {
      r.expect(tag, LEN, 'scopeLogs', at);
      const outer = open(r);
      try {
        group.scopes.push(walkScopeLogs(r));
      } catch (err) {
        rethrowWithin(err, `scopeLogs[${group.scopes.length}]`);
      }
      close(r, outer);
    } else if (fieldNumber === 1) {
      r.expect(tag, LEN, 'resource', at);
      group.resource = embeddedView(r, group.resource, checkResource, 'resource');
    } else if (fieldNumber === 3) group.resourceSchemaUrl = readSchemaUrl(r, tag, at);
    else r.skip(tag);
  }
  return group;
}

/**
 * Splits a binary ExportLogsServiceRequest. Throws OtlpDecodeError naming the
 * path and byte offset of the first malformed field.
 */
export function splitExportRequest(bytes: Uint8Array): SplitResourceLogs[] {
  const r = new WireReader(bytes);
  const groups: SplitResourceLogs[] = [];
  while (!r.atEnd()) {
    const at = r.pos;
    const tag = r.tag();
    if (tag >>> 3 !== 1) {
      r.skip(tag);
      continue;
    }
    r.expect(tag, LEN, 'resourceLogs', at);
    const outer = open(r);
    try {
      groups.push(walkResourceLogs(r));
    } catch (err) {
      rethrowWithin(err, `resourceLogs[${groups.length}]`);
    }
    close(r, outer);
  }
  return groups;
}

/** Number of log records in a split request. */
export function countSplitRecords(groups: readonly SplitResourceLogs[]): number {
  let n = 0;
  for (const g of groups) for (const s of g.scopes) n += s.records.length;
  return n;
}
