import { describe, expect, it } from 'vitest';
import { createSender } from '../../../src/main/destinations/create-sender';
import type { OutgoingBatch, SendResult } from '../../../src/main/destinations/sender';
import type { DynatraceLocal } from '../../../src/main/tools/dynatrace-local';
import { destinationSchema, type DestinationInput } from '../../../src/shared/destinations/schema';
import { mapToDynatrace } from '../../../src/shared/dynatrace';
import { encodeExportRequest } from '../../../src/shared/otlp';
import { numberedRequest } from '../../support/otlp-records';
import { eventually } from '../../support/eventually';
import { AUTH_ORIGIN, HOUR_NS, NOW, TOKEN, startLocal } from './support';

/**
 * The app's real Dynatrace sender against the local endpoint: every answer
 * the endpoint gives must be understood by the sender the way the same answer
 * from Dynatrace would be.
 */

function batch(from: number, count: number): OutgoingBatch {
  return {
    body: encodeExportRequest(numberedRequest(from, count, { recent: false })),
    recordCount: count,
  };
}

async function send(
  dt: DynatraceLocal,
  b: OutgoingBatch,
  options: { token?: string; timeoutMs?: number; destination?: Partial<DestinationInput> } = {},
): Promise<SendResult> {
  const destination = destinationSchema.parse({
    tool: 'dynatrace',
    url: dt.url,
    ...options.destination,
  } as DestinationInput);
  const sender = createSender(
    { id: 'stream-1', destination },
    { credentials: { token: options.token ?? TOKEN }, timeoutMs: options.timeoutMs ?? 5_000 },
  );
  try {
    return await sender.send(b);
  } finally {
    await sender.close();
  }
}

describe('the Dynatrace sender against dynatrace-local', () => {
  it('is accepted (loopback http needs no allowPlainHttp) and the records read back are the mapping of what was sent', async () => {
    const dt = await startLocal();
    const result = await send(dt, batch(0, 3), { destination: { model: 'raw' } });
    expect(result).toMatchObject({ kind: 'accepted', httpStatus: 200, rejectedRecords: 0 });
    const expected = mapToDynatrace(numberedRequest(0, 3, { recent: false }), {
      model: 'raw',
      processing: 'openpipeline',
      authOrigin: AUTH_ORIGIN,
      now: NOW,
    }).records.map(({ timestamp, loglevel, content, attributes }) => ({
      timestamp,
      loglevel,
      content,
      attributes,
    }));
    const kept = dt.records();
    expect(
      kept.map(({ timestamp, loglevel, content, attributes }) => ({
        timestamp,
        loglevel,
        content,
        attributes,
      })),
    ).toEqual(expected);
    // The sender gzips and names the model; the endpoint saw both.
    expect(kept[0]?.request).toMatchObject({ model: 'raw', contentEncoding: 'gzip' });
    expect(result.kind === 'accepted' && result.bytesSent).toBe(dt.stats().bytes.wire);
  });

  it('reads the partial success for records older than the log age limit', async () => {
    const dt = await startLocal();
    const request = numberedRequest(0, 4, { recent: false });
    const records = request.resourceLogs[0]!.scopeLogs[0]!.logRecords;
    records[1]!.timeUnixNano = NOW - 30n * HOUR_NS;
    records[3]!.timeUnixNano = NOW - 25n * HOUR_NS;
    const result = await send(dt, { body: encodeExportRequest(request), recordCount: 4 });
    expect(result).toMatchObject({ kind: 'accepted', rejectedRecords: 2 });
    expect(result.kind === 'accepted' && result.rejectionMessage).toMatch(
      /^2 of 4 log records rejected\. Record 1: .*log age limit of 24 hours/,
    );
    expect(dt.records().map((r) => r.content)).toEqual(['record-0', 'record-2']);
  });

  it('a wrong token: 401, refused, and the stream stops sending', async () => {
    const dt = await startLocal();
    const result = await send(dt, batch(0, 1), {
      token: `dt0c01.${'W'.repeat(24)}.${'X'.repeat(64)}`,
    });
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 401, stopSending: true });
    expect(result.kind === 'refused' && result.responseBody).toContain(
      'Token Authentication failed',
    );
    expect(result.kind === 'refused' && result.advice).toMatch(/token/);
    expect(dt.records()).toEqual([]);
  });

  it('no token at all (an OTLP sender without the header): 401, refused, stop sending', async () => {
    const dt = await startLocal();
    const result = await send(dt, batch(0, 1), {
      destination: { tool: 'otlp', url: dt.url, headerName: '' } as Partial<DestinationInput>,
    });
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 401, stopSending: true });
    expect(result.kind === 'refused' && result.responseBody).toContain(
      'Missing authorization parameter.',
    );
  });

  it('413 over a small payload limit: too large, for the exporter to split', async () => {
    const dt = await startLocal({ maxPayloadBytes: 256 });
    const result = await send(dt, batch(0, 40));
    expect(result).toMatchObject({ kind: 'too-large', httpStatus: 413 });
    expect(result.kind === 'too-large' && result.responseBody).toContain('Payload too large');
    expect((await send(dt, batch(0, 1))).kind).toBe('accepted');
  });

  it('400 for a garbage body: refused without stopping, with the reason in the response body', async () => {
    const dt = await startLocal();
    const result = await send(dt, { body: new Uint8Array([0x0a, 0xff, 0x01]), recordCount: 1 });
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 400, stopSending: false });
    expect(result.kind === 'refused' && result.responseBody).toContain(
      'Malformed ExportLogsServiceRequest',
    );
  });

  it('415 for OTLP/JSON: refused without stopping', async () => {
    const dt = await startLocal();
    const result = await send(dt, batch(0, 1), {
      token: `Api-Token ${TOKEN}`,
      destination: { tool: 'otlp', url: dt.url, encoding: 'json' } as Partial<DestinationInput>,
    });
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 415, stopSending: false });
    expect(result.kind === 'refused' && result.responseBody).toContain('application/x-protobuf');
  });
});

