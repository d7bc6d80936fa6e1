import { parentPort, workerData } from 'node:worker_threads';
import { EngineError } from '../errors';
import type { EngineHostOptions } from './engine-host';
import { startInProcessEngine, type InProcessEngine } from './in-process-host';
import type { FromWorker, ToWorker } from './worker-protocol';

/** The engine's worker thread: the contract over a MessagePort. */
function main(): void {
  const port = parentPort;
  if (!port) throw new Error('engine-worker must run in a worker thread');
  const post = (m: FromWorker): void => port.postMessage(m);

  let host: InProcessEngine;
  try {
    host = startInProcessEngine(workerData as EngineHostOptions);
  } catch (err) {
    const message =
      err instanceof EngineError || (err instanceof Error && err.name === 'SchemaTooNewError')
        ? err.message
        : `The engine could not start: ${(err as Error).message ?? String(err)}`;
    post({ type: 'fatal', message });
    return;
  }

  host.subscribe((message) => post({ type: 'event', message }));
  port.on('message', (m: ToWorker) => {
    if (m.type === 'request') {
      void host.invoke(m.name, m.input).then((reply) => post({ type: 'reply', id: m.id, reply }));
    } else if (m.type === 'close') {
      void host.close({ drainMs: m.drainMs ?? 0 }).then(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
  post({ type: 'ready' });
}

main();
