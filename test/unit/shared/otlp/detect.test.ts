import { describe, expect, it } from 'vitest';
import {
  av,
  createLogRecord,
  detectEncoding,
  encodeExportRequest,
} from '../../../../src/shared/otlp';

const text = (s: string) => new TextEncoder().encode(s);

describe('detectEncoding', () => {
  it('recognises OTLP/JSON, with or without leading whitespace and BOM', () => {
    expect(detectEncoding(text('{"resourceLogs":[]}'))).toBe('json');
    expect(detectEncoding(text('\n  {"resourceLogs":[]}\n'))).toBe('json');
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...text('{}')]))).toBe('json');
  });

  it('recognises protobuf, including one that starts with newline + "{"', () => {
    const request = encodeExportRequest({
      resourceLogs: [
        {
          resource: { attributes: [], droppedAttributesCount: 0 },
          schemaUrl: '',
          scopeLogs: [
            {
              scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
              schemaUrl: '',
              logRecords: [createLogRecord({ body: av.string('x'.repeat(115)) })],
            },
          ],
        },
      ],
    });
    // 0x0a is both the resource_logs tag and "\n"; 0x7b is both a length of 123 and "{".
    expect(request[0]).toBe(0x0a);
    expect(request[1]).toBe(0x7b);
    expect(detectEncoding(request)).toBe('protobuf');
    expect(detectEncoding(new Uint8Array(0))).toBe('protobuf');
  });

  it('calls anything else protobuf, so the protobuf decoder reports what is wrong', () => {
    expect(detectEncoding(text('hello'))).toBe('protobuf');
    expect(detectEncoding(text('[1,2]'))).toBe('protobuf');
  });
});
