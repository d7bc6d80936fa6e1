import type { StreamEvent } from '../../shared/api/event-log';
import { createClient, type SluiceApi } from '../../shared/api/client';
import { destinationEndpointUrl } from '../../shared/destinations';
import type { EngineHost } from '../host/engine-host';
import { removeControlFileOf } from '../serve/control/control-file';
import { removeLockOf } from '../data-dir/data-dir-lock';
import { ensureDataDir } from '../data-dir/ensure-data-dir';
import { describeRepair } from '../base/private-files';
import type { CliIo } from './command';
import type { Logger } from '../base/log';
import { readConfigFile, reportApply } from './config-io';

/** How long requests in flight may take to finish when an instance stops (docs/config.md). */
export const defaultDrainMs = 10_000;

export function clientOf(host: EngineHost): SluiceApi {
  return createClient({ invoke: (n, i) => host.invoke(n, i), subscribe: (l) => host.subscribe(l) });
}

/**
 * `run --config` / `serve --config`: the file is applied when the instance
 * starts, and here an {"env": ...} variable that is not set refuses the
 * start, so a server never runs with a stream that cannot send.
 */
export async function applyAtStart(
  api: SluiceApi,
  document: unknown,
  file: string,
  io: CliIo,
): Promise<void> {
  const result = await api.request('config.apply', { document, requireEnv: true });
  reportApply(result, file, false, io);
}

/**
 * Before an instance starts: creates the data folder private, or makes an
 * existing one private, and says so on standard output (the engine's log
 * says it too). A folder that cannot be used is refused here with one line.
 */
export function prepareDataDir(dataDir: string, io: CliIo): void {
  const note = describeRepair(dataDir, ensureDataDir(dataDir));
  if (note)
    io.stdout(`${time(Date.now())} WARN  ${note}
`);
}

/**
 * The lock and control.json are removed by a clean stop; this removes them
 * on every other exit that still runs code (an uncaught error, process.exit),
 * so no stale file outlives the process. Returns the function that undoes it.
 */
export function removeInstanceFilesOnExit(dataDir: string): () => void {
  const hook = (): void => {
    removeControlFileOf(dataDir, process.pid);
    removeLockOf(dataDir, process.pid);
  };
  process.on('exit', hook);
  return () => void process.off('exit', hook);
}

export function time(at: number): string {
  return new Date(at).toISOString().replace(/\.\d+Z$/, 'Z');
}

export interface StatusLog {
  /** Resolves once every event received so far is printed. */
  stop(): Promise<void>;
}

/**
 * One line per status change and per error (every entry of the event log),
 * on standard output, with the stream's name: what `sluice run` prints.
 */
export async function logStatus(api: SluiceApi, io: CliIo): Promise<StatusLog> {
  const names = new Map<string, string>();
  const refresh = async () => {
    for (const s of await api.request('streams.list')) names.set(s.id, s.name);
  };
  let chain = Promise.resolve();
  const print = (e: StreamEvent) => {
    chain = chain
      .then(async () => {
        if (e.streamId !== null && !names.has(e.streamId)) await refresh();
        const who = e.streamId === null ? '' : `"${names.get(e.streamId) ?? e.streamId}": `;
        const status = e.httpStatus ? ` (HTTP ${e.httpStatus})` : '';
        io.stdout(`${time(e.at)} ${e.level.toUpperCase().padEnd(5)} ${who}${e.message}${status}\n`);
      })
      .catch(() => undefined);
  };
  const offEvents = api.on('events.added', print);
  const offChanged = api.on('streams.changed', () => {
    chain = chain.then(refresh).catch(() => undefined);
  });

  const streams = await api.request('streams.list');
  for (const s of streams) {
    names.set(s.id, s.name);
    const where =
      s.destination.tool === 's3'
        ? `s3://${s.destination.bucket}`
        : destinationEndpointUrl(s.destination);
    io.stdout(`  "${s.name}": ${s.active ? 'Active' : 'Inactive'}, to ${where}\n`);
  }
  if (streams.length === 0) io.stdout('  (no streams yet)\n');
  return {
    async stop() {
      offEvents();
      offChanged();
      await chain;
    },
  };
}

/**
 * SIGHUP: the --config file again, through the same path as `sluice streams
 * import` (checked whole; nothing changes unless all of it is valid), one
 * reload at a time. What changed is printed; a refusal leaves everything
 * as it was and says why.
 */
export function reloadOnSighup(
  api: SluiceApi,
  file: string | undefined,
  io: CliIo,
  log: Logger,
): () => void {
  let chain = Promise.resolve();
  const reload = async (): Promise<void> => {
    const at = () => time(Date.now());
    if (file === undefined) {
      io.stdout(
        `${at()} INFO  SIGHUP: there is no --config file to read again; nothing changed.\n`,
      );
      return;
    }
    io.stdout(`${at()} INFO  SIGHUP: reading ${file} again.\n`);
    try {
      const document = await readConfigFile(file, io);
      const result = await api.request('config.apply', { document, requireEnv: true });
      reportApply(result, file, false, io);
      log.info('Configuration reloaded on SIGHUP', { file, changes: result.changes.length });
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      io.stdout(`${at()} WARN  The configuration was not reloaded: ${message}\n`);
      log.warn('Configuration reload refused', { file, error: message });
    }
  };
  return (
    io.onReload?.(() => {
      chain = chain.then(reload);
    }) ?? (() => {})
  );
}
