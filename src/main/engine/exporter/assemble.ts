import { ExportRequestBuilder, type StoredRecord } from '../../../shared/otlp';
import type { Stream } from '../../../shared/api/streams';
import type { WouldChangeRule } from '../../../shared/dynatrace';
import type { WireProcessor } from '../../../shared/processing';
import type { RecordBuffer } from '../buffer/buffer';
import type { Segment } from '../buffer/segment-format';
import { DynatraceOutlook } from './dynatrace-outlook';
import { AttributeFilter, passesSeverity } from './filters';
import type { SegmentReader } from './segment-reader';
import { ProcessingStep } from './processing-step';
import { StageLabeler } from './stage-label';

/** A record on its way out, with everything needed to rebuild a smaller request. */
export interface Entry extends StoredRecord {
  seq: number;
  /** Bytes of the record as stored (for the backlog figures). */
  storedBytes: number;
  /** Its timestamp in ms (0: none), for the log-age rule. */
  timeMs: number;
  /** The rules under which Dynatrace will store it changed (Dynatrace streams; absent: none). */
  wouldChange?: WouldChangeRule[];
  /** The stream's processing rules (by index) that changed it, with resource and scope. */
  changedByRule?: number[];
  /** As read from the buffer, when the stream's rules changed it: what the inspector shows as "before". */
  unprocessed?: { resource: Uint8Array; scope: Uint8Array; record: Uint8Array };
}

/** A record Sluice could not prepare: it goes to the dead letters alone, with the reason. */
export interface Unprocessable {
  entry: Entry;
  reason: string;
}

export interface Assembled {
  entries: Entry[];
  /** The newest seq looked at: the cursor moves here once the batch is done. */
  lastSeq: number;
  /** Records looked at: sent, filtered out or unprocessable. */
  looked: number;
  filtered: number;
  filteredBytes: number;
  unprocessable: Unprocessable[];
  /** Records past Dynatrace's log age, held back from sending (docs/exporter.md, "Log age"). */
  expired: Entry[];
  /** The request for all entries (empty when there are none). */
  body: Uint8Array;
}

/**
 * Turns buffered records into a batch for one stream: drops what the
 * stream's filters exclude, applies its stage label and truncation, and
 * stops before the request would exceed the byte limit (a single oversized
 * record still goes alone: a 413 then sends it to the dead letters with the
 * reason). A record decoded only when a rule needs more than the index holds.
 * A record that fails to prepare is set aside with the reason; it never stops
 * the others.
 */
export class BatchAssembler {
  private readonly attributes: AttributeFilter;
  private readonly stage: StageLabeler;
  /** What Dynatrace will make of the records (Dynatrace streams only). */
  readonly outlook: DynatraceOutlook | null;
  /** The stream's processing rules (masking, drop, rename, set, truncate), once compiled. */
  private processing: ProcessingStep | null = null;

  constructor(
    private readonly settings: Stream,
    private readonly buffer: RecordBuffer,
  ) {
    this.attributes = new AttributeFilter(settings.filter);
    this.stage = new StageLabeler(settings.stage);
    this.outlook = DynatraceOutlook.for(settings);
  }

  /** The stream's rules, compiled with its key (null: none). */
  setProcessor(wire: WireProcessor | null): void {
    this.processing = wire && !wire.isEmpty ? new ProcessingStep(wire) : null;
  }

  assemble(reader: SegmentReader, maxRecords: number, maxBytes: number, nowMs: number): Assembled {
    const outlook = this.outlook;
    const processing = this.processing;
    const holdBackOld = outlook?.holdsBackOld ?? false;
    const builder = new ExportRequestBuilder();
    const out: Assembled = {
      entries: [],
      lastSeq: reader.position,
      looked: 0,
      filtered: 0,
      filteredBytes: 0,
      unprocessable: [],
      expired: [],
      body: new Uint8Array(0),
    };
    while (out.looked < maxRecords) {
      const next = reader.peek();
      if (!next) break;
      const entry = this.rawEntry(next.segment, next.i, next.seq);
      let changed: ReturnType<DynatraceOutlook['changes']> | undefined;
      try {
        if (!this.passes(next.segment, next.i, entry)) {
          reader.advance();
          out.looked++;
          out.filtered++;
          out.filteredBytes += entry.storedBytes;
          out.lastSeq = next.seq;
          continue;
        }
        if (holdBackOld && outlook!.tooOld(entry.timeMs, nowMs)) {
          reader.advance();
          out.looked++;
          out.expired.push(entry);
          out.lastSeq = next.seq;
          continue;
        }
        entry.resource = this.stage.apply(entry.resourceKey as number, entry.resource);
        // The stream's rules, OutSystems truncation included (docs/processing.md).
        processing?.apply(entry);
        changed = outlook?.changes(next.segment, next.i, entry, nowMs);
      } catch (err) {
        reader.advance();
        out.looked++;
        out.unprocessable.push({ entry, reason: (err as Error).message });
        out.lastSeq = next.seq;
        continue;
      }
      if (builder.recordCount > 0 && builder.byteLengthWith(entry) > maxBytes) break;
      reader.advance();
      out.looked++;
      builder.add(entry);
      out.entries.push(entry);
      out.lastSeq = next.seq;
      if (changed && changed.length > 0) entry.wouldChange = changed.map((c) => c.rule);
    }
    if (out.entries.length > 0) out.body = builder.build();
    return out;
  }

  private passes(segment: Segment, i: number, raw: Entry): boolean {
    if (!passesSeverity(segment.index.severity(i), this.settings.filter.minSeverity)) return false;
    return this.attributes.passes({
      encoded: raw.record,
      resource: raw.resource,
      scope: raw.scope,
    });
  }

  /** The record as stored, with its resource and scope. */
  private rawEntry(segment: Segment, i: number, seq: number): Entry {
    const group = segment.groups[segment.index.group(i)]!;
    const resource = this.buffer.resource(group.resourceId);
    const scope = this.buffer.scope(group.scopeId);
    const offset = segment.index.offset(i);
    const length = segment.index.length(i);
    return {
      seq,
      storedBytes: length,
      timeMs: segment.index.timeMs(i),
      resourceKey: group.resourceId,
      resource: resource.bytes,
      resourceSchemaUrl: resource.schemaUrl,
      scopeKey: group.scopeId,
      scope: scope.bytes,
      scopeSchemaUrl: scope.schemaUrl,
      record: segment.payload.subarray(offset, offset + length),
    };
  }
}

/** The request bytes for some entries (the whole batch, or half of it after a split). */
export function buildRequest(entries: readonly Entry[]): Uint8Array {
  const builder = new ExportRequestBuilder();
  for (const e of entries) builder.add(e);
  return builder.build();
}
