import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAnyValue,
  decodeExportRequest,
  encodeAnyValue,
  encodeExportRequest,
  exportRequestEncodedSize,
  exportRequestFromJson,
  exportRequestToJson,
  anyValueFromJson,
  anyValueToJson,
  type AnyValue,
  type ExportLogsServiceRequest,
} from '../../../../src/shared/otlp';
import { anyValueArb, exportRequestArb } from './arbitraries';
import { requestFromProtobufjsBytes, requestToProtobufjsBytes } from './protobufjs-bridge';

/** JSON cannot carry -0 (JSON.stringify writes 0): compare JSON round trips modulo that. */
function withoutNegativeZero<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'bigint') return { $big: v.toString() };
      if (v instanceof Uint8Array) return { $bytes: Array.from(v) };
      if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
      return v;
    }),
    (_k, v: unknown) => {
      if (v && typeof v === 'object' && '$big' in v) return BigInt((v as { $big: string }).$big);
      if (v && typeof v === 'object' && '$bytes' in v)
        return new Uint8Array((v as { $bytes: number[] }).$bytes);
      if (v && typeof v === 'object' && '$num' in v) return Number((v as { $num: string }).$num);
      return v;
    },
  ) as T;
}

const runs = { numRuns: 200 };

describe('round trips of arbitrary values (fast-check)', () => {
  it('AnyValue trees survive binary encode and decode', () => {
    fc.assert(
      fc.property(anyValueArb, (value) => {
        expect(decodeAnyValue(encodeAnyValue(value))).toEqual(value);
      }),
      runs,
    );
  });

  it('AnyValue trees survive OTLP/JSON through text', () => {
    fc.assert(
      fc.property(anyValueArb, (value) => {
        const text = JSON.stringify(anyValueToJson(value));
        const back: AnyValue = anyValueFromJson(JSON.parse(text), 'value');
        expect(back).toEqual(withoutNegativeZero(value));
      }),
      runs,
    );
  });

  it('whole requests survive binary encode and decode, and the size is exact', () => {
    fc.assert(
      fc.property(exportRequestArb, (request) => {
        const bytes = encodeExportRequest(request);
        expect(bytes.length).toBe(exportRequestEncodedSize(request));
        expect(decodeExportRequest(bytes)).toEqual(request);
      }),
      { numRuns: 100 },
    );
  });

  it('whole requests survive OTLP/JSON through text', () => {
    fc.assert(
      fc.property(exportRequestArb, (request) => {
        const text = JSON.stringify(exportRequestToJson(request));
        const back: ExportLogsServiceRequest = exportRequestFromJson(JSON.parse(text));
        expect(back).toEqual(withoutNegativeZero(request));
      }),
      { numRuns: 100 },
    );
  });
});

describe('cross-checked against protobufjs reflection over the same schema', () => {
  it('our bytes decode to the same request with protobufjs', () => {
    fc.assert(
      fc.property(exportRequestArb, (request) => {
        expect(requestFromProtobufjsBytes(encodeExportRequest(request))).toEqual(request);
      }),
      { numRuns: 100 },
    );
  });

  it('protobufjs bytes decode to the same request with ours', () => {
    fc.assert(
      fc.property(exportRequestArb, (request) => {
        expect(decodeExportRequest(requestToProtobufjsBytes(request))).toEqual(request);
      }),
      { numRuns: 100 },
    );
  });
});
