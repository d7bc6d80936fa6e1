import { describe, expect, it } from 'vitest';
import {
  av,
  bytesToHex,
  createLogRecord,
  decodeAnyValue,
  decodeExportRequest,
  decodeExportResponse,
  decodeLogRecord,
  decodeResource,
  decodeScope,
  encodeAnyValue,
  encodeExportRequest,
  encodeExportResponse,
  encodeLogRecord,
  encodeResource,
  encodeScope,
  exportRequestEncodedSize,
  hexToBytes,
  kv,
  OtlpDecodeError,
  type ExportLogsServiceRequest,
} from '../../../../src/shared/otlp';
import { otlpProtobufRoot, OtlpTypeNames } from '../../../support/otlp-protobufjs-schema';

const hex = (text: string) => hexToBytes(text.replace(/\s+/g, ''))!;

function sampleRequest(): ExportLogsServiceRequest {
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [kv('service.name', av.string('checkout'))],
          droppedAttributesCount: 0,
        },
        schemaUrl: 'https://opentelemetry.io/schemas/1.24.0',
        scopeLogs: [
          {
            scope: { name: 'app', version: '1.0', attributes: [], droppedAttributesCount: 0 },
            schemaUrl: '',
            logRecords: [
              createLogRecord({
                timeUnixNano: 1_699_524_000_123_456_789n,
                severityNumber: 9,
                severityText: 'INFO',
                body: av.string('order placed'),
                attributes: [kv('order.id', av.int(42))],
              }),
            ],
          },
        ],
      },
    ],
  };
}

