import { utf8Length } from './bytes';
import type {
  AnyValue,
  ExportLogsServiceRequest,
  ExportLogsServiceResponse,
  InstrumentationScope,
  KeyValue,
  LogRecord,
  Resource,
  ResourceLogs,
  ScopeLogs,
} from './model';
import { defaultOtlpLimits } from './limits';
import { WireType } from './protobuf/reader';
import { SizeCache, WireWriter, int64Size, varintSize } from './protobuf/writer';
import type { RecordShape } from './record-batch';
import { unknownShape } from './record-shape';

/**
 * Model -> binary protobuf. Fields are written in field-number order and, as
 * proto3 does, fields at their default value are left out (so a record with
 * timeUnixNano 0 carries no field 1). Inside an AnyValue the oneof member is
 * always written, even when it is '' or 0 or false: that is what makes
 * `{ stringValue: '' }` differ from an empty AnyValue.
 *
 * Every message is measured first (sizes of embedded messages go into a
 * SizeCache in write order), then written into one exact-size buffer.
 */

const { VARINT, I64, LEN, I32 } = WireType;

function strSize(text: string): number {
  const n = utf8Length(text);
  return 1 + varintSize(n) + n;
}

/** Measures an embedded message field (tag + length + payload), caching the payload size. */
function embedded(cache: SizeCache, measure: () => number): number {
  const slot = cache.reserve();
  const size = measure();
  cache.set(slot, size);
  return 1 + varintSize(size) + size;
}

// ---- measure ------------------------------------------------------------

/**
 * A LogRecord's shape (RecordShape), noted while `encodeLogRecordWithShape`
 * measures it: the measure pass already visits every value and computes
 * every string's UTF-8 length, so the shape costs almost nothing here, where
 * walking the encoded bytes afterwards (recordShape) took a fifth of the
 * file source's time. Null outside that call.
 */
interface ShapeNotes {
  depth: number;
  valueDepth: number;
  /** AnyValue and KeyValue messages, as the walk counts them against maxValues. */
  values: number;
  maxKeyBytes: number;
  maxValueBytes: number;
}
let notes: ShapeNotes | null = null;

function measureAnyValue(v: AnyValue, c: SizeCache): number {
  const n = notes;
  if (n === null) return measureAnyValueFields(v, c);
  n.values++;
  if (++n.valueDepth > n.depth) n.depth = n.valueDepth;
  const size = measureAnyValueFields(v, c);
  n.valueDepth--;
  return size;
}

/** A string or bytes value of this many bytes (noted for the shape). */
function valueBytes(length: number): number {
  if (notes !== null && length > notes.maxValueBytes) notes.maxValueBytes = length;
  return 1 + varintSize(length) + length;
}

function measureAnyValueFields(v: AnyValue, c: SizeCache): number {
  switch (v.kind) {
    case 'empty':
      return 0;
    case 'string':
      return valueBytes(utf8Length(v.value));
    case 'bool':
      return 2;
    case 'int':
      return 1 + int64Size(v.value);
    case 'double':
      return 9;
    case 'bytes':
      return valueBytes(v.value.length);
    case 'array':
      return embedded(c, () => {
        let size = 0;
        for (const item of v.value) size += embedded(c, () => measureAnyValue(item, c));
        return size;
      });
    case 'kvlist':
      return embedded(c, () => measureKeyValues(v.value, c));
  }
}

function measureKeyValue(kv: KeyValue, c: SizeCache): number {
  if (notes !== null) notes.values++;
  let size = 0;
  if (kv.key) {
    const length = utf8Length(kv.key);
    if (notes !== null && length > notes.maxKeyBytes) notes.maxKeyBytes = length;
    size = 1 + varintSize(length) + length;
  }
  return size + embedded(c, () => measureAnyValue(kv.value, c));
}

function measureKeyValues(list: readonly KeyValue[], c: SizeCache): number {
  let size = 0;
  for (const kv of list) size += embedded(c, () => measureKeyValue(kv, c));
  return size;
}

function measureResource(resource: Resource, c: SizeCache): number {
  let size = measureKeyValues(resource.attributes, c);
  if (resource.droppedAttributesCount) size += 1 + varintSize(resource.droppedAttributesCount);
  return size;
}

function measureScope(scope: InstrumentationScope, c: SizeCache): number {
  let size = 0;
  if (scope.name) size += strSize(scope.name);
  if (scope.version) size += strSize(scope.version);
  size += measureKeyValues(scope.attributes, c);
  if (scope.droppedAttributesCount) size += 1 + varintSize(scope.droppedAttributesCount);
  return size;
}

