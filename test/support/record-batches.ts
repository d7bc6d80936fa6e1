import type { RecordBuffer } from '../../src/main/engine/buffer/buffer';
import {
  ExportRequestBuilder,
  encodeLogRecord,
  encodeResource,
  encodeScope,
  type ExportLogsServiceRequest,
  type RecordBatch,
  type RecordGroup,
} from '../../src/shared/otlp';

/** One record of a batch, as a test looks at it. */
export interface BatchRecord {
  group: RecordGroup;
  groupIndex: number;
  bytes: Uint8Array;
  timeMs: number;
  severity: number;
}

export function recordsOf(batch: RecordBatch): BatchRecord[] {
  const out: BatchRecord[] = [];
  for (let i = 0; i < batch.count; i++) {
    const offset = batch.offsets[i]!;
    out.push({
      group: batch.groups[batch.groupOf[i]!]!,
      groupIndex: batch.groupOf[i]!,
      bytes: batch.payload.subarray(offset, offset + batch.lengths[i]!),
      timeMs: batch.timesMs[i]!,
      severity: batch.severities[i]!,
    });
  }
  return out;
}

/** A request holding every record of the batch, spliced as the exporter splices stored records. */
export function spliceBatch(batch: RecordBatch): Uint8Array {
  const builder = new ExportRequestBuilder();
  for (const r of recordsOf(batch)) {
    builder.add({
      resourceKey: r.groupIndex,
      resource: r.group.resource,
      resourceSchemaUrl: r.group.resourceSchemaUrl,
      scopeKey: r.groupIndex,
      scope: r.group.scope,
      scopeSchemaUrl: r.group.scopeSchemaUrl,
      record: r.bytes,
    });
  }
  return builder.build();
}

/** Every record of a request with its resource and scope, encoded: what a batch of it should hold. */
export function flatRecordsOf(req: ExportLogsServiceRequest) {
  return req.resourceLogs.flatMap((rl) =>
    rl.scopeLogs.flatMap((sl) =>
      sl.logRecords.map((record) => ({
        resource: encodeResource(rl.resource),
        resourceSchemaUrl: rl.schemaUrl,
        scope: encodeScope(sl.scope),
        scopeSchemaUrl: sl.schemaUrl,
        bytes: encodeLogRecord(record),
      })),
    ),
  );
}

/** The same shape, from a batch. */
export function flatRecordsOfBatch(batch: RecordBatch) {
  return recordsOf(batch).map((r) => ({
    resource: new Uint8Array(r.group.resource),
    resourceSchemaUrl: r.group.resourceSchemaUrl,
    scope: new Uint8Array(r.group.scope),
    scopeSchemaUrl: r.group.scopeSchemaUrl,
    bytes: new Uint8Array(r.bytes),
  }));
}

/** Every record the buffer holds for `sourceIds` after `afterSeq`, in seq order: their LogRecord bytes. */
export function storedRecords(
  buffer: RecordBuffer,
  sourceIds: readonly string[],
  afterSeq = 0,
): { seq: number; bytes: Uint8Array }[] {
  return [...buffer.storedRecords(sourceIds, afterSeq)];
}
