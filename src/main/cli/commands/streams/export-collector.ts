import { writeFile, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../../../../shared/api/envelope';
import {
  collectorDistributions,
  type CollectorDistribution,
  type CollectorFormat,
} from '../../../../shared/otelcol/types';
import { InputError, UsageError, type CliIo } from '../../command';
import { withEngine } from './common';

/** Writes `text` to `out` (relative to the working folder) all at once, or prints it. */
export async function writeOutput(
  text: string,
  out: string | undefined,
  io: CliIo,
): Promise<boolean> {
  if (out === undefined || out === '-') {
    io.stdout(text);
    return false;
  }
  const path = resolve(io.cwd, out);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
  return true;
}

function distributionOf(value: string | undefined): CollectorDistribution {
  if (value === undefined) return 'dynatrace';
  if ((collectorDistributions as readonly string[]).includes(value))
    return value as CollectorDistribution;
  throw new UsageError(`--distribution is dynatrace or contrib; got "${value}".`);
}

/**
 * `sluice streams export --format otelcol|helm-values`: the streams as an
 * OpenTelemetry Collector configuration (docs/outgrowing.md).
 */
export async function exportCollector(
  format: CollectorFormat,
  values: { 'data-dir'?: string; out?: string; distribution?: string },
  names: string[],
  io: CliIo,
): Promise<number> {
  const distribution = distributionOf(values.distribution);
  return withEngine(values['data-dir'], io, async ({ api }) => {
    let result;
    try {
      result = await api.request('config.exportCollector', {
        distribution,
        format,
        streams: names,
      });
    } catch (err) {
      // Refused as asked (a tool the distribution lacks, an unknown name): bad input, exit 2.
      if (err instanceof ApiError && err.code === 'invalid-input')
        throw new InputError(err.message);
      throw err;
    }
    if (await writeOutput(result.text, values.out, io)) {
      const names = result.streams.map((s) => `"${s}"`).join(', ');
      io.stderr(`Wrote ${result.streams.length} streams (${names}) to ${values.out}.\n`);
    }
    if (result.variables.length > 0) {
      io.stderr(
        `Set before starting the Collector: ${result.variables.map((v) => v.name).join(', ')} (listed at the top of the file).\n`,
      );
    }
    return 0;
  });
}
