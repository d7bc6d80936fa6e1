import type { LogAttributes, LogBody } from '@opentelemetry/api-logs';
import { resourceFromAttributes, type Resource as OtelResource } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  bytesToHex,
  decodeLogRecord,
  decodeResource,
  decodeScope,
  type AnyValue,
  type KeyValue,
} from '../../src/shared/otlp';
import type { InternedBlob } from '../../src/main/engine/buffer/interner';

/**
 * The same records as the OpenTelemetry JS SDK holds them (ReadableLogRecord:
 * hex trace ids, HrTime, plain JS attribute values), so the official
 * serializer can encode exactly what Sluice encodes. Resources and scopes are
 * shared objects per distinct value, as in the SDK, where the serializer
 * groups by identity.
 */
/** A stored record: its LogRecord bytes and its interned resource and scope. */
export interface StoredRow {
  resourceId: number;
  scopeId: number;
  encoded: Uint8Array;
}

export function toOtelRecords(
  rows: readonly StoredRow[],
  resourceOf: (id: number) => InternedBlob,
  scopeOf: (id: number) => InternedBlob,
): ReadableLogRecord[] {
  const resources = new Map<number, OtelResource>();
  const scopes = new Map<number, ReadableLogRecord['instrumentationScope']>();
  return rows.map((row) => {
    let resource = resources.get(row.resourceId);
    if (!resource) {
      // Resource attributes are strings here (service.*, host.name).
      resource = resourceFromAttributes(
        attributesToJs(decodeResource(resourceOf(row.resourceId).bytes).attributes) as Record<
          string,
          string
        >,
      );
      resources.set(row.resourceId, resource);
    }
    let scope = scopes.get(row.scopeId);
    if (!scope) {
      const s = decodeScope(scopeOf(row.scopeId).bytes);
      scope = { name: s.name, version: s.version };
      scopes.set(row.scopeId, scope);
    }
    const r = decodeLogRecord(row.encoded);
    const traceId = bytesToHex(r.traceId);
    return {
      hrTime: hrTime(r.timeUnixNano),
      hrTimeObserved: hrTime(r.observedTimeUnixNano),
      ...(traceId
        ? { spanContext: { traceId, spanId: bytesToHex(r.spanId), traceFlags: r.flags & 0xff } }
        : {}),
      severityText: r.severityText,
      severityNumber: r.severityNumber,
      body: toJs(r.body) as LogBody,
      resource,
      instrumentationScope: scope,
      attributes: attributesToJs(r.attributes),
      droppedAttributesCount: r.droppedAttributesCount,
    };
  });
}

function hrTime(ns: bigint): [number, number] {
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}

function attributesToJs(attributes: readonly KeyValue[]): LogAttributes {
  const out: LogAttributes = {};
  for (const a of attributes) out[a.key] = toJs(a.value) as LogAttributes[string];
  return out;
}

function toJs(v: AnyValue): unknown {
  switch (v.kind) {
    case 'string':
    case 'bool':
    case 'double':
    case 'bytes':
      return v.value;
    case 'int':
      return Number(v.value);
    case 'array':
      return v.value.map(toJs);
    case 'kvlist':
      return attributesToJs(v.value);
    case 'empty':
      return undefined;
  }
}
