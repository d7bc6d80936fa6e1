import {
  av,
  decodeExportRequest,
  encodeExportRequest,
  type ExportLogsServiceRequest,
  type LogRecord,
} from '../../src/shared/otlp';

export interface NumberedOptions {
  /**
   * Timestamps near now (the default: a Dynatrace stream holds back records
   * past its 24-hour log age), or, with `recent: false`, a fixed instant in
   * 2023 for outputs compared byte for byte.
   */
  recent?: boolean;
  service?: string;
  severityNumber?: number;
  body?: (n: number) => string;
  attributes?: (n: number) => Record<string, string>;
}

export function logRecord(n: number, o: NumberedOptions = {}): LogRecord {
  return {
    timeUnixNano:
      (o.recent === false ? 1_700_000_000_000_000_000n : BigInt(Date.now()) * 1_000_000n) +
      BigInt(n),
    observedTimeUnixNano: 0n,
    severityNumber: o.severityNumber ?? 9,
    severityText: '',
    body: av.string(o.body ? o.body(n) : `record-${n}`),
    attributes: [
      { key: 'n', value: av.int(n) },
      ...Object.entries(o.attributes?.(n) ?? {}).map(([key, value]) => ({
        key,
        value: av.string(value),
      })),
    ],
    droppedAttributesCount: 0,
    flags: 0,
    traceId: new Uint8Array(0),
    spanId: new Uint8Array(0),
    eventName: '',
  };
}

/** An ExportLogsServiceRequest of records numbered from..from+count-1 (attribute `n`). */
export function numberedRequest(
  from: number,
  count: number,
  o: NumberedOptions = {},
): ExportLogsServiceRequest {
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [{ key: 'service.name', value: av.string(o.service ?? 'checkout') }],
          droppedAttributesCount: 0,
        },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: { name: 'test', version: '1', attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            logRecords: Array.from({ length: count }, (_, i) => logRecord(from + i, o)),
          },
        ],
      },
    ],
  };
}

export function numberedRequestBytes(
  from: number,
  count: number,
  o: NumberedOptions = {},
): Uint8Array {
  return encodeExportRequest(numberedRequest(from, count, o));
}

/** The `n` attribute of every record in a protobuf request, in order. */
export function numbersIn(body: Uint8Array): number[] {
  const out: number[] = [];
  for (const rl of decodeExportRequest(body).resourceLogs) {
    for (const sl of rl.scopeLogs) {
      for (const r of sl.logRecords) {
        const n = r.attributes.find((a) => a.key === 'n')?.value;
        if (n?.kind === 'int') out.push(Number(n.value));
      }
    }
  }
  return out;
}
