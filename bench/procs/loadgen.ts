import { Pool } from 'undici';
import { sleep, wallMs } from '../lib/clock';
import { markedBody, requestTemplates, type RequestTemplate } from '../lib/records';
import { exitSoon, serveRpc } from '../lib/rpc';
import { selfUsage } from '../lib/usage';

/**
 * The load generator: pre-encoded OTLP/HTTP protobuf requests sent over
 * keep-alive connections on loopback, from its own process so that its CPU
 * is not the engine's. `max` keeps `concurrency` requests in flight back to
 * back; `rate` sends on a schedule (open loop) and reports how far it fell
 * behind. A request counts once the receiver answered 200, which it does
 * only after the records are committed.
 */
let templates: RequestTemplate[] = [];
let pool: Pool | null = null;
let path = '/v1/logs';
let markNo = 0;

export interface LoadResult {
  /** Records in requests answered 200. */
  acked: number;
  requests: number;
  /** Requests answered otherwise (503 when the buffer pushes back), and failures. */
  refused: number;
  errors: number;
  lastError: string | null;
  ms: number;
  /** rate mode: requests the schedule wanted but that could not be sent in time. */
  behind: number;
  /** [mark, wall ms of the 200] for each marked request. */
  acks: [number, number][];
}

async function send(t: RequestTemplate, r: LoadResult): Promise<void> {
  const mark = ++markNo;
  try {
    const res = await pool!.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/x-protobuf' },
      body: markedBody(t, mark),
    });
    await res.body.dump();
    r.requests++;
    if (res.statusCode === 200) {
      r.acked += t.records;
      if (t.markOffset !== null) r.acks.push([mark, wallMs()]);
    } else r.refused++;
  } catch (err) {
    r.errors++;
    r.lastError = (err as Error).message;
  }
}

async function runMax(concurrency: number, durationMs: number, r: LoadResult): Promise<void> {
  const end = performance.now() + durationMs;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await send(templates[i++ % templates.length]!, r);
    }),
  );
}

async function runRate(
  rate: number,
  maxInFlight: number,
  durationMs: number,
  r: LoadResult,
): Promise<void> {
  const perRequest = templates[0]!.records;
  const intervalMs = (perRequest / rate) * 1000;
  const start = performance.now();
  const end = start + durationMs;
  const inFlight = new Set<Promise<void>>();
  let next = start;
  let i = 0;
  for (;;) {
    const now = performance.now();
    if (now >= end) break;
    if (now < next) {
      await sleep(Math.min(next - now, end - now));
      continue;
    }
    if (inFlight.size >= maxInFlight) {
      await Promise.race(inFlight);
      continue;
    }
    const p = send(templates[i++ % templates.length]!, r).finally(() => inFlight.delete(p));
    inFlight.add(p);
    next += intervalMs;
  }
  r.behind = Math.max(0, Math.floor((end - next) / intervalMs));
  await Promise.all(inFlight);
}

serveRpc({
  prepare(o: { url: string; templates: number; recordsPerRequest: number; mark: boolean }) {
    templates = requestTemplates({
      count: o.templates,
      recordsPerRequest: o.recordsPerRequest,
      seed: 1000,
      mark: o.mark,
    });
    const url = new URL(o.url);
    path = url.pathname;
    pool = new Pool(url.origin, { connections: 64, pipelining: 1 });
    return { bytesPerRequest: templates[0]!.bytes.length };
  },
  async run(o: { mode: 'max' | 'rate'; rate?: number; concurrency: number; durationMs: number }) {
    const r: LoadResult = {
      acked: 0,
      requests: 0,
      refused: 0,
      errors: 0,
      lastError: null,
      ms: 0,
      behind: 0,
      acks: [],
    };
    const started = performance.now();
    if (o.mode === 'max') await runMax(o.concurrency, o.durationMs, r);
    else await runRate(o.rate ?? 1, o.concurrency, o.durationMs, r);
    r.ms = performance.now() - started;
    return r;
  },
  usage: () => selfUsage(),
  async close() {
    await pool?.close();
    exitSoon();
  },
});
