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

  /**
   * A batch of the records made from `items`, each encoded as soon as it is
   * made: a chunk of a file holds thousands of lines, and their LogRecords
   * made all at once outlive the young generation and cost a full garbage
   * collection each time (docs/benchmarks.md, "File tailing").
   */
  batchFrom<T>(items: readonly T[], make: (item: T) => LogRecord): RecordBatch {
    const writer = new RecordBatchWriter();
    const g = writer.group(this.group);
    for (const item of items) writer.add(g, make(item));
    return writer.build();
  }

  addTo(writer: RecordBatchWriter, records: readonly LogRecord[]): void {
    const g = writer.group(this.group);
    for (const r of records) writer.add(g, r);
  }
}

export const msToNanos = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;