describe('binary protobuf codec', () => {
  it('encodes a LogRecord to the exact bytes the schema prescribes', () => {
    const bytes = encodeLogRecord(
      createLogRecord({
        timeUnixNano: 1n,
        severityNumber: 9,
        severityText: 'INFO',
        body: av.string('hi'),
      }),
    );
    // field 1 fixed64 | field 2 varint | field 3 string | field 5 AnyValue{string}
    expect(bytesToHex(bytes)).toBe(
      '09 0100000000000000 1009 1a04494e464f 2a04 0a026869'.replace(/ /g, ''),
    );
  });

  it('keeps nanosecond timestamps beyond 2^53 exact through encode and decode', () => {
    const record = createLogRecord({
      timeUnixNano: 1_699_524_000_123_456_789n,
      observedTimeUnixNano: (1n << 64n) - 1n,
    });
    const back = decodeLogRecord(encodeLogRecord(record));
    expect(back.timeUnixNano).toBe(1_699_524_000_123_456_789n);
    expect(back.observedTimeUnixNano).toBe(18_446_744_073_709_551_615n);
    // The same value as a JS number is already wrong: this is why the model uses bigint.
    expect(BigInt(Number(1_699_524_000_123_456_789n))).not.toBe(1_699_524_000_123_456_789n);
  });

  it('does not share the protobufjs pitfall of encoding a bigint fixed64 as 0', () => {
    const LogRecord = otlpProtobufRoot().lookupType(OtlpTypeNames.LogRecord);
    const viaProtobufjs = LogRecord.encode({ timeUnixNano: 1_699_524_000_123_456_789n }).finish();
    expect(decodeLogRecord(viaProtobufjs).timeUnixNano).toBe(0n);
    const ours = encodeLogRecord(createLogRecord({ timeUnixNano: 1_699_524_000_123_456_789n }));
    expect(decodeLogRecord(ours).timeUnixNano).toBe(1_699_524_000_123_456_789n);
  });

  it('round-trips int64 extremes and writes negatives as 10-byte varints', () => {
    for (const n of [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n), 9_007_199_254_740_993n]) {
      const bytes = encodeAnyValue(av.int(n));
      expect(decodeAnyValue(bytes)).toEqual(av.int(n));
      if (n < 0n) expect(bytes.length).toBe(11);
    }
  });

  it('writes oneof members at their default value, so "" differs from empty', () => {
    expect(bytesToHex(encodeAnyValue(av.string('')))).toBe('0a00');
    expect(bytesToHex(encodeAnyValue(av.bool(false)))).toBe('1000');
    expect(bytesToHex(encodeAnyValue(av.int(0)))).toBe('1800');
    expect(encodeAnyValue(av.empty()).length).toBe(0);
    expect(decodeAnyValue(hex('0a00'))).toEqual(av.string(''));
    expect(decodeAnyValue(new Uint8Array(0))).toEqual(av.empty());
  });

  it('round-trips every message type', () => {
    const request = sampleRequest();
    expect(decodeExportRequest(encodeExportRequest(request))).toEqual(request);
    const resource = request.resourceLogs[0]!.resource;
    expect(decodeResource(encodeResource(resource))).toEqual(resource);
    const scope = {
      name: 's',
      version: 'v',
      attributes: [kv('a', av.bool(true))],
      droppedAttributesCount: 3,
    };
    expect(decodeScope(encodeScope(scope))).toEqual(scope);
    const response = { partialSuccess: { rejectedLogRecords: 5n, errorMessage: 'too old' } };
    expect(decodeExportResponse(encodeExportResponse(response))).toEqual(response);
    expect(encodeExportResponse({ partialSuccess: null }).length).toBe(0);
    expect(decodeExportResponse(new Uint8Array(0))).toEqual({ partialSuccess: null });
  });

  it('reports the encoded size without encoding', () => {
    const request = sampleRequest();
    expect(exportRequestEncodedSize(request)).toBe(encodeExportRequest(request).length);
  });

  it('skips unknown fields of every wire type', () => {
    const known = encodeLogRecord(createLogRecord({ severityText: 'WARN' }));
    const unknown = hex('7805 8201 03616263 9d01 01020304 a101 0102030405060708'); // 15,16,19,20
    const withUnknown = new Uint8Array([...unknown, ...known]);
    expect(decodeLogRecord(withUnknown).severityText).toBe('WARN');
  });

  it('merges an embedded message that appears twice, as protobuf requires', () => {
    const a = encodeResource({ attributes: [kv('a', av.string('1'))], droppedAttributesCount: 0 });
    const b = encodeResource({ attributes: [kv('b', av.string('2'))], droppedAttributesCount: 0 });
    // ResourceLogs { resource: a, resource: b } inside a request.
    const resourceLogs = new Uint8Array([0x0a, a.length, ...a, 0x0a, b.length, ...b]);
    const request = new Uint8Array([0x0a, resourceLogs.length, ...resourceLogs]);
    const keys = decodeExportRequest(request).resourceLogs[0]!.resource.attributes.map(
      (x) => x.key,
    );
    expect(keys).toEqual(['a', 'b']);
  });

  it('names the path and byte offset of truncated input', () => {
    const bytes = encodeExportRequest(sampleRequest());
    const cut = bytes.subarray(0, bytes.length - 3);
    let error: unknown;
    try {
      decodeExportRequest(cut);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(OtlpDecodeError);
    const e = error as OtlpDecodeError;
    expect(e.message).toMatch(
      /^resourceLogs\[0\]: truncated input: length prefix at byte 1 declares \d+ bytes but only \d+ remain$/,
    );
    expect(e.offset).toBe(1);
    expect(e.path).toBe('resourceLogs[0]');
  });

  it('names the field, path and offset of a field sent with the wrong wire type', () => {
    const record = new Uint8Array([0x08, 0x01]); // field 1 as a varint; it is fixed64
    const scopeLogs = new Uint8Array([0x12, record.length, ...record]);
    const resourceLogs = new Uint8Array([0x12, scopeLogs.length, ...scopeLogs]);
    const request = new Uint8Array([0x0a, resourceLogs.length, ...resourceLogs]);
    expect(() => decodeExportRequest(request)).toThrow(
      'resourceLogs[0].scopeLogs[0].logRecords[0]: field 1 (timeUnixNano) at byte 6 has wire type varint, expected 64-bit',
    );
  });

  it('rejects JSON text, group wire types and overlong varints with a reason', () => {
    expect(() => decodeExportRequest(new TextEncoder().encode('{"resourceLogs":[]}'))).toThrow(
      /unsupported wire type start-group for field 15 at byte 0/,
    );
    expect(() => decodeExportRequest(hex('10ffffffffffffffffffff01'))).toThrow(
      /malformed varint at byte 1/,
    );
    expect(() => decodeExportRequest(hex('0a'))).toThrow(/truncated input: varint at byte 1/);
  });

  it('decodes a Node Buffer into plain Uint8Arrays that do not alias the input', () => {
    const record = createLogRecord({ traceId: new Uint8Array(16).fill(1) });
    const input = Buffer.from(encodeLogRecord(record));
    const back = decodeLogRecord(input);
    expect(back.traceId.constructor).toBe(Uint8Array);
    input.fill(0);
    expect(back.traceId).toEqual(new Uint8Array(16).fill(1));
  });
});
