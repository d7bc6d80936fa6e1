import { ExportRequestBuilder, type StoredRecord } from '../../../shared/otlp';
import type { StreamSettings } from '../../../shared/api/streams';
import type { BufferRow, RecordBuffer } from '../buffer/buffer';
import { AttributeFilter, passesSeverity } from './filters';
import { StageLabeler, truncateForOutSystems } from './transforms';

/** A record on its way out, with everything needed to rebuild a smaller request. */
export interface Entry extends StoredRecord {
  seq: number;
  /** Bytes of the record as stored (for the backlog figures). */
  storedBytes: number;
}

export interface Assembled {
  entries: Entry[];
  /** The newest seq looked at: the cursor moves here once the batch is done. */
  lastSeq: number;
  filtered: number;
  filteredBytes: number;
  /** The request for all entries (empty when every row was filtered out). */
  body: Uint8Array;
}

/**
 * Turns buffer rows into a batch for one stream: drops what the stream's
 * filters exclude, applies its stage label and truncation, and stops before
 * the request would exceed the byte limit (a single oversized record still
 * goes alone: a 413 then sends it to the dead letters with the reason).
 */
export class BatchAssembler {
  private readonly attributes: AttributeFilter;
  private readonly stage: StageLabeler;

  constructor(
    private readonly settings: StreamSettings,
    private readonly buffer: RecordBuffer,
  ) {
    this.attributes = new AttributeFilter(settings.filter);
    this.stage = new StageLabeler(settings.stage);
  }

  assemble(rows: readonly BufferRow[]): Assembled {
    const { maxBatchBytes, outsystemsTruncation } = this.settings.delivery;
    const builder = new ExportRequestBuilder();
    const out: Assembled = {
      entries: [],
      lastSeq: 0,
      filtered: 0,
      filteredBytes: 0,
      body: new Uint8Array(0),
    };
    for (const row of rows) {
      const resource = this.buffer.resource(row.resourceId);
      const scope = this.buffer.scope(row.scopeId);
      const encoded = row.encoded;
      const keep =
        passesSeverity(row.severityNumber, this.settings.filter.minSeverity) &&
        this.attributes.passes({ encoded, resource: resource.bytes, scope: scope.bytes });
      if (!keep) {
        out.filtered++;
        out.filteredBytes += encoded.length;
        out.lastSeq = row.seq;
        continue;
      }
      const entry: Entry = {
        seq: row.seq,
        storedBytes: encoded.length,
        resourceKey: row.resourceId,
        resource: this.stage.apply(row.resourceId, resource.bytes),
        resourceSchemaUrl: resource.schemaUrl,
        scopeKey: row.scopeId,
        scope: scope.bytes,
        scopeSchemaUrl: scope.schemaUrl,
        record: outsystemsTruncation ? truncateForOutSystems(encoded) : encoded,
      };
      if (builder.recordCount > 0 && builder.byteLengthWith(entry) > maxBatchBytes) break;
      builder.add(entry);
      out.entries.push(entry);
      out.lastSeq = row.seq;
    }
    if (out.entries.length > 0) out.body = builder.build();
    return out;
  }
}

/** The request bytes for some entries (the whole batch, or half of it after a 413). */
export function buildRequest(entries: readonly Entry[]): Uint8Array {
  const builder = new ExportRequestBuilder();
  for (const e of entries) builder.add(e);
  return builder.build();
}
