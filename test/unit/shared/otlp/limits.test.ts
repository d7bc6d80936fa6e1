import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapToDynatrace } from '../../../../src/shared/dynatrace';
import {
  decodeAnyValue,
  decodeExportRequest,
  decodeLogRecord,
  defaultOtlpLimits,
  encodeExportRequest,
  indexExportRequest,
  OtlpDecodeError,
  OtlpLimitError,
  parseExportRequestJson,
} from '../../../../src/shared/otlp';
import {
  deepJson,
  deepProtobuf,
  emptyRecords,
  requestAround,
  wideRecord,
} from '../../../support/hostile-otlp';
import { exportRequestArb } from './arbitraries';

function limitOf(fn: () => unknown): OtlpLimitError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OtlpLimitError) return err;
    throw err;
  }
  throw new Error('expected the input to be refused');
}

/** Every decoder a received request can meet (receiver, exporter, inspector, dynatrace-local). */
const decoders: [string, (bytes: Uint8Array) => unknown][] = [
  ['indexExportRequest', (b) => indexExportRequest(b)],
  ['decodeExportRequest', (b) => decodeExportRequest(b)],
  [
    'the Dynatrace mapping (inspector, dynatrace-local)',
    (b) =>
      mapToDynatrace(decodeExportRequest(b), {
        model: 'raw',
        processing: 'openpipeline',
        authOrigin: null,
        now: BigInt(Date.UTC(2024, 0, 1)) * 1_000_000n,
      }),
  ],
];

describe('the limits every OTLP decoder holds a request to', () => {
  it('refuses values nested deeper than 64 levels, in protobuf and JSON, with a short path', () => {
    for (const depth of [65, 5_000, 100_000]) {
      const bytes = deepProtobuf(depth);
      for (const [name, decode] of decoders) {
        const err = limitOf(() => decode(bytes));
        expect(err.limit, name).toBe('maxValueDepth');
        expect(err.message).toContain('nested more than 64 levels deep');
        // The path names where the value starts and is cut short in the middle.
        expect(err.message).toMatch(/^resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\]\.body\./);
        expect(err.message.length).toBeLessThan(400);
      }
      expect(limitOf(() => parseExportRequestJson(deepJson(depth))).limit).toBe('maxValueDepth');
    }
  });

  it('accepts values exactly at the depth limit', () => {
    expect(indexExportRequest(deepProtobuf(63)).count).toBe(1);
    expect(decodeExportRequest(deepProtobuf(63)).resourceLogs).toHaveLength(1);
    expect(() => parseExportRequestJson(deepJson(63))).not.toThrow();
  });

  it('refuses more records than the limit before reading the rest (8 million empty records in 16 MB)', () => {
    const bytes = emptyRecords(8_000_000);
    expect(bytes.length).toBeGreaterThan(15_000_000);
    for (const [name, decode] of decoders) {
      const err = limitOf(() => decode(bytes));
      expect(err.limit, name).toBe('maxRecords');
      expect(err.message).toContain('more than 100,000 log records');
      // It stopped at the record over the limit: the offset says how far it read.
      expect(err.offset).toBeLessThan(100_001 * 2 + 16);
    }
    expect(indexExportRequest(emptyRecords(100_000)).count).toBe(100_000);
  });

  it('refuses more values than the limit (the work one request may cost)', () => {
    const bytes = wideRecord(defaultOtlpLimits.maxValues + 1);
    const err = limitOf(() => indexExportRequest(bytes));
    expect(err.limit).toBe('maxValues');
    expect(() => indexExportRequest(wideRecord(1_000))).not.toThrow();
  });

  it('takes custom limits (the local Dynatrace endpoint reads at most 50,000 records)', () => {
    const limits = { ...defaultOtlpLimits, maxRecords: 3 };
    expect(limitOf(() => decodeExportRequest(emptyRecords(4), limits)).limit).toBe('maxRecords');
    expect(decodeExportRequest(emptyRecords(3), limits).resourceLogs).toHaveLength(1);
  });

  it('a LogRecord or AnyValue decoded on its own is held to the depth limit too', () => {
    const request = deepProtobuf(70);
    // The LogRecord's own bytes start after the three envelope headers.
    const record = decodeExportRequestRecordBytes(request);
    expect(limitOf(() => decodeLogRecord(record)).limit).toBe('maxValueDepth');
    // The body's AnyValue follows its tag (1 byte) and length (a varint).
    let at = 1;
    while (record[at]! & 0x80) at++;
    expect(limitOf(() => decodeAnyValue(record.subarray(at + 1))).limit).toBe('maxValueDepth');
  });
});

/** The first LogRecord's message bytes in a request, found by the indexer with room to spare. */
function decodeExportRequestRecordBytes(request: Uint8Array): Uint8Array {
  const batch = indexExportRequest(request, { ...defaultOtlpLimits, maxValueDepth: 1_000 });
  return batch.payload.subarray(batch.offsets[0]!, batch.offsets[0]! + batch.lengths[0]!);
}

describe('hostile bytes, to every decoder (fast-check)', () => {
  const outcomeOf = (decode: (b: Uint8Array) => unknown, bytes: Uint8Array) => {
    try {
      decode(bytes);
      return 'ok';
    } catch (err) {
      // Only our own, readable errors: never a RangeError, a TypeError or a crash.
      expect(err).toBeInstanceOf(OtlpDecodeError);
      return 'refused';
    }
  };

  it('random bytes are decoded or refused with an OtlpDecodeError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        for (const [, decode] of decoders) outcomeOf(decode, bytes);
        outcomeOf(decodeLogRecord, bytes);
        outcomeOf(decodeAnyValue, bytes);
      }),
      { numRuns: 2_000 },
    );
  });

  it('valid requests with bytes flipped, cut or nested inside records are decoded or refused cleanly', () => {
    fc.assert(
      fc.property(
        exportRequestArb,
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 1, max: 200 }),
        (req, at, byte, depth) => {
          const bytes = encodeExportRequest(req);
          const flipped = bytes.slice();
          if (flipped.length > 0) flipped[at % flipped.length] = byte;
          const cut = bytes.subarray(0, at % (bytes.length + 1));
          const nested = requestAround(deepProtobuf(depth));
          for (const [, decode] of decoders) {
            outcomeOf(decode, flipped);
            outcomeOf(decode, cut);
            // Indexer and decoder agree on which they accept.
            expect(outcomeOf(decode, nested)).toBe(outcomeOf(indexExportRequest, nested));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('degenerate JSON (deep, wide, wrong types) is converted or refused with an OtlpDecodeError', () => {
    const jsonValue = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'large' },
        fc.constant(null),
        fc.boolean(),
        fc.double(),
        fc.string({ maxLength: 5 }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom('arrayValue', 'kvlistValue', 'values', 'stringValue', 'key', 'value'),
          tie('value'),
          { maxKeys: 3 },
        ),
      ),
    })).value;
    fc.assert(
      fc.property(jsonValue, (body) => {
        const text = JSON.stringify({
          resourceLogs: [{ scopeLogs: [{ logRecords: [{ body, attributes: [body] }] }] }],
        });
        outcomeOf(() => parseExportRequestJson(text), new Uint8Array(0));
      }),
      { numRuns: 500 },
    );
  });
});
