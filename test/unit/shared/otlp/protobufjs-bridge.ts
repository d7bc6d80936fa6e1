import Long from 'long';
import type {
  AnyValue,
  ExportLogsServiceRequest,
  KeyValue,
  LogRecord,
} from '../../../../src/shared/otlp/model';
import { otlpProtobufRoot, OtlpTypeNames } from '../../../support/otlp-protobufjs-schema';

/**
 * Converts between our model and protobufjs reflection messages built from
 * the same schema, so tests can encode with one implementation and decode
 * with the other. protobufjs wants Long for 64-bit fields (a bigint there is
 * silently written as 0), and hands Long back.
 */

type Pb = Record<string, unknown>;

const longOf = (n: bigint, unsigned: boolean) => Long.fromString(n.toString(), unsigned);
const bigOf = (value: unknown): bigint =>
  value === undefined || value === null ? 0n : BigInt((value as Long).toString());

function anyToPb(v: AnyValue): Pb {
  switch (v.kind) {
    case 'empty':
      return {};
    case 'string':
      return { stringValue: v.value };
    case 'bool':
      return { boolValue: v.value };
    case 'int':
      return { intValue: longOf(v.value, false) };
    case 'double':
      return { doubleValue: v.value };
    case 'bytes':
      return { bytesValue: v.value };
    case 'array':
      return { arrayValue: { values: v.value.map(anyToPb) } };
    case 'kvlist':
      return { kvlistValue: { values: v.value.map(kvToPb) } };
  }
}

const kvToPb = (kv: KeyValue): Pb => ({ key: kv.key, value: anyToPb(kv.value) });

function recordToPb(r: LogRecord): Pb {
  return {
    timeUnixNano: longOf(r.timeUnixNano, true),
    observedTimeUnixNano: longOf(r.observedTimeUnixNano, true),
    severityNumber: r.severityNumber,
    severityText: r.severityText,
    body: r.body.kind === 'empty' ? undefined : anyToPb(r.body),
    attributes: r.attributes.map(kvToPb),
    droppedAttributesCount: r.droppedAttributesCount,
    flags: r.flags,
    traceId: r.traceId,
    spanId: r.spanId,
    eventName: r.eventName,
  };
}

export function requestToProtobufjsBytes(request: ExportLogsServiceRequest): Uint8Array {
  const type = otlpProtobufRoot().lookupType(OtlpTypeNames.ExportLogsServiceRequest);
  const message = {
    resourceLogs: request.resourceLogs.map((rl) => ({
      resource: {
        attributes: rl.resource.attributes.map(kvToPb),
        droppedAttributesCount: rl.resource.droppedAttributesCount,
      },
      schemaUrl: rl.schemaUrl,
      scopeLogs: rl.scopeLogs.map((sl) => ({
        scope: { ...sl.scope, attributes: sl.scope.attributes.map(kvToPb) },
        schemaUrl: sl.schemaUrl,
        logRecords: sl.logRecords.map(recordToPb),
      })),
    })),
  };
  return type.encode(message).finish();
}

const bytesOf = (value: unknown) => new Uint8Array((value as Uint8Array | undefined) ?? []);

function anyFromPb(m: Pb | undefined | null): AnyValue {
  if (!m) return { kind: 'empty' };
  const has = (k: string) => Object.hasOwn(m, k) && m[k] !== undefined && m[k] !== null;
  if (has('stringValue')) return { kind: 'string', value: m.stringValue as string };
  if (has('boolValue')) return { kind: 'bool', value: m.boolValue as boolean };
  if (has('intValue')) return { kind: 'int', value: BigInt.asIntN(64, bigOf(m.intValue)) };
  if (has('doubleValue')) return { kind: 'double', value: m.doubleValue as number };
  if (has('bytesValue')) return { kind: 'bytes', value: bytesOf(m.bytesValue) };
  if (has('arrayValue')) {
    const values = ((m.arrayValue as Pb).values as Pb[] | undefined) ?? [];
    return { kind: 'array', value: values.map(anyFromPb) };
  }
  if (has('kvlistValue')) {
    const values = ((m.kvlistValue as Pb).values as Pb[] | undefined) ?? [];
    return { kind: 'kvlist', value: values.map(kvFromPb) };
  }
  return { kind: 'empty' };
}

const kvFromPb = (m: Pb): KeyValue => ({
  key: (m.key as string | undefined) ?? '',
  value: anyFromPb(m.value as Pb | undefined),
});
const kvsFromPb = (list: unknown) => ((list as Pb[] | undefined) ?? []).map(kvFromPb);

export function requestFromProtobufjsBytes(bytes: Uint8Array): ExportLogsServiceRequest {
  const type = otlpProtobufRoot().lookupType(OtlpTypeNames.ExportLogsServiceRequest);
  const m = type.decode(bytes) as unknown as Pb;
  return {
    resourceLogs: ((m.resourceLogs as Pb[] | undefined) ?? []).map((rl) => {
      const resource = (rl.resource as Pb | undefined) ?? {};
      return {
        resource: {
          attributes: kvsFromPb(resource.attributes),
          droppedAttributesCount: (resource.droppedAttributesCount as number | undefined) ?? 0,
        },
        schemaUrl: (rl.schemaUrl as string | undefined) ?? '',
        scopeLogs: ((rl.scopeLogs as Pb[] | undefined) ?? []).map((sl) => {
          const scope = (sl.scope as Pb | undefined) ?? {};
          return {
            scope: {
              name: (scope.name as string | undefined) ?? '',
              version: (scope.version as string | undefined) ?? '',
              attributes: kvsFromPb(scope.attributes),
              droppedAttributesCount: (scope.droppedAttributesCount as number | undefined) ?? 0,
            },
            schemaUrl: (sl.schemaUrl as string | undefined) ?? '',
            logRecords: ((sl.logRecords as Pb[] | undefined) ?? []).map((r): LogRecord => ({
              timeUnixNano: bigOf(r.timeUnixNano),
              observedTimeUnixNano: bigOf(r.observedTimeUnixNano),
              severityNumber: (r.severityNumber as number | undefined) ?? 0,
              severityText: (r.severityText as string | undefined) ?? '',
              body: anyFromPb(r.body as Pb | undefined),
              attributes: kvsFromPb(r.attributes),
              droppedAttributesCount: (r.droppedAttributesCount as number | undefined) ?? 0,
              flags: (r.flags as number | undefined) ?? 0,
              traceId: bytesOf(r.traceId),
              spanId: bytesOf(r.spanId),
              eventName: (r.eventName as string | undefined) ?? '',
            })),
          };
        }),
      };
    }),
  };
}
