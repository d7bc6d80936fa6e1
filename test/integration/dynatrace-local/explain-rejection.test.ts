import { describe, expect, it } from 'vitest';
import { createSender } from '../../../src/main/destinations/create-sender';
import { destinationSchema } from '../../../src/shared/destinations/schema';
import { explainRejection, type RecordInContext } from '../../../src/shared/dynatrace';
import { encodeExportRequest } from '../../../src/shared/otlp';
import { numberedRequest } from '../../support/otlp-records';
import { NOW, TOKEN, startLocal } from './support';

/**
 * A partial success from the local Dynatrace endpoint, which refuses records
 * past the log-age limit as Dynatrace does, explained by running the mapping
 * over the batch that was sent: the explanation must name exactly the
 * records the endpoint refused.
 */

const MINUTE_NS = 60_000_000_000n;

function inContext(request: ReturnType<typeof numberedRequest>): RecordInContext[] {
  return request.resourceLogs.flatMap((rl) =>
    rl.scopeLogs.flatMap((sl) =>
      sl.logRecords.map((record) => ({ resource: rl.resource, scope: sl.scope, record })),
    ),
  );
}

describe('explainRejection over a partial success from dynatrace-local', () => {
  it('names the records the endpoint refused, and why', async () => {
    const dt = await startLocal();
    const request = numberedRequest(0, 5, { recent: false });
    const records = request.resourceLogs[0]!.scopeLogs[0]!.logRecords;
    // On either side of the 24-hour limit, by the endpoint's own clock.
    records[1]!.timeUnixNano = NOW - (23n * 60n + 59n) * MINUTE_NS;
    records[2]!.timeUnixNano = NOW - (24n * 60n + 1n) * MINUTE_NS;
    records[4]!.timeUnixNano = NOW - 26n * 60n * MINUTE_NS;
    const sender = createSender(
      { id: 'stream-1', destination: destinationSchema.parse({ tool: 'dynatrace', url: dt.url }) },
      { credentials: { token: TOKEN }, timeoutMs: 5_000 },
    );
    const result = await sender.send({ body: encodeExportRequest(request), recordCount: 5 });
    await sender.close();
    expect(result).toMatchObject({ kind: 'accepted', rejectedRecords: 2 });
    if (result.kind !== 'accepted') return;

    const explanation = explainRejection(inContext(request), result.rejectedRecords, {
      model: 'flattened',
      now: NOW,
      errorMessage: result.rejectionMessage,
    });
    expect(explanation.explained.map((e) => e.index)).toEqual([2, 4]);
    expect(explanation.unexplained).toBe(0);
    expect(explanation.explained[0]!.reasons).toEqual([
      {
        rule: 'timestamp.too-old',
        detail: expect.stringContaining(
          'Dynatrace discards records older than the log age limit of 24 hours; this one is 24 h 1 min old',
        ) as string,
      },
    ]);
    expect(explanation.summary).toMatch(
      /^Dynatrace refused 2 records of 5\. The mapping explains all of them: records 2, 4;/,
    );
    // What the endpoint stored is what the explanation says was kept.
    expect(dt.records().map((r) => r.content)).toEqual(['record-0', 'record-1', 'record-3']);
  });
});
