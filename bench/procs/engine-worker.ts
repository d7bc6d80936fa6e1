import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import { startInProcessEngine, type InProcessEngine } from '../../src/main/host/in-process-host';
import type { EngineHostOptions } from '../../src/main/host/engine-host';
import { serveEngineOnPort } from '../../src/main/host/serve-engine-on-port';
import { BenchMemoryTokenStore } from '../lib/bench-tokens';
import { currentTid } from '../lib/threads';
import {
  benchChannelName,
  type BenchReply,
  type BenchRequest,
  type WorkerHello,
  type WorkerMemory,
} from './bench-channel';
import { fillBacklog } from './fill';

/**
 * The engine's worker thread, as src/main/host/worker-entry.ts runs it in
 * the app (the same engine, the same contract over the same protocol), with
 * two differences: credentials are held in memory instead of the OS
 * keychain, and a BroadcastChannel takes the benchmark's own requests
 * (filling a backlog with direct buffer appends).
 */
const mb = (bytes: number) => bytes / (1024 * 1024);

function workerMemory(): WorkerMemory {
  const m = process.memoryUsage();
  return {
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
  };
}

/** The store's own connection (private to the app; the benchmark reaches in on purpose). */
function setSynchronous(app: InProcessEngine['app'], mode: 'FULL' | 'NORMAL'): string {
  const db = app['store'].db;
  db.pragma(`synchronous = ${mode}`);
  return String(db.pragma('synchronous', { simple: true }));
}

function main(): void {
  if (!parentPort) throw new Error('engine-worker must run in a worker thread');
  const bench = new BroadcastChannel(benchChannelName);
  serveEngineOnPort(
    parentPort,
    () => startInProcessEngine(workerData as EngineHostOptions, new BenchMemoryTokenStore()),
    {
      started(host) {
        bench.onmessage = (event) => {
          const m = (event as { data: BenchRequest }).data;
          const reply = (r: BenchReply): void => bench.postMessage(r);
          // A throw before the first await becomes a rejected promise too:
          // a request that gets no reply would hang the whole run.
          const work = Promise.resolve().then((): unknown =>
            m.op === 'fill'
              ? fillBacklog(host.app['engine'], m)
              : m.op === 'synchronous'
                ? setSynchronous(host.app, m.mode)
                : workerMemory(),
          );
          work.then(
            (value) => reply({ id: m.id, ok: true, value }),
            (err: unknown) =>
              reply({ id: m.id, ok: false, error: (err as Error).stack ?? String(err) }),
          );
        };
        bench.postMessage({ hello: true, tid: currentTid() } satisfies WorkerHello);
      },
      closing: () => bench.close(),
    },
  );
}

main();
