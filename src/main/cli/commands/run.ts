import { join } from 'node:path';
import { startEngine } from '../../host/start-engine';
import { startControlEndpoint } from '../../serve/control/control-endpoint';
import { logDir, resolveDataDir } from '../../data-dir/paths';
import { createLogger } from '../../base/log';
import { defaultMetricsAddress, startMetricsServer } from '../../serve/monitoring/metrics-server';
import { builtFile } from '../built-files';
import { parseCommandArgs, parsePort, UsageError, type Command } from '../command';
import { readConfigFile } from '../config-io';
import {
  applyAtStart,
  clientOf,
  defaultDrainMs,
  logStatus,
  prepareDataDir,
  reloadOnSighup,
  removeInstanceFilesOnExit,
} from '../instance';
import { dataDirHelp } from './streams/common';

const HELP = `Usage: sluice run [--config FILE] [--data-dir DIR] [--metrics-port N]
                  [--metrics-address ADDR] [--drain-timeout SECONDS]

Runs the Sluice engine headless, without a user interface: sources read,
streams send, and every status change and error is printed as one line.
Commands such as "sluice streams status" on the same data folder talk to it
through its control endpoint (docs/config.md). Running it as a service:
docs/operations.md.

Options:
  --config FILE            Apply this configuration file at start (as
                           "sluice streams import" does), and again on
                           SIGHUP. {"env": "NAME"} credentials are read from
                           this process's environment; one that is not set
                           refuses the start (or the reload).
${dataDirHelp}
  --metrics-port N         Serve /metrics (Prometheus), /healthz and /readyz
                           on this port (0 picks a free one; default: off)
  --metrics-address ADDR   The address to serve them on (default
                           ${defaultMetricsAddress}; 0.0.0.0 for every interface)
  --drain-timeout SECONDS  On SIGTERM or Ctrl+C, how long requests in flight
                           may take to finish before they are cut short
                           (default ${defaultDrainMs / 1000}; 0: at once)
  -h, --help               Show this help

Signals: SIGTERM or SIGINT stop it (requests in flight may finish); SIGHUP
applies the --config file again, all or nothing, printing what changed.

Exit status: 0 stopped by SIGTERM/SIGINT; 1 could not start (e.g. another
Sluice uses the data folder); 2 bad usage or a refused configuration file.
`;

/** The options `sluice run` takes (build/systemd/sluice.service is checked against them). */
export const runOptions = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'drain-timeout': { type: 'string' },
  'metrics-port': { type: 'string' },
  'metrics-address': { type: 'string' },
} as const;

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
    const { values } = parseCommandArgs(args, runOptions);
    const drain = drainMs(values['drain-timeout']);
    const metricsPort =
      values['metrics-port'] === undefined
        ? null
        : parsePort(values['metrics-port'], 0, '--metrics-port');
    if (metricsPort === null && values['metrics-address'] !== undefined)
      throw new UsageError('--metrics-address goes with --metrics-port.');
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    // Read before anything starts: a file that is not JSON never opens the data folder.
    const document = values.config === undefined ? null : await readConfigFile(values.config, io);
    prepareDataDir(dataDir, io);

    const undoExitHook = removeInstanceFilesOnExit(dataDir);
    const host = await startEngine({ dataDir, env: io.env }, builtFile('engine-worker.js'));
    const log = createLogger({ file: join(logDir(dataDir), 'run.log') });
    const api = clientOf(host);
    let control;
    let metrics = null;
    try {
      if (document !== null) await applyAtStart(api, document, values.config!, io);
      control = await startControlEndpoint({ host, dataDir, log });
      if (metricsPort !== null) {
        const address = values['metrics-address'] ?? defaultMetricsAddress;
        metrics = await startMetricsServer({ api, address, port: metricsPort, log });
      }
    } catch (err) {
      await control?.close();
      await host.close();
      await log.close();
      throw err;
    }
    io.stdout(
      `Sluice is running headless (process ${process.pid}). Data folder: ${dataDir}\n` +
        (metrics ? `Metrics: ${metrics.url}/metrics (health: /healthz, /readyz)\n` : '') +
        'Streams:\n',
    );
    const status = await logStatus(api, io);
    const stopReloading = reloadOnSighup(api, values.config, io, log);
    io.stdout('Press Ctrl+C (or send SIGTERM) to stop.\n');

    const signal = await io.stopSignal;
    io.stdout(
      `Stopping (${signal}): sources stop; requests in flight may finish (up to ${drain / 1000} s)…\n`,
    );
    stopReloading();
    await metrics?.close();
    await control.close();
    await host.close({ drainMs: drain });
    await status.stop();
    await log.close();
    undoExitHook();
    io.stdout('Stopped.\n');
    return 0;
  },
};
