import {
  SeverityNumber,
  av,
  createLogRecord,
  encodeExportRequest,
  kv,
  type ExportLogsServiceRequest,
} from '../../../shared/otlp';
import { appVersion } from '../../base/version';
import type { OutgoingBatch } from '../sender';

export const testRecordBody = 'Sluice test record: this stream works';

/**
 * The one record Test stream sends: plainly marked in its body and by the
 * attributes sluice.test = "true" and sluice.test.id (what the find-record
 * hint searches for), severity INFO, stamped now. A string "true" rather than
 * a boolean, so the same query works whether the destination keeps types
 * (Dynatrace OpenPipeline) or stringifies them (classic pipelines).
 */
export function testBatch(testId: string, now: Date, streamName: string | null): OutgoingBatch {
  return { body: encodeExportRequest(testRequest(testId, now, streamName)), recordCount: 1 };
}

/** The test record's request, before the stream's processing rules. */
export function testRequest(
  testId: string,
  now: Date,
  streamName: string | null,
): ExportLogsServiceRequest {
  const nanos = BigInt(now.getTime()) * 1_000_000n;
  const attributes = [
    kv('sluice.test', av.string('true')),
    kv('sluice.test.id', av.string(testId)),
  ];
  if (streamName !== null) attributes.push(kv('sluice.stream.name', av.string(streamName)));
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [kv('service.name', av.string('sluice'))],
          droppedAttributesCount: 0,
        },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: {
              name: 'sluice.test-stream',
              version: appVersion,
              attributes: [],
              droppedAttributesCount: 0,
            },
            schemaUrl: '',
            logRecords: [
              createLogRecord({
                timeUnixNano: nanos,
                observedTimeUnixNano: nanos,
                severityNumber: SeverityNumber.INFO,
                severityText: 'INFO',
                body: av.string(testRecordBody),
                attributes,
              }),
            ],
          },
        ],
      },
    ],
  };
}
