import { parseCommandArgs, UsageError, type CliIo } from '../../command';
import { readConfigFile, reportApply } from '../../config-io';
import { dataDirOption, json, withEngine } from './common';
import { exportCollector, writeOutput } from './export-collector';

const exportFormats = ['json', 'otelcol', 'helm-values'] as const;

/**
 * Writes the configuration: deterministic, credentials as references only.
 * `--format otelcol` / `helm-values` write the streams for the Collector instead.
 */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      ...dataDirOption,
      out: { type: 'string' },
      format: { type: 'string' },
      distribution: { type: 'string' },
    },
    true,
  );
  const format = values.format ?? 'json';
  if (!(exportFormats as readonly string[]).includes(format))
    throw new UsageError(`--format is json, otelcol or helm-values; got "${format}".`);
  if (format !== 'json') return exportCollector(format as 'otelcol', values, positionals, io);
  if (positionals.length > 0 || values.distribution !== undefined)
    throw new UsageError(
      'stream names and --distribution go with --format otelcol or helm-values.',
    );
  return withEngine(values['data-dir'], io, async ({ api }) => {
    const document = await api.request('config.export');
    if (!(await writeOutput(json(document), values.out, io))) return 0;
    io.stderr(
      `Wrote ${document.sources.length} sources and ${document.streams.length} streams to ${values.out}.\n`,
    );
    return 0;
  });
}

/** The one secret `--token-stdin` reads: standard input, trimmed. */
async function tokenFromStdin(io: CliIo): Promise<string> {
  const value = (await io.readStdin()).toString('utf8').trim();
  if (value === '') throw new UsageError('--token-stdin read nothing from standard input.');
  if (/[\r\n]/.test(value))
    throw new UsageError('--token-stdin reads one token: standard input has several lines.');
  return value;
}

/** The stream `--token-stdin` is for: `--stream NAME`, or the file's only stream. */
function tokenTarget(document: unknown, flag: string | undefined): string {
  if (flag !== undefined) return flag;
  const streams = (document as { streams?: unknown } | null)?.streams;
  const names = Array.isArray(streams)
    ? streams.flatMap((s) =>
        typeof (s as { name?: unknown })?.name === 'string' ? [(s as { name: string }).name] : [],
      )
    : [];
  if (names.length === 1) return names[0]!;
  throw new UsageError(
    names.length === 0
      ? '--token-stdin: the file has no stream to give the token to.'
      : `--token-stdin: the file has ${names.length} streams; say which one the token is for with --stream NAME.`,
  );
}

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      ...dataDirOption,
      'dry-run': { type: 'boolean' },
      'token-stdin': { type: 'boolean' },
      stream: { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (positionals.length !== 1)
    throw new UsageError('import takes one FILE (- for standard input).');
  const file = positionals[0]!;
  const withToken = values['token-stdin'] ?? false;
  if (withToken && file === '-') {
    throw new UsageError(
      '--token-stdin reads the token from standard input, so FILE cannot be - as well.',
    );
  }
  if (values.stream !== undefined && !withToken)
    throw new UsageError('--stream goes with --token-stdin.');
  const document = await readConfigFile(file, io);
  const secrets = withToken
    ? [
        {
          stream: tokenTarget(document, values.stream),
          credential: 'token',
          value: await tokenFromStdin(io),
        },
      ]
    : [];
  const dryRun = values['dry-run'] ?? false;
  // Importing into a new data folder sets it up (a new workstation). A dry run
  // there too: its checks need the folder's defaults (the Sample data source).
  return withEngine(
    values['data-dir'],
    io,
    async ({ api }) => {
      const result = await api.request('config.apply', { document, dryRun, secrets });
      if (values.json) {
        io.stdout(json(result));
        return result.valid ? 0 : 2;
      }
      reportApply(result, file, dryRun, io);
      return 0;
    },
    { create: true },
  );
}
