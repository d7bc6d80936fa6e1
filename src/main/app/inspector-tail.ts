import type { TailResult } from '../../shared/api/inspector';
import type { Stream } from '../../shared/api/streams';
import {
  decodeLogRecord,
  decodeResource,
  decodeScope,
  exportRequestToJson,
} from '../../shared/otlp';
import type { Sample } from '../engine/ports';

/**
 * The live inspector's tail: each sampled record as the request it went out
 * in, cut down to that record with its resource and scope, in OTLP/JSON. The
 * renderer maps it to the Dynatrace view with src/shared/dynatrace.
 */
export function tail(stream: Stream, samples: readonly Sample[], afterId: number): TailResult {
  const dynatrace = stream.destination.tool === 'dynatrace' ? stream.destination : null;
  return {
    records: samples.map((s) => ({
      id: s.id,
      streamId: stream.id,
      seq: s.seq,
      at: s.at,
      recordBytes: s.record.length,
      request: s.request,
      wireJson: exportRequestToJson({
        resourceLogs: [
          {
            resource: decodeResource(s.resource),
            schemaUrl: s.resourceSchemaUrl,
            scopeLogs: [
              {
                scope: decodeScope(s.scope),
                schemaUrl: s.scopeSchemaUrl,
                logRecords: [decodeLogRecord(s.record)],
              },
            ],
          },
        ],
      }),
    })),
    lastId: samples.at(-1)?.id ?? Math.max(afterId, 0),
    model: dynatrace ? dynatrace.model : null,
    // The public token id is what Dynatrace records as dt.auth.origin.
    authOrigin: dynatrace ? (stream.credentials.token?.hint ?? null) : null,
  };
}
