import { describe, expect, it } from 'vitest';
import {
  av,
  createLogRecord,
  exportRequestFromJson,
  exportRequestToJson,
  exportResponseFromJson,
  exportResponseToJson,
  kv,
  OtlpDecodeError,
  parseExportRequestJson,
  parseJsonText,
} from '../../../../src/shared/otlp';

function requestWithRecord(record: Record<string, unknown>) {
  return { resourceLogs: [{ scopeLogs: [{ logRecords: [record] }] }] };
}

function decodeError(fn: () => unknown): OtlpDecodeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OtlpDecodeError) return err;
    throw err;
  }
  throw new Error('expected an OtlpDecodeError');
}

describe('OTLP/JSON encoding', () => {
  it('follows the OTLP JSON mapping: hex ids, decimal-string int64, integer enums, base64 bytes', () => {
    const json = exportRequestToJson({
      resourceLogs: [
        {
          resource: {
            attributes: [kv('service.name', av.string('api'))],
            droppedAttributesCount: 0,
          },
          schemaUrl: '',
          scopeLogs: [
            {
              scope: { name: 'lib', version: '', attributes: [], droppedAttributesCount: 0 },
              schemaUrl: '',
              logRecords: [
                createLogRecord({
                  timeUnixNano: 1_699_524_000_123_456_789n,
                  severityNumber: 17,
                  body: av.kvlist([
                    kv('n', av.int(-3)),
                    kv('b', av.bytes(new Uint8Array([104, 105]))),
                  ]),
                  traceId: new Uint8Array(16).fill(0xab),
                  spanId: new Uint8Array(8).fill(0x0c),
                  flags: 1,
                }),
              ],
            },
          ],
        },
      ],
    });
    expect(json).toEqual({
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
          scopeLogs: [
            {
              scope: { name: 'lib' },
              logRecords: [
                {
                  timeUnixNano: '1699524000123456789',
                  severityNumber: 17,
                  body: {
                    kvlistValue: {
                      values: [
                        { key: 'n', value: { intValue: '-3' } },
                        { key: 'b', value: { bytesValue: 'aGk=' } },
                      ],
                    },
                  },
                  flags: 1,
                  traceId: 'abababababababababababababababab',
                  spanId: '0c0c0c0c0c0c0c0c',
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('writes non-finite doubles as the strings proto3 JSON uses', () => {
    const json = exportRequestToJson({
      resourceLogs: [
        {
          resource: {
            attributes: [kv('x', av.double(NaN)), kv('y', av.double(-Infinity))],
            droppedAttributesCount: 0,
          },
          schemaUrl: '',
          scopeLogs: [],
        },
      ],
    });
    expect(JSON.stringify(json)).toContain('"doubleValue":"NaN"');
    expect(JSON.stringify(json)).toContain('"doubleValue":"-Infinity"');
  });

  it('encodes and decodes the response with partial_success', () => {
    const response = { partialSuccess: { rejectedLogRecords: 2n, errorMessage: 'too old' } };
    expect(exportResponseToJson(response)).toEqual({
      partialSuccess: { rejectedLogRecords: '2', errorMessage: 'too old' },
    });
    expect(
      exportResponseFromJson({
        partialSuccess: { rejectedLogRecords: 2, errorMessage: 'too old' },
      }),
    ).toEqual(response);
    expect(exportResponseFromJson({})).toEqual({ partialSuccess: null });
  });
});

describe('OTLP/JSON decoding leniency (what the specifications allow)', () => {
  it('accepts int64 as numbers, enum names, snake_case names, uppercase hex, url-safe base64, null', () => {
    const request = exportRequestFromJson(
      requestWithRecord({
        time_unix_nano: 1_699_524_000_123,
        severityNumber: 'SEVERITY_NUMBER_WARN',
        traceId: 'ABABABABABABABABABABABABABABABAB',
        spanId: null,
        body: { bytes_value: '-_8' },
        attributes: [{ key: 'd', value: { doubleValue: 'Infinity' } }],
        someFutureField: { anything: true },
      }),
    );
    const record = request.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(record.timeUnixNano).toBe(1_699_524_000_123n);
    expect(record.severityNumber).toBe(13);
    expect(record.traceId).toEqual(new Uint8Array(16).fill(0xab));
    expect(record.spanId).toEqual(new Uint8Array(0));
    expect(record.body).toEqual(av.bytes(new Uint8Array([0xfb, 0xff])));
    expect(record.attributes).toEqual([kv('d', av.double(Infinity))]);
  });

  it('treats a missing value and an empty AnyValue alike', () => {
    const request = exportRequestFromJson(
      requestWithRecord({ attributes: [{ key: 'a' }, { key: 'b', value: {} }] }),
    );
    expect(request.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.attributes).toEqual([
      kv('a', av.empty()),
      kv('b', av.empty()),
    ]);
  });
});

describe('OTLP/JSON decoding errors name the JSON path', () => {
  it.each([
    [
      { timeUnixNano: 'yesterday' },
      'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: expected a decimal string, got the string "yesterday"',
    ],
    [
      { timeUnixNano: 1.5 },
      'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: expected an integer, got 1.5',
    ],
    [
      { timeUnixNano: 2 ** 60 },
      'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: the number 1152921504606847000 is beyond 2^53 and may have lost precision; send it as a decimal string',
    ],
    [
      { timeUnixNano: '-1' },
      'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: -1 is out of range for uint64',
    ],
    [
      { traceId: 'abc' },
      'resourceLogs[0].scopeLogs[0].logRecords[0].traceId: expected 32 hex characters (16 bytes), got the string "abc"',
    ],
    [
      { severityNumber: 'LOUD' },
      'resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber: expected an integer or a SEVERITY_NUMBER_* name, got the string "LOUD"',
    ],
    [
      { body: { stringValue: 'a', intValue: '1' } },
      'resourceLogs[0].scopeLogs[0].logRecords[0].body: an AnyValue holds one value, got stringValue and intValue',
    ],
    [
      { attributes: [{ key: 'k', value: { arrayValue: { values: [{ boolValue: 'yes' }] } } }] },
      'resourceLogs[0].scopeLogs[0].logRecords[0].attributes[0].value.arrayValue.values[0].boolValue: expected true or false, got the string "yes"',
    ],
    [
      { body: { bytesValue: 'not base64!' } },
      'resourceLogs[0].scopeLogs[0].logRecords[0].body.bytesValue: expected base64, got the string "not base64!"',
    ],
    [
      { attributes: {} },
      'resourceLogs[0].scopeLogs[0].logRecords[0].attributes: expected an array, got an object',
    ],
  ])('%j', (record, message) => {
    const error = decodeError(() => exportRequestFromJson(requestWithRecord(record)));
    expect(error.message).toBe(message);
  });

  it('names the path of a wrong container', () => {
    expect(decodeError(() => exportRequestFromJson([])).message).toBe(
      'expected an ExportLogsServiceRequest object, got an array',
    );
    expect(
      decodeError(() => exportRequestFromJson({ resourceLogs: [{ scopeLogs: [7] }] })).message,
    ).toBe('resourceLogs[0].scopeLogs[0]: expected an object, got number 7');
  });

  it('names line and column of invalid JSON text', () => {
    const error = decodeError(() => parseJsonText('{\n  "resourceLogs": [}\n'));
    expect(error.message).toBe(
      'invalid JSON at line 2, column 20: unexpected character "}", expected a value',
    );
    expect(error.offset).toBe(21);
    expect(decodeError(() => parseJsonText('{"resourceLogs": [')).message).toBe(
      'invalid JSON at line 1, column 19: unexpected end of input, expected a value',
    );
    expect(decodeError(() => parseJsonText('{"a": 1} x')).message).toBe(
      'invalid JSON at line 1, column 10: unexpected text after the JSON value',
    );
    expect(decodeError(() => parseJsonText('{"a" 1}')).message).toBe(
      'invalid JSON at line 1, column 6: unexpected character "1", expected \':\'',
    );
  });

  it('parses text and bytes alike', () => {
    const text = JSON.stringify(requestWithRecord({ severityText: 'INFO' }));
    expect(parseExportRequestJson(text)).toEqual(
      parseExportRequestJson(new TextEncoder().encode(text)),
    );
  });
});
