import { join } from 'node:path';
import { App } from '../app/app';
import { logDir } from '../data-dir/paths';
import { createLogger } from '../base/log';
import { KeytarTokenStore } from '../secrets/keytar-token-store';
import type { TokenStore } from '../secrets/token-store';
import type { SenderFactory } from '../destinations/sender';
import { createSender } from '../destinations/create-sender';
import { createDispatcher } from '../dispatch/dispatcher';
import { createRequestHandlers } from '../dispatch/request-handlers';
import type { EngineHost, EngineHostOptions } from './engine-host';
import { ensureDataDir } from '../data-dir/ensure-data-dir';
import { describeRepair } from '../base/private-files';

export interface InProcessEngine extends EngineHost {
  /** What the host runs: the app, whose data plane is the engine. */
  app: App;
}

/** Opens the engine (the app on its data folder) in this thread and serves the contract from it. */
export function startInProcessEngine(
  options: EngineHostOptions,
  tokens: TokenStore = new KeytarTokenStore(),
  senderFactory: SenderFactory = createSender,
): InProcessEngine {
  // Before the log file: a bad folder gets one clear message.
  const repair = ensureDataDir(options.dataDir);
  const log = createLogger({
    file: join(logDir(options.dataDir), 'sluice.log'),
    console: options.consoleLog ?? false,
  });
  const repaired = describeRepair(options.dataDir, repair);
  if (repaired) log.warn(repaired);
  let app: App;
  try {
    app = App.open({
      dataDir: options.dataDir,
      tokens,
      log,
      senderFactory,
      ...(options.snapshotIntervalMs ? { snapshotIntervalMs: options.snapshotIntervalMs } : {}),
      ...(options.passive ? { passive: true } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
  } catch (err) {
    void log.close();
    throw err;
  }
  if (!options.passive) app.start();
  const dispatch = createDispatcher(createRequestHandlers(app), log);
  return {
    app,
    invoke: dispatch,
    subscribe: (listener) => app.subscribe(listener),
    async close(closeOptions) {
      await app.close(closeOptions);
      await log.close();
    },
  };
}
