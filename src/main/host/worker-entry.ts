import { parentPort, workerData } from 'node:worker_threads';
import type { EngineHostOptions } from './engine-host';
import { startInProcessEngine } from './in-process-host';
import { serveEngineOnPort } from './serve-engine-on-port';

/** The engine's worker thread: the contract over a MessagePort. */
if (!parentPort) throw new Error('engine-worker must run in a worker thread');
serveEngineOnPort(parentPort, () => startInProcessEngine(workerData as EngineHostOptions));
