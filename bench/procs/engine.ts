import { monitorEventLoopDelay } from 'node:perf_hooks';
import { BroadcastChannel } from 'node:worker_threads';
import type { EngineHostOptions } from '../../src/main/host/engine-host';
import { startWorkerEngine } from '../../src/main/host/worker-host';
import type { EngineSnapshot } from '../../src/shared/api/engine';
import { exitSoon, serveRpc } from '../lib/rpc';
import { currentTid, threadCpu } from '../lib/threads';
import { selfUsage } from '../lib/usage';
import {
  benchChannelName,
  type BenchReply,
  type BenchRequest,
  type WorkerHello,
} from './bench-channel';

/**
 * The engine process, shaped like the desktop app: this main thread hosts
 * the engine in a worker thread through the app's own worker host and
 * receives its events (the 1 Hz snapshot the window draws), while
 * monitorEventLoopDelay measures how responsive this thread stays, which is
 * what the window would feel. CPU and memory are this whole process's.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: engine.ts <data-dir>');

// Listening before the worker starts: it says hello as it opens.
const roles = new Map<number, string>();
const mainTid = currentTid();
if (mainTid !== null) roles.set(mainTid, 'main');

const bench = new BroadcastChannel(benchChannelName);
const waiting = new Map<number, (r: BenchReply) => void>();
let nextId = 1;
bench.onmessage = (event) => {
  const m = (event as { data: BenchReply | WorkerHello }).data;
  if ('hello' in m) {
    if (m.tid !== null) roles.set(m.tid, 'engine_worker');
    return;
  }
  const r = m;
  waiting.get(r.id)?.(r);
  waiting.delete(r.id);
};

const options: EngineHostOptions = { dataDir, consoleLog: false };
// Bundled next to this file by bench/lib/build.ts.
const host = await startWorkerEngine(new URL('./engine-worker.mjs', import.meta.url), options);

let lastSnapshot: EngineSnapshot | null = null;
host.subscribe((m) => {
  if (m.event === 'engine.snapshot') lastSnapshot = m.payload;
});

// A 10 ms timer, as in Node's documentation example. The histogram records
// the time between its firings, so the delay beyond the timer's own period
// is the value minus 10 ms.
const resolutionMs = 10;
const lag = monitorEventLoopDelay({ resolution: resolutionMs });
lag.enable();
const lagMs = (ns: number): number => Math.max(0, ns / 1e6 - resolutionMs);

/** A bench request before it gets its id (distributes over the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<BenchRequest>;

/** A request to the worker over the bench channel. */
function askWorker(request: Request): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, (r) => (r.ok ? resolve(r.value) : reject(new Error(r.error))));
    bench.postMessage({ id, ...request });
  });
}

serveRpc({
  async invoke({ name, input }: { name: string; input: unknown }) {
    const reply = await host.invoke(name, input);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
    return reply.value;
  },
  snapshot: () => lastSnapshot,
  usage: () => ({
    ...selfUsage(),
    threadsCpuUs: threadCpu(roles),
    lagMs: {
      p50: lagMs(lag.percentile(50)),
      p99: lagMs(lag.percentile(99)),
      max: lagMs(lag.max),
      mean: lagMs(lag.mean),
    },
  }),
  resetLag: () => lag.reset(),
  fill: ({ sourceId, records }: { sourceId: string; records: number }) =>
    askWorker({ op: 'fill', sourceId, records }),
  workerMemory: () => askWorker({ op: 'memory' }),
  synchronous: ({ mode }: { mode: 'FULL' | 'NORMAL' }) => askWorker({ op: 'synchronous', mode }),
  async close() {
    bench.close();
    await host.close();
    exitSoon();
  },
});
