import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/base/log';
import { SourceReport } from '../../../src/main/sources/source-report';
import { OtlpReceiver } from '../../../src/main/sources/receiver/otlp-receiver';
import { otlpReceiverSettingsSchema } from '../../../src/shared/api/sources';
import type { NewEvent } from '../../../src/main/engine/events/event-log';
import { numberedRequestBytes } from '../../support/otlp-records';
import { decodeStatus } from './support';

let receiver: OtlpReceiver | null = null;
afterEach(async () => {
  await receiver?.stop();
  receiver = null;
});

describe('OTLP/HTTP receiver when storing fails', () => {
  it('answers 503 with Retry-After, counts the records as refused, and shows the disk problem', async () => {
    const events: NewEvent[] = [];
    const activity = new SourceReport(
      'r',
      'otlp-receiver',
      'Receiver',
      { add: (e) => events.push(e) },
      Date.now,
    );
    let failing = true;
    receiver = new OtlpReceiver({
      sourceId: 'r',
      sourceName: 'Receiver',
      settings: otlpReceiverSettingsSchema.parse({ kind: 'otlp-receiver', port: 0 }),
      log: silentLogger,
      token: null,
      report: activity,
      target: {
        readersOf: () => ['stream'],
        ingest: () => {
          if (failing)
            throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
          return { accepted: 3, bytes: 30, unrouted: 0, dropped: 0, firstSeq: 1, lastSeq: 3 };
        },
      },
    });
    await receiver.start();
    const post = () =>
      fetch(activity.endpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body: numberedRequestBytes(1, 3),
      });
    const res = await post();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(decodeStatus(new Uint8Array(await res.arrayBuffer())).message).toMatch(
      /disk holding the buffer is full/,
    );
    expect(activity.runtime(1)).toMatchObject({
      state: 'error',
      totals: { records: 0, refused: 3, refusedRequests: 1 },
    });
    expect(events.map((e) => e.kind)).toEqual(['error']);

    failing = false;
    expect((await post()).status).toBe(200);
    expect(activity.runtime(1)).toMatchObject({ state: 'running', totals: { records: 3 } });
    expect(events.map((e) => e.message)).toEqual([
      expect.stringContaining('disk holding the buffer is full'),
      'Source "Receiver": Works again.',
    ]);
  });
});
