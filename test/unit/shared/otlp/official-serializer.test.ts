import { readFileSync } from 'node:fs';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import {
  decodeExportRequest,
  encodeExportRequest,
  encodeExportResponse,
  exportRequestToJson,
  exportResponseToJson,
  parseExportRequestJson,
  indexExportRequest,
} from '../../../../src/shared/otlp';
import { recordsOf, spliceBatch } from '../../../support/record-batches';
import { officialLogRecords, officialRequestModel } from '../../../fixtures/otlp/official-records';

/**
 * Cross-checks against an independent implementation: the official
 * OpenTelemetry JS serializers (@opentelemetry/otlp-transformer), fed with
 * ReadableLogRecords as the SDK's exporters feed them.
 */

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/otlp/${name}`, import.meta.url)));

const theirProtobuf = () => ProtobufLogsSerializer.serializeRequest(officialLogRecords())!;
const theirJson = () => JsonLogsSerializer.serializeRequest(officialLogRecords())!;

/** Their JSON writes small int64s as numbers and always writes some zero fields; compare meaning. */
function normalizedJson(json: unknown): unknown {
  return JSON.parse(JSON.stringify(json), (key, value: unknown) => {
    if (key === 'intValue' && typeof value === 'number') return String(value);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const isDefault = v === 0 || v === '' || (Array.isArray(v) && v.length === 0);
        // The official serializer also writes schemaUrl inside `resource`, which is not an OTLP field.
        if (!isDefault && !(key === 'resource' && k === 'schemaUrl')) out[k] = v;
      }
      return out;
    }
    return value;
  });
}

describe('the official OpenTelemetry JS serializers', () => {
  it('their protobuf bytes decode with ours to the records they were given', () => {
    expect(decodeExportRequest(theirProtobuf())).toEqual(officialRequestModel());
  });

  it('their OTLP/JSON decodes with ours to the same records', () => {
    expect(parseExportRequestJson(theirJson())).toEqual(officialRequestModel());
  });

  it('our indexer reads their bytes: timestamps, severities, record bytes', () => {
    const batch = indexExportRequest(theirProtobuf());
    const records = recordsOf(batch);
    expect(records.map((r) => r.timeMs)).toEqual(
      [1_699_524_000_123_456_789n, 1_699_524_001_000_000_001n, 1_699_524_002_999_999_999n].map(
        (ns) => Number(ns) / 1e6,
      ),
    );
    expect(records.map((r) => r.severity)).toEqual([9, 17, 0]);
    // Splicing their records back together gives a request that means the same.
    expect(decodeExportRequest(spliceBatch(batch))).toEqual(officialRequestModel());
  });

  it('our OTLP/JSON of the same records says what theirs says', () => {
    const ours = exportRequestToJson(officialRequestModel());
    const theirs = JSON.parse(new TextDecoder().decode(theirJson())) as unknown;
    expect(normalizedJson(ours)).toEqual(normalizedJson(theirs));
  });

  it('our protobuf carries the same records as theirs (both decode identically, and ours is no larger)', () => {
    const ours = encodeExportRequest(officialRequestModel());
    expect(decodeExportRequest(ours)).toEqual(decodeExportRequest(theirProtobuf()));
    // They always write zero counters and times; we leave defaults out.
    expect(ours.length).toBeLessThanOrEqual(theirProtobuf().length);
  });

  it('their response parser reads our ExportLogsServiceResponse, binary and JSON', () => {
    const response = {
      partialSuccess: { rejectedLogRecords: 3n, errorMessage: 'records too old' },
    };
    expect(ProtobufLogsSerializer.deserializeResponse(encodeExportResponse(response))).toEqual({
      partialSuccess: { rejectedLogRecords: 3, errorMessage: 'records too old' },
    });
    const json = new TextEncoder().encode(JSON.stringify(exportResponseToJson(response)));
    expect(JsonLogsSerializer.deserializeResponse(json)).toEqual({
      partialSuccess: { rejectedLogRecords: '3', errorMessage: 'records too old' },
    });
  });

  it('the committed fixtures are their output and decode to the same records', () => {
    expect(fixture('official-sdk.binpb')).toEqual(theirProtobuf());
    expect(decodeExportRequest(fixture('official-sdk.binpb'))).toEqual(officialRequestModel());
    expect(parseExportRequestJson(fixture('official-sdk.json'))).toEqual(officialRequestModel());
  });
});
