import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  av,
  createLogRecord,
  encodeLogRecord,
  encodeLogRecordWithShape,
  kv,
  type AnyValue,
} from '../../../../src/shared/otlp';
import { recordShape, unknownShape } from '../../../../src/shared/otlp/record-shape';
import { logRecordArb } from './arbitraries';

/**
 * The file source and the sample generator note a record's shape while they
 * encode it; the receiver reads it from the bytes. The exporter trusts the
 * shape to skip records that cannot break a Dynatrace limit, so the two must
 * never disagree.
 */
describe('the shape noted while encoding a record', () => {
  it('is the shape read back from its bytes, and the bytes are the same', () => {
    fc.assert(
      fc.property(logRecordArb, (record) => {
        const { bytes, shape } = encodeLogRecordWithShape(record);
        expect(bytes).toEqual(encodeLogRecord(record));
        expect(shape).toEqual(recordShape(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('counts empty values, empty keys and multi-byte text as the bytes do', () => {
    const record = createLogRecord({
      body: av.string('ünïcödé 😀'),
      attributes: [
        kv('', av.string('')),
        kv('k', { kind: 'empty' }),
        kv('nested', av.kvlist([kv('ключ', av.array([av.bytes(new Uint8Array(300))]))])),
      ],
    });
    const { bytes, shape } = encodeLogRecordWithShape(record);
    expect(shape).toEqual(recordShape(bytes));
    expect(shape).toEqual({ attributes: 3, depth: 3, maxKeyBytes: 8, maxValueBytes: 300 });
  });

  it('is unknown where reading the bytes would stop at the nesting limit', () => {
    let value: AnyValue = av.string('deep');
    for (let i = 0; i < 70; i++) value = av.array([value]);
    const { bytes, shape } = encodeLogRecordWithShape(createLogRecord({ body: value }));
    expect(recordShape(bytes)).toEqual(unknownShape);
    expect(shape).toEqual(unknownShape);
  });
});
