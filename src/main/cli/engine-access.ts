import { existsSync } from 'node:fs';
import { createClient, type SluiceApi } from '../../shared/api/client';
import { startInProcessEngine } from '../host/in-process-host';
import { readControlFile } from '../serve/control/control-file';
import { databasePath } from '../data-dir/paths';
import { KeytarTokenStore } from '../secrets/keytar-token-store';
import type { TokenStore } from '../secrets/token-store';
import { connectWsTransport } from './ws-transport';

export interface EngineAccess {
  api: SluiceApi;
  /** `instance`: a running Sluice answers; `direct`: this command opened the data folder itself. */
  via: 'instance' | 'direct';
  /** The running instance's process id (via instance). */
  pid: number | null;
  close(): Promise<void>;
}

export interface EngineAccessOptions {
  /** The environment {"env": ...} credentials are read from when the folder is opened directly. */
  env: NodeJS.ProcessEnv;
  /** The keychain, for direct access (tests give a fake one). */
  tokens?: TokenStore;
  /**
   * Start a new data folder if there is none (import). Otherwise a folder
   * without a store is refused: a mistyped --data-dir must not look empty.
   */
  create?: boolean;
}

/**
 * The contract for a command, the same either way (docs/config.md):
 * through the control endpoint of the instance that owns the data folder,
 * else with the data folder opened here, passively (no source runs, nothing
 * is sent). If an instance holds the folder but cannot be reached, opening
 * it here is refused by the data folder's lock, with a message naming it.
 */
export async function openEngineAccess(
  dataDir: string,
  options: EngineAccessOptions,
): Promise<EngineAccess> {
  const control = readControlFile(dataDir);
  if (control) {
    try {
      const transport = await connectWsTransport(control.url, control.token);
      return {
        api: createClient(transport),
        via: 'instance',
        pid: control.pid,
        close: async () => transport.close(),
      };
    } catch {
      // Not answering (stopping, or the pid was reused): the lock decides below.
    }
  }
  if (!options.create && !existsSync(databasePath(dataDir))) {
    throw new Error(
      `There is no Sluice data folder at ${dataDir} (no sluice.db there). Check --data-dir or SLUICE_DATA_DIR.`,
    );
  }
  const host = startInProcessEngine(
    { dataDir, passive: true, env: options.env },
    options.tokens ?? new KeytarTokenStore(),
  );
  return {
    api: createClient({ invoke: host.invoke, subscribe: host.subscribe }),
    via: 'direct',
    pid: null,
    close: () => host.close(),
  };
}
