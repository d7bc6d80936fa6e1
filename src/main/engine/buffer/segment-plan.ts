import type { RecordBatch } from '../../../shared/otlp/record-batch';
import {
  encodeGroups,
  groupEntryBytes,
  indexEntryBytes,
  SegmentIndexWriter,
  type SegmentGroup,
} from './segment-format';

/**
 * A segment holds at most this much: large enough that a typical request
 * (an SDK's 512 records, about 300 KB) is one row, small enough that the
 * disk cap is never overshot by much (eviction and the cap work in whole
 * segments) and that reading one for a 2 MB request wastes little.
 */
export const segmentMaxPayloadBytes = 1024 * 1024;
export const segmentMaxRecords = 8_192;
/** Row header, key columns and the overflow-page headers of the blobs, rounded up. */
export const segmentRowOverheadBytes = 128;

/** Records [from, to) of a batch that go into one segment. */
export interface SegmentSpan {
  from: number;
  to: number;
  /** Where the payload starts and ends in the batch's payload. */
  start: number;
  end: number;
  recordBytes: number;
}

/** Cuts a batch into spans of consecutive records within the segment limits. */
export function planSegments(batch: RecordBatch): SegmentSpan[] {
  const spans: SegmentSpan[] = [];
  let i = 0;
  while (i < batch.count) {
    const from = i;
    const start = batch.offsets[i]!;
    let end = start;
    let recordBytes = 0;
    while (i < batch.count && i - from < segmentMaxRecords) {
      const recEnd = batch.offsets[i]! + batch.lengths[i]!;
      // Records are in payload order, so a span's bytes are one slice.
      if (i > from && recEnd - start > segmentMaxPayloadBytes) break;
      end = recEnd;
      recordBytes += batch.lengths[i]!;
      i++;
    }
    spans.push({ from, to: i, start, end, recordBytes });
  }
  return spans;
}

/** The bytes a span will take in the database (an estimate used against the cap). */
export function spanStoredBytes(span: SegmentSpan, groups: number): number {
  return (
    span.end -
    span.start +
    (span.to - span.from) * indexEntryBytes +
    groups * groupEntryBytes +
    segmentRowOverheadBytes
  );
}

/** The columns of one segment row. */
export interface SegmentRow {
  payload: Uint8Array;
  idx: Uint8Array;
  groups: Uint8Array;
  count: number;
  recordBytes: number;
  oldestTimeMs: number;
}

/**
 * Builds a segment's row: the payload is a view into the batch (no copy);
 * the index is rebased onto it; groups are renumbered to the ones the span
 * uses, with their interned ids from `interned` (by batch group index).
 */
export function segmentRow(
  batch: RecordBatch,
  span: SegmentSpan,
  interned: readonly SegmentGroup[],
): SegmentRow {
  const local = new Map<number, number>();
  const groups: SegmentGroup[] = [];
  const index = new SegmentIndexWriter(span.to - span.from);
  let oldest = 0;
  for (let i = span.from; i < span.to; i++) {
    const g = batch.groupOf[i]!;
    let l = local.get(g);
    if (l === undefined) {
      l = groups.push(interned[g]!) - 1;
      local.set(g, l);
    }
    const t = batch.timesMs[i]!;
    if (t > 0 && (oldest === 0 || t < oldest)) oldest = t;
    index.add(batch.offsets[i]! - span.start, batch.lengths[i]!, t, l, batch.severities[i]!, {
      attributes: batch.attributes[i]!,
      depth: batch.depths[i]!,
      maxKeyBytes: batch.maxKeyBytes[i]!,
      maxValueBytes: batch.maxValueBytes[i]!,
    });
  }
  return {
    payload: batch.payload.subarray(span.start, span.end),
    idx: index.bytes,
    groups: encodeGroups(groups),
    count: span.to - span.from,
    recordBytes: span.recordBytes,
    oldestTimeMs: oldest,
  };
}
