import {
  encodeLogRecord,
  encodeResource,
  encodeScope,
  type InstrumentationScope,
  type LogRecord,
  type Resource,
  type SplitResourceLogs,
} from '../../shared/otlp';

/**
 * Records a source made itself (files, sample data), framed the way the
 * buffer stores them: each LogRecord's own bytes under a Resource and a
 * scope encoded once.
 */
export class ResourceGroup {
  private readonly resource: Uint8Array;
  private readonly scope: Uint8Array;

  constructor(resource: Resource, scope: InstrumentationScope) {
    this.resource = encodeResource(resource);
    this.scope = encodeScope(scope);
  }

  split(records: readonly LogRecord[]): SplitResourceLogs {
    return {
      resource: this.resource,
      resourceSchemaUrl: '',
      scopes: [
        {
          scope: this.scope,
          scopeSchemaUrl: '',
          records: records.map((r) => ({
            bytes: encodeLogRecord(r),
            timeUnixNano: r.timeUnixNano,
            observedTimeUnixNano: r.observedTimeUnixNano,
            severityNumber: r.severityNumber,
          })),
        },
      ],
    };
  }
}

export const msToNanos = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;
