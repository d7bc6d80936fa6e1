import type { StreamEvent } from '../../shared/api/activity';
import { createClient, type SluiceApi } from '../../shared/api/client';
import { destinationEndpointUrl } from '../../shared/destinations';
import type { EngineHost } from '../bridge/engine-host';
import type { CliIo } from './command';
import { reportApply } from './config-io';

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

function time(at: number): string {
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
