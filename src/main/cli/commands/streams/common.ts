import type { Stream } from '../../../../shared/api/streams';
import type { SluiceApi } from '../../../../shared/api/client';
import { resolveDataDir } from '../../../data-dir/paths';
import type { CliIo } from '../../command';
import { openEngineAccess, type EngineAccess } from '../../engine-access';

/** The data folder option every command that touches state takes. */
export const dataDirOption = { 'data-dir': { type: 'string' } } as const;

export const dataDirHelp = `  --data-dir DIR     The data folder (default: $SLUICE_DATA_DIR, else the
                     per-user app data folder)`;

/** A failure the user can act on: one line, exit 1. */
export class CommandFailed extends Error {}

/**
 * Runs `fn` with the contract of the data folder: the running instance's,
 * or the folder opened here (see engine-access.ts). Always closes it.
 */
export async function withEngine<T>(
  dataDirFlag: string | undefined,
  io: CliIo,
  fn: (access: EngineAccess, dataDir: string) => Promise<T>,
  options: { create?: boolean } = {},
): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag, io.env);
  const access = await openEngineAccess(dataDir, { env: io.env, create: options.create ?? false });
  try {
    return await fn(access, dataDir);
  } finally {
    await access.close();
  }
}

/** A stream by name, regardless of case; a clear failure naming the streams there are. */
export async function findStream(api: SluiceApi, name: string): Promise<Stream> {
  const streams = await api.request('streams.list');
  const wanted = name.trim().toLowerCase();
  const found = streams.find((s) => s.name.toLowerCase() === wanted);
  if (found) return found;
  const names = streams.map((s) => `"${s.name}"`).join(', ');
  throw new CommandFailed(
    `There is no stream named "${name}"${streams.length ? `. The streams are: ${names}` : ' (there are no streams)'}.`,
  );
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