function measureLogRecord(record: LogRecord, c: SizeCache): number {
  let size = 0;
  if (record.timeUnixNano) size += 9;
  if (record.severityNumber) size += 1 + varintSize(record.severityNumber);
  if (record.severityText) size += strSize(record.severityText);
  if (record.body.kind !== 'empty') size += embedded(c, () => measureAnyValue(record.body, c));
  size += measureKeyValues(record.attributes, c);
  if (record.droppedAttributesCount) size += 1 + varintSize(record.droppedAttributesCount);
  if (record.flags) size += 5;
  if (record.traceId.length) size += 1 + varintSize(record.traceId.length) + record.traceId.length;
  if (record.spanId.length) size += 1 + varintSize(record.spanId.length) + record.spanId.length;
  if (record.observedTimeUnixNano) size += 9;
  if (record.eventName) size += strSize(record.eventName);
  return size;
}

function isEmptyResource(r: Resource): boolean {
  return r.attributes.length === 0 && !r.droppedAttributesCount;
}

function isEmptyScope(s: InstrumentationScope): boolean {
  return !s.name && !s.version && s.attributes.length === 0 && !s.droppedAttributesCount;
}

function measureScopeLogs(sl: ScopeLogs, c: SizeCache): number {
  let size = isEmptyScope(sl.scope) ? 0 : embedded(c, () => measureScope(sl.scope, c));
  for (const record of sl.logRecords) size += embedded(c, () => measureLogRecord(record, c));
  if (sl.schemaUrl) size += strSize(sl.schemaUrl);
  return size;
}

function measureResourceLogs(rl: ResourceLogs, c: SizeCache): number {
  let size = isEmptyResource(rl.resource) ? 0 : embedded(c, () => measureResource(rl.resource, c));
  for (const sl of rl.scopeLogs) size += embedded(c, () => measureScopeLogs(sl, c));
  if (rl.schemaUrl) size += strSize(rl.schemaUrl);
  return size;
}

function measureExportRequest(req: ExportLogsServiceRequest, c: SizeCache): number {
  let size = 0;
  for (const rl of req.resourceLogs) size += embedded(c, () => measureResourceLogs(rl, c));
  return size;
}

function measureExportResponse(res: ExportLogsServiceResponse, c: SizeCache): number {
  const partial = res.partialSuccess;
  if (!partial) return 0;
  return embedded(c, () => {
    let size = 0;
    if (partial.rejectedLogRecords) size += 1 + int64Size(partial.rejectedLogRecords);
    if (partial.errorMessage) size += strSize(partial.errorMessage);
    return size;
  });
}

// ---- write --------------------------------------------------------------

/** Writes an embedded message field whose size the measure pass cached. */
function writeEmbedded(w: WireWriter, c: SizeCache, field: number, write: () => void): void {
  w.tag(field, LEN);
  w.varint(c.take());
  write();
}

function writeAnyValue(w: WireWriter, v: AnyValue, c: SizeCache): void {
  switch (v.kind) {
    case 'empty':
      return;
    case 'string':
      w.tag(1, LEN);
      w.string(v.value);
      return;
    case 'bool':
      w.tag(2, VARINT);
      w.varint(v.value ? 1 : 0);
      return;
    case 'int':
      w.tag(3, VARINT);
      w.int64(v.value);
      return;
    case 'double':
      w.tag(4, I64);
      w.double(v.value);
      return;
    case 'array':
      writeEmbedded(w, c, 5, () => {
        for (const item of v.value) writeEmbedded(w, c, 1, () => writeAnyValue(w, item, c));
      });
      return;
    case 'kvlist':
      writeEmbedded(w, c, 6, () => writeKeyValues(w, 1, v.value, c));
      return;
    case 'bytes':
      w.tag(7, LEN);
      w.bytes(v.value);
      return;
  }
}

function writeKeyValues(w: WireWriter, field: number, list: readonly KeyValue[], c: SizeCache) {
  for (const kv of list) {
    writeEmbedded(w, c, field, () => {
      if (kv.key) {
        w.tag(1, LEN);
        w.string(kv.key);
      }
      writeEmbedded(w, c, 2, () => writeAnyValue(w, kv.value, c));
    });
  }
}

function writeVarintField(w: WireWriter, field: number, value: number): void {
  if (!value) return;
  w.tag(field, VARINT);
  w.varint(value);
}

function writeStringField(w: WireWriter, field: number, value: string): void {
  if (!value) return;
  w.tag(field, LEN);
  w.string(value);
}

function writeResource(w: WireWriter, resource: Resource, c: SizeCache): void {
  writeKeyValues(w, 1, resource.attributes, c);
  writeVarintField(w, 2, resource.droppedAttributesCount);
}

function writeScope(w: WireWriter, scope: InstrumentationScope, c: SizeCache): void {
  writeStringField(w, 1, scope.name);
  writeStringField(w, 2, scope.version);
  writeKeyValues(w, 3, scope.attributes, c);
  writeVarintField(w, 4, scope.droppedAttributesCount);
}

