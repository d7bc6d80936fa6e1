import { join } from 'node:path';
import { startEngine } from '../../bridge/start-engine';
import { startControlEndpoint } from '../../control/control-endpoint';
import { logDir, resolveDataDir } from '../../engine/paths';
import { createLogger } from '../../log';
import { builtFile } from '../built-files';
import { parseCommandArgs, UsageError, type Command } from '../command';
import { readConfigFile } from '../config-io';
import { applyAtStart, clientOf, defaultDrainMs, logStatus } from '../instance';
import { dataDirHelp } from './streams/common';

const HELP = `Usage: sluice run [--config FILE] [--data-dir DIR] [--drain-timeout SECONDS]

Runs the Sluice engine headless, without a user interface: sources read,
streams send, and every status change and error is printed as one line.
Commands such as "sluice streams status" on the same data folder talk to it
through its control endpoint (docs/config.md).

Options:
  --config FILE            Apply this configuration file at start (as
                           "sluice streams import" does). {"env": "NAME"}
                           credentials are read from this process's
                           environment; one that is not set refuses the start.
${dataDirHelp}
  --drain-timeout SECONDS  On SIGTERM or Ctrl+C, how long requests in flight
                           may take to finish before they are cut short
                           (default ${defaultDrainMs / 1000}; 0: at once)
  -h, --help               Show this help

Exit status: 0 stopped by SIGTERM/SIGINT; 1 could not start (e.g. another
Sluice uses the data folder); 2 bad usage or a refused configuration file.
`;

function drainMs(value: string | undefined): number {
  if (value === undefined) return defaultDrainMs;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 600) {
    throw new UsageError(
      `--drain-timeout must be a number of seconds from 0 to 600; got "${value}".`,
    );
  }
  return Math.round(n * 1000);
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run the engine headless (no UI), optionally applying a configuration file',
  help: HELP,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      'drain-timeout': { type: 'string' },
    });
    const drain = drainMs(values['drain-timeout']);
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    // Read before anything starts: a file that is not JSON never opens the data folder.
    const document = values.config === undefined ? null : await readConfigFile(values.config, io);

    const host = await startEngine({ dataDir, env: io.env }, builtFile('engine-worker.js'));
    const log = createLogger({ file: join(logDir(dataDir), 'run.log') });
    const api = clientOf(host);
    let control;
    try {
      if (document !== null) await applyAtStart(api, document, values.config!, io);
      control = await startControlEndpoint({ host, dataDir, log });
    } catch (err) {
      await host.close();
      await log.close();
      throw err;
    }
    io.stdout(
      `Sluice is running headless (process ${process.pid}). Data folder: ${dataDir}\nStreams:\n`,
    );
    const status = await logStatus(api, io);
    io.stdout('Press Ctrl+C (or send SIGTERM) to stop.\n');

    const signal = await io.stopSignal;
    io.stdout(
      `Stopping (${signal}): sources stop; requests in flight may finish (up to ${drain / 1000} s)…\n`,
    );
    await control.close();
    await host.close({ drainMs: drain });
    await status.stop();
    await log.close();
    io.stdout('Stopped.\n');
    return 0;
  },
};
