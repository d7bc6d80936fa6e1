import type { MessagePort } from 'node:worker_threads';
import { EngineError } from '../base/errors';
import type { InProcessEngine } from './in-process-host';
import type { FromWorker, ToWorker } from './worker-protocol';

/**
 * The worker side of the engine protocol (worker-protocol.ts): starts the
 * engine with `start`, answers requests, forwards events, and closes on
 * request. The app's worker entry and the benchmark's engine worker both run
 * the engine through this, so that the benchmark measures the same thing.
 */
export function serveEngineOnPort(
  port: MessagePort,
  start: () => InProcessEngine,
  hooks: { started?(host: InProcessEngine): void; closing?(): void } = {},
): void {
  const post = (m: FromWorker): void => port.postMessage(m);

  let host: InProcessEngine;
  try {
    host = start();
  } catch (err) {
    const message =
      err instanceof EngineError || (err instanceof Error && err.name === 'SchemaTooNewError')
        ? err.message
        : `The engine could not start: ${(err as Error).message ?? String(err)}`;
    post({ type: 'fatal', message });
    return;
  }
  hooks.started?.(host);

  host.subscribe((message) => post({ type: 'event', message }));
  port.on('message', (m: ToWorker) => {
    if (m.type === 'request') {
      void host.invoke(m.name, m.input).then((reply) => post({ type: 'reply', id: m.id, reply }));
    } else if (m.type === 'close') {
      hooks.closing?.();
      void host.close({ drainMs: m.drainMs ?? 0 }).then(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
  post({ type: 'ready' });
}
