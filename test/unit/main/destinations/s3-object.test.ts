import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { s3ObjectBody } from '../../../../src/main/destinations/s3/object-body';
import { normalizePrefix, s3ObjectKey } from '../../../../src/main/destinations/s3/object-key';
import { buildQueryString } from '../../../../src/main/destinations/s3/undici-handler';
import {
  encodeExportRequest,
  parseExportRequestJson,
  av,
  createLogRecord,
  kv,
} from '../../../../src/shared/otlp';

describe('S3 objects', () => {
  it('are keyed by UTC date and hour, then time and id', () => {
    const at = new Date(Date.UTC(2024, 11, 31, 23, 59, 58, 7));
    expect(s3ObjectKey('sluice/', at, 'id-1')).toBe(
      'sluice/2024/12/31/23/20241231T235958007Z-id-1.json.gz',
    );
    expect(s3ObjectKey('', at, 'x')).toBe('2024/12/31/23/20241231T235958007Z-x.json.gz');
    expect(normalizePrefix('/a/b')).toBe('a/b/');
  });

  it('hold one line of OTLP/JSON, gzip-compressed, with 64-bit timestamps intact', async () => {
    const request = {
      resourceLogs: [
        {
          resource: { attributes: [kv('service.name', av.string('s'))], droppedAttributesCount: 0 },
          schemaUrl: '',
          scopeLogs: [
            {
              scope: { name: 'x', version: '', attributes: [], droppedAttributesCount: 0 },
              schemaUrl: '',
              logRecords: [
                createLogRecord({
                  timeUnixNano: 1_700_000_000_123_456_789n,
                  body: av.string('hi'),
                }),
              ],
            },
          ],
        },
      ],
    };
    const text = gunzipSync(await s3ObjectBody(encodeExportRequest(request))).toString('utf8');
    expect(text.split('\n')).toEqual([expect.any(String), '']);
    expect(text).toContain('"timeUnixNano":"1700000000123456789"');
    expect(parseExportRequestJson(text)).toEqual(request);
  });

  it('escape query strings exactly as the SDK signs them', () => {
    expect(buildQueryString({ 'x-id': 'PutObject', b: null, a: ["it's (1)*", 'z'] })).toBe(
      'a=it%27s%20%281%29%2A&a=z&b&x-id=PutObject',
    );
  });
});
