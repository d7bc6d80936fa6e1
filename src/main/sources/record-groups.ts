import {
  encodeResource,
  encodeScope,
  RecordBatchWriter,
  type InstrumentationScope,
  type LogRecord,
  type RecordBatch,
  type RecordGroup,
  type Resource,
} from '../../shared/otlp';

/**
 * Records a source made itself (files, sample data), framed the way the
 * buffer stores them: each LogRecord's own bytes under a Resource and a
 * scope encoded once.
 */
export class ResourceGroup {
  readonly group: RecordGroup;

  constructor(resource: Resource, scope: InstrumentationScope) {
    this.group = {
      resource: encodeResource(resource),
      resourceSchemaUrl: '',
      scope: encodeScope(scope),
      scopeSchemaUrl: '',
    };
  }

  /** The records as a batch of their own. */
  batch(records: readonly LogRecord[]): RecordBatch {
    const writer = new RecordBatchWriter();
    this.addTo(writer, records);
    return writer.build();
  }

  addTo(writer: RecordBatchWriter, records: readonly LogRecord[]): void {
    const g = writer.group(this.group);
    for (const r of records) writer.add(g, r);
  }
}

export const msToNanos = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;
