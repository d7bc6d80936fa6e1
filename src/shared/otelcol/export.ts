import type { ConfigDocument, ConfigSource, ConfigStream } from '../config/schema';
import { toolLabels } from '../destinations/schema';
import { ConfigBuilder, healthCheckId, storageDirectory, storageId } from './builder';
import { contribOnlyExporters, exporterFor } from './exporters';
import { helmValues } from './helm';
import { componentSlug, uniqueSlugs } from './names';
import { receiverFor } from './receivers';
import { streamProcessors } from './stream-processors';
import {
  CollectorExportError,
  distributionLabels,
  type CollectorExport,
  type CollectorExportOptions,
} from './types';
import { toYaml } from './yaml';

const everyStream = 'Every stream';

/** What no Collector setting can do the way Sluice does: said once, for every stream. */
const collectorDifferences = [
  'No dead letters: a batch the destination refuses (400, or another status that is not retried) is dropped; ' +
    'the Collector logs it and counts it in otelcol_exporter_send_failed_log_records. Sluice keeps it with the response, to replay.',
  'No 413 split: a batch refused as too large is dropped. Sluice splits it and sends the halves.',
  '401, 403 and 404 are permanent errors for the Collector: the batch is dropped and the next one is tried. ' +
    'Sluice stops the stream and keeps the data until the token or URL is fixed.',
  "When max_elapsed_time (the stream's retry window) runs out, the batch is dropped; Sluice dead-letters it.",
  'No record inspector, no per-stream status, no "Retry now", no pause: watch the Collector\'s own metrics ' +
    '(port 8888) and logs, and add the debug exporter to a pipeline to see records.',
  'Records a destination rejects in a partial success are logged by the Collector, not shown per stream.',
];

function byName<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const lower = name.toLowerCase();
  return items.find((i) => i.name.toLowerCase() === lower);
}

function selectStreams(doc: ConfigDocument, names: readonly string[]): ConfigStream[] {
  if (names.length === 0) return doc.streams;
  const problems: string[] = [];
  const out: ConfigStream[] = [];
  for (const name of names) {
    const s = byName(doc.streams, name);
    if (s) {
      if (!out.includes(s)) out.push(s);
    } else problems.push(`There is no stream named "${name}".`);
  }
  if (problems.length) {
    const known = doc.streams.map((s) => `"${s.name}"`).join(', ') || 'none';
    throw new CollectorExportError([...problems, `The streams are: ${known}.`]);
  }
  return doc.streams.filter((s) => out.includes(s));
}

function checkDistribution(
  streams: readonly ConfigStream[],
  options: CollectorExportOptions,
): void {
  if (options.distribution !== 'dynatrace') return;
  const problems = streams.flatMap((s) => {
    const missing = contribOnlyExporters[s.destination.tool];
    return missing
      ? [
          `Stream "${s.name}" sends to ${toolLabels[s.destination.tool]} through the ${missing} exporter, ` +
            `which the ${distributionLabels.dynatrace} does not include. Export with --distribution contrib, ` +
            'or leave this stream out.',
        ]
      : [];
  });
  if (problems.length) throw new CollectorExportError(problems);
}

function header(
  options: CollectorExportOptions,
  streams: readonly string[],
  result: ReturnType<ConfigBuilder['result']>,
): string[] {
  const lines = [
    `OpenTelemetry Collector configuration exported by Sluice (sluice streams export --format ${options.format}).`,
    `For the ${distributionLabels[options.distribution]}; docs/outgrowing.md explains how to run it.`,
    `Streams: ${streams.map((s) => `"${s}"`).join(', ')}.`,
    '',
    'Environment variables to set before the Collector starts (no secret is in this file):',
  ];
  if (result.variables.length === 0) lines.push('  (none)');
  const width = Math.max(0, ...result.variables.map((v) => v.name.length));
  for (const v of result.variables) lines.push(`  ${v.name.padEnd(width)}  ${v.purpose}`);
  lines.push(
    '',
    `Every sending_queue is persistent (storage: ${storageId}): the Collector's queue is in memory`,
    "by default, and a restart or crash would lose every batch waiting in it. Sluice's buffer survives both.",
    '',
    'What the Collector does differently from Sluice:',
  );
  for (const d of result.differences) {
    lines.push(`  ${d.scope}:`);
    for (const n of d.notes) lines.push(`    - ${n}`);
  }
  return lines;
}

