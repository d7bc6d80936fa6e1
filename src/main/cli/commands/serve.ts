import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startEngine } from '../../host/start-engine';
import { advertise } from '../../serve/control/control-endpoint';
import { logDir, resolveDataDir } from '../../data-dir/paths';
import { createLogger } from '../../base/log';
import { startServeServer } from '../../serve/serve-server';
import { parseCommandArgs, parsePort, type Command } from '../command';
import { builtFile } from '../built-files';
import { readConfigFile } from '../config-io';
import {
  applyAtStart,
  clientOf,
  defaultDrainMs,
  prepareDataDir,
  reloadOnSighup,
  removeInstanceFilesOnExit,
} from '../instance';

export const defaultServePort = 7319;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the engine headless with the UI in your browser',
  help: `Usage: sluice serve [--port N] [--data-dir DIR] [--config FILE]

Runs the Sluice engine and serves its interface on http://127.0.0.1:${defaultServePort}.
Open the address it prints: it carries a one-time access token, which the
browser then keeps as a cookie. Only this machine can connect.

Options:
  --port N          Port on 127.0.0.1 (default ${defaultServePort}; 0 picks a free one)
  --data-dir DIR    Where the buffer, settings and logs live
                    (default: $SLUICE_DATA_DIR, else the per-user app data folder)
  --config FILE     Apply this configuration file at start, as "sluice run
                    --config" does (docs/config.md)
  -h, --help        Show this help

Commands such as "sluice streams status" on the same data folder talk to this
instance. On Ctrl+C or SIGTERM, requests in flight may finish (up to ${defaultDrainMs / 1000} s);
SIGHUP applies the --config file again. With the access token (as a cookie,
?token= or "Authorization: Bearer"), /metrics, /healthz and /readyz answer
as on "sluice run --metrics-port" (docs/operations.md).
`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
    });
    const port = parsePort(values.port, defaultServePort);
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const document = values.config === undefined ? null : await readConfigFile(values.config, io);
    prepareDataDir(dataDir, io);
    const undoExitHook = removeInstanceFilesOnExit(dataDir);
    const host = await startEngine(
      { dataDir, consoleLog: false, env: io.env },
      builtFile('engine-worker.js'),
    );
    // After the engine, which checks the data folder and says clearly what is wrong with it.
    const log = createLogger({ file: join(logDir(dataDir), 'serve.log') });
    let server;
    try {
      if (document !== null) await applyAtStart(clientOf(host), document, values.config!, io);
      server = await startServeServer({
        host,
        port,
        rendererDir: fileURLToPath(builtFile('../renderer/')),
        log,
      });
    } catch (err) {
      await host.close();
      await log.close();
      throw err;
    }
    // The same server is this instance's control endpoint.
    const control = advertise(dataDir, server);
    io.stdout(
      `Sluice is running. Open this address in your browser:\n\n  ${server.url}\n\nData folder: ${dataDir}\nPress Ctrl+C to stop.\n`,
    );
    const stopReloading = reloadOnSighup(clientOf(host), values.config, io, log);
    const signal = await io.stopSignal;
    io.stdout(`\nStopping (${signal})…\n`);
    stopReloading();
    await control.close();
    await server.close();
    await host.close({ drainMs: defaultDrainMs });
    await log.close();
    undoExitHook();
    return 0;
  },
};
