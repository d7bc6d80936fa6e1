import type { YamlValue } from './yaml';

/**
 * `sluice streams export --format otelcol` (docs/outgrowing.md): streams as a
 * configuration of the OpenTelemetry Collector. These are the choices and the
 * result, shared by the command line, the engine's contract request and the
 * window's preview.
 */
export const collectorDistributions = ['dynatrace', 'contrib'] as const;
export type CollectorDistribution = (typeof collectorDistributions)[number];

export const collectorFormats = ['otelcol', 'helm-values'] as const;
export type CollectorFormat = (typeof collectorFormats)[number];

export const distributionLabels: Record<CollectorDistribution, string> = {
  dynatrace: 'Dynatrace distribution of the OpenTelemetry Collector',
  contrib: 'OpenTelemetry Collector Contrib',
};

/**
 * The components each distribution has, by kind, as far as the export uses
 * them. The Dynatrace list is its manifest.yaml at v0.54.0 (Collector
 * v0.158.0); test/fixtures/otelcol/README.md says how that was checked.
 * Contrib has every component the export writes.
 */
export const dynatraceComponents: Readonly<Record<string, readonly string[]>> = {
  receivers: ['otlp', 'file_log', 'syslog', 'journald', 'fluent_forward', 'host_metrics'],
  processors: [
    'batch',
    'memory_limiter',
    'filter',
    'transform',
    'attributes',
    'resource',
    'redaction',
  ],
  exporters: ['otlp_http', 'otlp_grpc', 'debug', 'load_balancing', 'kafka'],
  extensions: ['file_storage', 'health_check', 'bearertokenauth', 'zpages'],
};

export interface CollectorExportOptions {
  distribution: CollectorDistribution;
  format: CollectorFormat;
  /** Stream names (any case); empty: every stream. */
  streams: readonly string[];
}

/** An environment variable the Collector needs; its value is never exported. */
export interface CollectorVariable {
  name: string;
  /** What to put in it, e.g. `API token of stream "Production" (Dynatrace)`. */
  purpose: string;
}

/** What the Collector does differently, for one stream or source (or `All streams`). */
export interface CollectorDifferences {
  scope: string;
  notes: string[];
}

export interface CollectorExport {
  distribution: CollectorDistribution;
  format: CollectorFormat;
  /** The file: YAML, beginning with the comment that lists variables and differences. */
  text: string;
  /** A file name to save it under. */
  fileName: string;
  streams: string[];
  variables: CollectorVariable[];
  differences: CollectorDifferences[];
}

/** The configuration as data, before it is written as YAML. */
export interface CollectorConfig {
  [key: string]: YamlValue;
  receivers: Record<string, YamlValue>;
  processors: Record<string, YamlValue>;
  exporters: Record<string, YamlValue>;
  extensions: Record<string, YamlValue>;
  service: {
    extensions: string[];
    pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }>;
  };
}

/**
 * The export cannot be written as asked: a tool the distribution lacks, a
 * stream name that does not exist, nothing that the Collector could run.
 * Every problem is listed; the message says what to do.
 */
export class CollectorExportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'CollectorExportError';
  }
}