/**
 * The streams of a configuration document (what `config.export` gives) as a
 * Collector configuration: deterministic, so the same document and options
 * always give the same bytes. Throws CollectorExportError when the export
 * cannot be made as asked.
 */
export function exportCollectorConfig(
  doc: ConfigDocument,
  options: CollectorExportOptions,
): CollectorExport {
  const streams = selectStreams(doc, options.streams);
  if (streams.length === 0) throw new CollectorExportError(['There is no stream to export.']);
  checkDistribution(streams, options);

  const b = new ConfigBuilder(options.distribution);
  for (const note of collectorDifferences) b.note(everyStream, note);
  b.add('extensions', healthCheckId, {
    endpoint: options.format === 'helm-values' ? '${env:MY_POD_IP}:13133' : 'localhost:13133',
  });
  b.add('extensions', storageId, {
    directory: storageDirectory(options.distribution),
    create_directory: true,
  });

  const sourceSlugs = uniqueSlugs(
    doc.sources.map((s) => s.name),
    componentSlug,
  );
  const streamSlugs = uniqueSlugs(
    streams.map((s) => s.name),
    componentSlug,
  );
  const exported: string[] = [];
  for (const stream of streams) {
    const scope = `Stream "${stream.name}"`;
    const sources = stream.sources
      .map((n) => byName(doc.sources, n))
      .filter((s): s is ConfigSource => s !== undefined);
    const received = sources.flatMap((s) => {
      const id = receiverFor(b, s, sourceSlugs.get(s.name)!);
      return id === null ? [] : [{ id, source: s }];
    });
    const receivers = received.map((r) => r.id);
    if (receivers.length === 0) {
      b.note(
        scope,
        'Left out: it reads no source the Collector can run (only sample data, or none).',
      );
      continue;
    }
    if (!stream.active) {
      b.note(
        scope,
        'Inactive in Sluice; the Collector has no pause: this pipeline sends as soon as it starts.',
      );
    }
    const blockOnFull = received.every((r) => r.source.fullPolicy === 'block');
    if (!blockOnFull) {
      b.note(
        scope,
        'A source uses drop-oldest: when the sending queue is full the Collector refuses new records ' +
          '(clients retry, files wait) instead of dropping the oldest.',
      );
    }
    const slug = streamSlugs.get(stream.name)!;
    const processors = streamProcessors(b, stream, slug);
    const exporter = exporterFor(b, stream, slug, blockOnFull);
    b.pipeline(`logs/${slug}`, receivers, processors, [exporter]);
    exported.push(stream.name);
  }
  const result = b.result();
  if (exported.length === 0) {
    throw new CollectorExportError([
      'Nothing to export: every chosen stream reads only sample data (or no source), which the Collector cannot run. ' +
        'Give the stream an OTLP receiver or a file source.',
    ]);
  }
  const comment = header(options, exported, result);
  const text =
    options.format === 'helm-values'
      ? toYaml(helmValues(result.config, result.variables, options.distribution), comment)
      : toYaml(result.config, comment);
  const base = exported.length === 1 ? componentSlug(exported[0]!) : 'sluice-streams';
  return {
    distribution: options.distribution,
    format: options.format,
    text,
    fileName: `${base}.${options.format === 'helm-values' ? 'values' : 'otelcol'}.yaml`,
    streams: exported,
    variables: result.variables,
    differences: result.differences,
  };
}
