import {
  SeverityNumber,
  av,
  createLogRecord,
  encodeExportRequest,
  kv,
  type ExportLogsServiceRequest,
} from '../../../../src/shared/otlp';
import type { OutgoingBatch } from '../../../../src/main/destinations/sender';

/** A small, realistic request: two records of one service, attributes of several kinds. */
export function sampleRequest(): ExportLogsServiceRequest {
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [
            kv('service.name', av.string('checkout')),
            kv('host.name', av.string('web-01')),
          ],
          droppedAttributesCount: 0,
        },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: {
              name: 'OutSystems.Logs',
              version: '11.0',
              attributes: [],
              droppedAttributesCount: 0,
            },
            schemaUrl: '',
            logRecords: [
              createLogRecord({
                timeUnixNano: 1_700_000_000_123_456_789n,
                severityNumber: SeverityNumber.ERROR,
                severityText: 'ERROR',
                body: av.string('Payment failed'),
                attributes: [
                  kv('http.status_code', av.int(502)),
                  kv('retry', av.bool(true)),
                  kv(
                    'user',
                    av.kvlist([kv('id', av.string('u-1')), kv('tier', av.string('gold'))]),
                  ),
                  kv('tags', av.array([av.string('a'), av.int(2)])),
                ],
                traceId: new Uint8Array(16).fill(0xab),
                spanId: new Uint8Array(8).fill(0xcd),
              }),
              createLogRecord({
                timeUnixNano: 1_700_000_001_000_000_000n,
                severityNumber: SeverityNumber.INFO,
                body: av.kvlist([kv('message', av.string('ok')), kv('ms', av.double(12.5))]),
              }),
            ],
          },
        ],
      },
    ],
  };
}

export function sampleBatch(): OutgoingBatch {
  return { body: encodeExportRequest(sampleRequest()), recordCount: 2 };
}

/** A token no test data contains by accident, so finding it anywhere is a leak. */
export const distinctiveToken = `dt0c01.LEAKCANARYPUBLIC00000000.${'S3CR3TCANARY'.repeat(5)}ABCD`;
