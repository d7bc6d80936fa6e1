import { SampleGenerator } from '../../src/main/sources/sample/generator';
import {
  av,
  decodeLogRecord,
  encodeLogRecord,
  ExportRequestBuilder,
  kv,
  type RecordBatch,
} from '../../src/shared/otlp';

/**
 * Realistic records for every scenario: the sample-data generator's
 * OutSystems-like application logs (several services, every severity,
 * request attributes, trace context, some multi-line stack traces; about
 * 620 bytes per record as protobuf). Timestamps are "now", so the local
 * Dynatrace endpoint does not reject them as older than its 24-hour limit.
 */
export function realisticBatch(count: number, seed: number, nowMs = Date.now()): RecordBatch {
  return new SampleGenerator(seed).generate(count, nowMs);
}

/** The attribute the load generator stamps on the first record of each request (e2e latency). */
export const markAttribute = 'bench.mark';
export const markWidth = 12;
const placeholder = '#'.repeat(markWidth);

export interface RequestTemplate {
  /** A binary protobuf ExportLogsServiceRequest. */
  bytes: Buffer;
  records: number;
  /** Where the mark's 12 ASCII digits go, or null when not marked. */
  markOffset: number | null;
}

/**
 * Distinct pre-encoded requests of `recordsPerRequest` records each. With
 * `mark`, the first record carries `bench.mark` = 12 placeholder characters
 * that the sender overwrites with a request number, so one record per
 * request can be followed from acknowledgement to arrival.
 */
export function requestTemplates(o: {
  count: number;
  recordsPerRequest: number;
  seed: number;
  mark: boolean;
}): RequestTemplate[] {
  const out: RequestTemplate[] = [];
  const now = Date.now();
  for (let i = 0; i < o.count; i++) {
    const batch = realisticBatch(o.recordsPerRequest, o.seed + i, now);
    const builder = new ExportRequestBuilder();
    for (let r = 0; r < batch.count; r++) {
      const group = batch.groups[batch.groupOf[r]!]!;
      let record = batch.payload.subarray(batch.offsets[r]!, batch.offsets[r]! + batch.lengths[r]!);
      if (o.mark && r === 0) {
        const decoded = decodeLogRecord(record);
        decoded.attributes.push(kv(markAttribute, av.string(placeholder)));
        record = encodeLogRecord(decoded);
      }
      builder.add({
        resourceKey: batch.groupOf[r]!,
        resource: group.resource,
        scopeKey: batch.groupOf[r]!,
        scope: group.scope,
        record,
      });
    }
    const bytes = Buffer.from(builder.build());
    const at = bytes.indexOf(placeholder);
    out.push({ bytes, records: o.recordsPerRequest, markOffset: o.mark && at >= 0 ? at : null });
  }
  return out;
}

/**
 * The template's bytes with request number `n` in its mark. A copy: the same
 * template may still be on its way out in another request.
 */
export function markedBody(t: RequestTemplate, n: number): Buffer {
  if (t.markOffset === null) return t.bytes;
  const body = Buffer.from(t.bytes);
  body.write(String(n).padStart(markWidth, '0'), t.markOffset, 'latin1');
  return body;
}
