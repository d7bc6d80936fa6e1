import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInternals } from '../../support/app-internals';
import { deepJson, deepProtobuf, emptyRecords } from '../../support/hostile-otlp';
import { numberedRequestBytes } from '../../support/otlp-records';
import { eventually } from '../../support/scripted-sender';
import {
  addSource,
  decodeStatus,
  delivered,
  endpointOf,
  openHarness,
  type Harness,
} from './support';
import { dynatraceSettings } from '../../support/engine';

/**
 * The two requests that used to break a stream (docs/otlp.md, "Limits"): a
 * LogRecord whose body nests about 5,000 levels deep (34 KB), which a stream
 * with a filter could not decode and retried forever; and 8 million empty
 * LogRecords in 16 MB, which held the engine for 25 s. Both are refused by
 * the receiver, before anything is stored, and the stream around them
 * carries on as if they had never been sent.
 */

let h: Harness;
let url: string;
let streamId: string;
beforeAll(async () => {
  h = openHarness();
  const source = await addSource(h.engine, {
    name: 'Receiver',
    settings: { kind: 'otlp-receiver', host: '127.0.0.1', port: 0, maxBodyBytes: 32 * 1024 * 1024 },
  });
  // A filter and truncation: the stream decodes every record it sends.
  const stream = await h.engine.createStream(
    dynatraceSettings({
      sourceIds: [source.id],
      filter: { exclude: [{ key: 'user', op: 'equals', value: 'nobody' }] },
      delivery: { outsystemsTruncation: true },
    }),
    {},
    true,
  );
  streamId = stream.id;
  url = await endpointOf(h.engine, source.id);
});
afterAll(async () => {
  await h.engine.close();
});

async function post(body: Uint8Array | string, type = 'application/x-protobuf') {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const status =
    type === 'application/json'
      ? (JSON.parse(new TextDecoder().decode(bytes)) as { code: number; message: string })
      : decodeStatus(bytes);
  return { http: res.status, status };
}

describe('requests no client should send', () => {
  it('refuses the 5,000-deep record and the 8-million-record request; the stream carries on untouched', async () => {
    expect((await post(numberedRequestBytes(1, 20))).http).toBe(200);

    const deep = deepProtobuf(5_000);
    expect(deep.length).toBeLessThan(40_000);
    const refusedDeep = await post(deep);
    expect(refusedDeep.http).toBe(400);
    expect(refusedDeep.status.message).toContain('nested more than 64 levels deep');
    const refusedDeepJson = await post(deepJson(5_000), 'application/json');
    expect(refusedDeepJson.http).toBe(400);

    const many = emptyRecords(8_000_000);
    expect(many.length).toBeGreaterThan(16_000_000);
    const refusedMany = await post(many);
    expect(refusedMany.http).toBe(413);
    expect(refusedMany.status.code).toBe(8); // RESOURCE_EXHAUSTED
    expect(refusedMany.status.message).toContain('more than 100,000 log records');

    expect((await post(numberedRequestBytes(21, 20))).http).toBe(200);

    await eventually(() => expect(delivered(h.sender)).toHaveLength(40), 15_000);
    const runtime = appInternals(h.engine)
      .pipeline.runtimes()
      .find((r) => r.id === streamId)!;
    expect(runtime).toMatchObject({
      status: 'active',
      lastError: null,
      totals: { recordsIn: 40, recordsOut: 40, errors: 0, deadLettered: 0 },
    });
    expect(h.engine.listDeadLetters(streamId)).toEqual([]);
    // Nothing of the refused requests was stored.
    expect(appInternals(h.engine).pipeline.buffer.maxSeq()).toBe(40);
  });
});
