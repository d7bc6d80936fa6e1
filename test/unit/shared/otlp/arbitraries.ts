import fc from 'fast-check';
import type {
  AnyValue,
  ExportLogsServiceRequest,
  KeyValue,
  LogRecord,
} from '../../../../src/shared/otlp/model';

/** fast-check generators for the OTLP model, shared by the property tests. */

const int64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
const uint64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
// Full Unicode including astral characters; no lone surrogates (they do not
// survive any UTF-8 encoding, ours or anyone's).
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const bytes = (max: number) => fc.uint8Array({ maxLength: max });

export const anyValueArb: fc.Arbitrary<AnyValue> = fc.letrec<{
  value: AnyValue;
  kv: KeyValue;
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<AnyValue>({ kind: 'empty' }),
    text.map((value): AnyValue => ({ kind: 'string', value })),
    fc.boolean().map((value): AnyValue => ({ kind: 'bool', value })),
    int64.map((value): AnyValue => ({ kind: 'int', value })),
    fc.double().map((value): AnyValue => ({ kind: 'double', value })),
    bytes(8).map((value): AnyValue => ({ kind: 'bytes', value })),
    fc.array(tie('value'), { maxLength: 4 }).map((value): AnyValue => ({ kind: 'array', value })),
    fc.array(tie('kv'), { maxLength: 4 }).map((value): AnyValue => ({ kind: 'kvlist', value })),
  ),
  kv: fc.record({ key: text, value: tie('value') }),
})).value;

export const keyValueArb: fc.Arbitrary<KeyValue> = fc.record({ key: text, value: anyValueArb });

const attributes = fc.array(keyValueArb, { maxLength: 3 });
const uint32 = fc.nat({ max: 0xffffffff });

export const logRecordArb: fc.Arbitrary<LogRecord> = fc.record({
  timeUnixNano: uint64,
  observedTimeUnixNano: uint64,
  severityNumber: fc.integer({ min: 0, max: 24 }),
  severityText: text,
  body: anyValueArb,
  attributes,
  droppedAttributesCount: uint32,
  flags: uint32,
  traceId: fc.oneof(
    fc.constant(new Uint8Array(0)),
    fc.uint8Array({ minLength: 16, maxLength: 16 }),
  ),
  spanId: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 8, maxLength: 8 })),
  eventName: text,
});

export const exportRequestArb: fc.Arbitrary<ExportLogsServiceRequest> = fc.record({
  resourceLogs: fc.array(
    fc.record({
      resource: fc.record({ attributes, droppedAttributesCount: uint32 }),
      schemaUrl: text,
      scopeLogs: fc.array(
        fc.record({
          scope: fc.record({
            name: text,
            version: text,
            attributes,
            droppedAttributesCount: uint32,
          }),
          schemaUrl: text,
          logRecords: fc.array(logRecordArb, { maxLength: 3 }),
        }),
        { maxLength: 2 },
      ),
    }),
    { maxLength: 2 },
  ),
});
