import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EngineHost, EngineHostOptions } from './engine-host';
import { startInProcessEngine } from './in-process-host';
import { startWorkerEngine } from './worker-host';

/**
 * Starts the engine in its worker thread when the built worker file exists
 * (the app, `sluice serve`); otherwise in this thread (running from source
 * with tsx). `workerEntry` is resolved by an entry file next to it in out/main.
 */
export async function startEngine(
  options: EngineHostOptions,
  workerEntry: URL | null,
): Promise<EngineHost> {
  if (workerEntry && existsSync(fileURLToPath(workerEntry))) {
    return startWorkerEngine(workerEntry, options);
  }
  return startInProcessEngine(options);
}