describe('injected faults, as the sender sees them', () => {
  it('503 with Retry-After: retryable after the given delay; then accepted again', async () => {
    const dt = await startLocal();
    dt.faults.failNext(2, { status: 503, retryAfter: '2' });
    for (let i = 0; i < 2; i++) {
      const result = await send(dt, batch(0, 1));
      expect(result).toMatchObject({ kind: 'retryable', httpStatus: 503, retryAfterMs: 2_000 });
      expect(result.kind === 'retryable' && result.responseBody).toContain('Injected fault');
    }
    expect((await send(dt, batch(0, 1))).kind).toBe('accepted');
    expect(dt.stats().requests.byStatus).toEqual({ '200': 1, '503': 2 });
    expect(dt.records()).toHaveLength(1);
  });

  it('a 4xx fault is classified like the real answer (403: stop sending)', async () => {
    const dt = await startLocal();
    dt.faults.failNext(1, {
      status: 403,
      body: '{"error":{"code":403,"message":"Token is missing required scope."}}',
    });
    const result = await send(dt, batch(0, 1));
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 403, stopSending: true });
    expect(result.kind === 'refused' && result.responseBody).toContain('missing required scope');
  });

  it('a reset connection: retryable, nothing kept', async () => {
    const dt = await startLocal();
    dt.faults.resetNext(1);
    const result = await send(dt, batch(0, 1));
    expect(result).toMatchObject({ kind: 'retryable', httpStatus: null });
    expect(result.kind === 'retryable' && result.message).toMatch(
      /closed the connection before answering/,
    );
    expect(dt.stats().requests).toMatchObject({ reset: 1, byStatus: {} });
    expect(dt.records()).toEqual([]);
    expect((await send(dt, batch(0, 1))).kind).toBe('accepted');
  });

  it("a hanging request: the sender's timeout makes it retryable", async () => {
    const dt = await startLocal();
    dt.faults.hangNext(1);
    const result = await send(dt, batch(0, 1), { timeoutMs: 300 });
    expect(result).toMatchObject({ kind: 'retryable', httpStatus: null });
    expect(result.kind === 'retryable' && result.message).toMatch(/did not answer within 0\.3 s/);
    expect(dt.stats().requests.hung).toBe(1);
    expect((await send(dt, batch(0, 1))).kind).toBe('accepted');
  });

  it('a request still hanging when the endpoint closes ends as a network failure', async () => {
    const dt = await startLocal();
    dt.faults.hangNext(1);
    const pending = send(dt, batch(0, 1), { timeoutMs: 20_000 });
    await eventually(() => expect(dt.stats().requests.hung).toBe(1));
    await dt.close();
    expect(await pending).toMatchObject({ kind: 'retryable', httpStatus: null });
  });

  it('latency: an answer slower than the timeout is retryable, but the records were kept (a duplicate on resend)', async () => {
    const dt = await startLocal();
    dt.faults.setLatency(10_000);
    const slow = await send(dt, batch(0, 2), { timeoutMs: 1_000 });
    expect(slow).toMatchObject({ kind: 'retryable', httpStatus: null });
    expect(slow.kind === 'retryable' && slow.message).toMatch(/did not answer within 1 s/);
    expect(dt.records().map((r) => r.content)).toEqual(['record-0', 'record-1']);
    dt.faults.setLatency(20);
    expect(await send(dt, batch(2, 1))).toMatchObject({ kind: 'accepted', httpStatus: 200 });
  });
});