function writeLogRecord(w: WireWriter, record: LogRecord, c: SizeCache): void {
  if (record.timeUnixNano) {
    w.tag(1, I64);
    w.fixed64(record.timeUnixNano);
  }
  writeVarintField(w, 2, record.severityNumber);
  writeStringField(w, 3, record.severityText);
  if (record.body.kind !== 'empty') writeEmbedded(w, c, 5, () => writeAnyValue(w, record.body, c));
  writeKeyValues(w, 6, record.attributes, c);
  writeVarintField(w, 7, record.droppedAttributesCount);
  if (record.flags) {
    w.tag(8, I32);
    w.fixed32(record.flags);
  }
  if (record.traceId.length) {
    w.tag(9, LEN);
    w.bytes(record.traceId);
  }
  if (record.spanId.length) {
    w.tag(10, LEN);
    w.bytes(record.spanId);
  }
  if (record.observedTimeUnixNano) {
    w.tag(11, I64);
    w.fixed64(record.observedTimeUnixNano);
  }
  writeStringField(w, 12, record.eventName);
}

function writeScopeLogs(w: WireWriter, sl: ScopeLogs, c: SizeCache): void {
  if (!isEmptyScope(sl.scope)) writeEmbedded(w, c, 1, () => writeScope(w, sl.scope, c));
  for (const record of sl.logRecords) writeEmbedded(w, c, 2, () => writeLogRecord(w, record, c));
  writeStringField(w, 3, sl.schemaUrl);
}

function writeResourceLogs(w: WireWriter, rl: ResourceLogs, c: SizeCache): void {
  if (!isEmptyResource(rl.resource)) writeEmbedded(w, c, 1, () => writeResource(w, rl.resource, c));
  for (const sl of rl.scopeLogs) writeEmbedded(w, c, 2, () => writeScopeLogs(w, sl, c));
  writeStringField(w, 3, rl.schemaUrl);
}

// ---- public -------------------------------------------------------------

function encode<T>(
  message: T,
  measure: (m: T, c: SizeCache) => number,
  write: (w: WireWriter, m: T, c: SizeCache) => void,
  into?: (size: number) => Uint8Array,
): Uint8Array {
  const cache = new SizeCache();
  const size = measure(message, cache);
  const writer = new WireWriter(into ? into(size) : size);
  write(writer, message, cache);
  if (writer.pos !== writer.buf.length) throw new Error('internal: encoded size mismatch');
  return writer.buf;
}

export function encodeAnyValue(value: AnyValue): Uint8Array {
  return encode(value, measureAnyValue, writeAnyValue);
}

/** One LogRecord message: what the buffer stores per record. */
export function encodeLogRecord(record: LogRecord): Uint8Array {
  return encode(record, measureLogRecord, writeLogRecord);
}

/**
 * `encodeLogRecord` and the record's shape, exactly as `recordShape` reads
 * it from the bytes (a test holds the two equal), noted while measuring.
 * With `into`, the record is written into the bytes it returns for its size
 * (a batch's payload: no buffer of its own per record).
 */
export function encodeLogRecordWithShape(
  record: LogRecord,
  into?: (size: number) => Uint8Array,
): {
  bytes: Uint8Array;
  shape: RecordShape;
} {
  const n: ShapeNotes = { depth: 0, valueDepth: 0, values: 0, maxKeyBytes: 0, maxValueBytes: 0 };
  notes = n;
  let bytes: Uint8Array;
  try {
    bytes = encode(record, measureLogRecord, writeLogRecord, into);
  } finally {
    notes = null;
  }
  // Where walking the bytes would stop at a limit, the shape is unknown.
  const beyond =
    n.depth > defaultOtlpLimits.maxValueDepth || n.values > defaultOtlpLimits.maxValues;
  const shape: RecordShape = beyond
    ? unknownShape
    : {
        attributes: record.attributes.length,
        depth: n.depth,
        maxKeyBytes: n.maxKeyBytes,
        maxValueBytes: n.maxValueBytes,
      };
  return { bytes, shape };
}

export function encodeResource(resource: Resource): Uint8Array {
  return encode(resource, measureResource, writeResource);
}

export function encodeScope(scope: InstrumentationScope): Uint8Array {
  return encode(scope, measureScope, writeScope);
}

export function encodeExportRequest(request: ExportLogsServiceRequest): Uint8Array {
  return encode(request, measureExportRequest, (w, req, c) => {
    for (const rl of req.resourceLogs) writeEmbedded(w, c, 1, () => writeResourceLogs(w, rl, c));
  });
}

/** The encoded size of a request, without encoding it. */
export function exportRequestEncodedSize(request: ExportLogsServiceRequest): number {
  return measureExportRequest(request, new SizeCache());
}

export function encodeExportResponse(response: ExportLogsServiceResponse): Uint8Array {
  return encode(response, measureExportResponse, (w, res, c) => {
    const partial = res.partialSuccess;
    if (!partial) return;
    writeEmbedded(w, c, 1, () => {
      if (partial.rejectedLogRecords) {
        w.tag(1, VARINT);
        w.int64(partial.rejectedLogRecords);
      }
      writeStringField(w, 2, partial.errorMessage);
    });
  });
}
