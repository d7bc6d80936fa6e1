import type { EngineHost } from '../../host/engine-host';
import type { Logger } from '../../base/log';
import { startServeServer, type RunningServer } from '../serve-server';
import { removeControlFile, writeControlFile } from './control-file';

export interface ControlEndpoint {
  url: string;
  /** Stops advertising the instance (removes control.json) and, if it started one, the server. */
  close(): Promise<void>;
}

/**
 * Tells commands on this data folder where the instance is: the contract
 * over the WebSocket of `server`, with its token, in control.json.
 */
export function advertise(dataDir: string, server: RunningServer): ControlEndpoint {
  const url = `ws://127.0.0.1:${server.port}/api`;
  writeControlFile(dataDir, { url, token: server.token, pid: process.pid });
  return {
    url,
    close: async () => removeControlFile(dataDir, server.token),
  };
}

/**
 * For an instance without `sluice serve`'s server (`sluice run`, the
 * desktop app): the same server, serving only the contract, on a random
 * port with a random token, checked the same way (Host, Origin, token).
 */
export async function startControlEndpoint(options: {
  host: EngineHost;
  dataDir: string;
  log: Logger;
}): Promise<ControlEndpoint> {
  const server = await startServeServer({
    host: options.host,
    port: 0,
    rendererDir: null,
    log: options.log,
  });
  const advertised = advertise(options.dataDir, server);
  return {
    url: advertised.url,
    async close() {
      await advertised.close();
      await server.close();
    },
  };
}
