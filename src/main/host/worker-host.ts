import { Worker } from 'node:worker_threads';
import type { EventMessage } from '../../shared/api/contract';
import type { Reply } from '../../shared/api/envelope';
import type { EngineHost, EngineHostOptions } from './engine-host';
import type { FromWorker, ToWorker } from './worker-protocol';

const stoppedReply: Reply<unknown> = {
  ok: false,
  error: {
    code: 'unavailable',
    message: 'The engine has stopped. Restart Sluice; the log file says why.',
  },
};

export interface WorkerEngineHost extends EngineHost {
  /** Resolves when the worker exits, with its exit code. */
  exited: Promise<number>;
}

/**
 * Runs the engine in a worker thread (ARCHITECTURE.md, "Threads"): SQLite and
 * batching never block the thread that serves the window. Resolves once the
 * engine has opened its store, or rejects with the reason it could not.
 */
export function startWorkerEngine(
  entry: string | URL,
  options: EngineHostOptions,
): Promise<WorkerEngineHost> {
  // The young generation is capped at 16 MB (V8's default lets it grow to
  // 48 MB under load): at 10,000 records/s that keeps about 20 MB off the
  // resident memory for no measurable CPU (docs/benchmarks.md, "Memory").
  const worker = new Worker(entry, {
    workerData: options,
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const listeners = new Set<(message: EventMessage) => void>();
  let nextId = 1;
  let stopped = false;
  let onClosed: (() => void) | null = null;

  const exited = new Promise<number>((resolve) => {
    worker.once('exit', (code) => {
      stopped = true;
      for (const resolveReply of pending.values()) resolveReply(stoppedReply);
      pending.clear();
      onClosed?.();
      resolve(code);
    });
  });

  const host: WorkerEngineHost = {
    exited,
    invoke(name, input) {
      if (stopped) return Promise.resolve(stoppedReply);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: 'request', id, name, input } satisfies ToWorker);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close(options) {
      if (stopped) return Promise.resolve();
      return new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.postMessage({ type: 'close', drainMs: options?.drainMs ?? 0 } satisfies ToWorker);
      });
    },
  };

  return new Promise((resolve, reject) => {
    worker.on('error', (err) => {
      if (!stopped) reject(new Error(`The engine could not start: ${err.message}`));
    });
    worker.on('message', (m: FromWorker) => {
      switch (m.type) {
        case 'ready':
          resolve(host);
          break;
        case 'fatal':
          void worker.terminate();
          reject(new Error(m.message));
          break;
        case 'reply':
          pending.get(m.id)?.(m.reply);
          pending.delete(m.id);
          break;
        case 'event':
          for (const l of listeners) l(m.message);
          break;
        case 'closed':
          void worker.terminate();
          break;
      }
    });
  });
}
