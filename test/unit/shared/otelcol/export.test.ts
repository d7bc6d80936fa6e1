import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDocumentSchema } from '../../../../src/shared/config';
import {
  CollectorExportError,
  exportCollectorConfig,
  type CollectorExportOptions,
} from '../../../../src/shared/otelcol';
import { parseCollectorYaml, validateCollectorConfig } from '../../../support/otelcol-schema';
import { richDocument, richDocumentInput } from './fixtures';

const contrib: CollectorExportOptions = { distribution: 'contrib', format: 'otelcol', streams: [] };
const dynatrace: CollectorExportOptions = { ...contrib, distribution: 'dynatrace' };

function exportValid(doc: unknown, options = contrib) {
  const result = exportCollectorConfig(configDocumentSchema.parse(doc), options);
  const parsed = parseCollectorYaml(result.text) as Record<string, unknown>;
  const config = options.format === 'helm-values' ? parsed.alternateConfig : parsed;
  expect(validateCollectorConfig(config)).toEqual([]);
  return { result, config: config as Record<string, Record<string, Record<string, unknown>>> };
}

describe('exporting every stream of a rich configuration', () => {
  it('validates against the schema derived from the Collector source (contrib)', () => {
    const { result, config } = exportValid(richDocumentInput());
    expect(result.streams).toEqual([
      'Production',
      'New Relic EU',
      'Elastic',
      'Datadog',
      'Splunk HEC',
      'Archive',
      'Local collector',
    ]);
    expect(Object.keys(config.service!.pipelines!)).toHaveLength(7);
    expect(Object.keys(config.exporters!).sort()).toEqual([
      'awss3/archive',
      'otlp_http/datadog',
      'otlp_http/elastic',
      'otlp_http/local_collector',
      'otlp_http/new_relic_eu',
      'otlp_http/production',
      'splunk_hec/splunk_hec',
    ]);
  });

  it('validates as Helm values too, with the same configuration as alternateConfig', () => {
    const { result, config } = exportValid(richDocumentInput(), {
      ...contrib,
      format: 'helm-values',
    });
    const values = parseCollectorYaml(result.text) as Record<string, unknown>;
    expect(values.mode).toBe('statefulset');
    // In a pod, receivers listen on the pod's address.
    const receiver = config.receivers!['otlp/local_apps'] as {
      protocols: { http: { endpoint: string } };
    };
    expect(receiver.protocols.http.endpoint).toBe('${env:MY_POD_IP}:14318');
    expect(values.extraEnvs).toContainEqual({
      name: 'SLUICE_PRODUCTION_TOKEN',
      valueFrom: {
        secretKeyRef: { name: 'sluice-collector-credentials', key: 'SLUICE_PRODUCTION_TOKEN' },
      },
    });
  });

  it('is deterministic: the same input gives the same bytes', () => {
    const a = exportCollectorConfig(richDocument(), contrib).text;
    const b = exportCollectorConfig(richDocument(), contrib).text;
    expect(b).toBe(a);
  });

  it('lists every variable in the header and writes each credential as ${env:…}', () => {
    const { result } = exportValid(richDocumentInput());
    const header = result.text.slice(0, result.text.indexOf('\nreceivers:'));
    for (const v of result.variables) expect(header).toContain(`#   ${v.name}`);
    const refs = [...result.text.matchAll(/\$\{env:(\w+)\}/g)].map((m) => m[1]!);
    for (const name of refs.filter((n) => n !== 'HOME')) {
      expect(result.variables.map((v) => v.name)).toContain(name);
    }
    expect(result.text).toContain('authorization: "Api-Token ${env:SLUICE_PRODUCTION_TOKEN}"');
  });

  it('lists what the Collector does differently, for every stream and the streams left out', () => {
    const { result } = exportValid(richDocumentInput());
    const every = result.differences.find((d) => d.scope === 'Every stream')!;
    expect(every.notes.join('\n')).toMatch(/No dead letters.*400/);
    expect(every.notes.join('\n')).toMatch(/No 413 split/);
    expect(every.notes.join('\n')).toMatch(/401, 403 and 404/);
    expect(every.notes.join('\n')).toMatch(/No record inspector/);
    const demo = result.differences.find((d) => d.scope === 'Stream "Demo only"')!;
    expect(demo.notes[0]).toMatch(/Left out/);
    expect(result.text).toContain('# What the Collector does differently from Sluice:');
  });
});

describe('mapping each part', () => {
  const doc = () => richDocument();

  it('a stream is memory_limiter, filter, transform, its processing rules, batch, then the exporter', () => {
    const { config, result } = exportValid(richDocumentInput());
    expect(config.service!.pipelines!['logs/production']).toEqual({
      receivers: ['file_log/app_logs', 'otlp/local_apps'],
      processors: [
        'memory_limiter',
        'filter/production',
        'transform/production',
        'transform/sluice-processing-production',
        'batch/production',
      ],
      exporters: ['otlp_http/production'],
    });
    // The rules' OTTL, and what the Collector does differently with them.
    const rules = JSON.stringify(config.processors!['transform/sluice-processing-production']);
    expect(rules).toContain('replace_all_patterns(attributes, \\"value\\"');
    expect(rules).toContain('delete_key(attributes, \\"http.request.header.cookie\\")');
    expect(result.text).toContain('Attributes whose key names a secret');
  });

  it('retry, timeout and a persistent queue come from the stream', () => {
    const { config } = exportValid(richDocumentInput());
    const e = config.exporters!['otlp_http/production']!;
    expect(e.timeout).toBe('15s');
    expect(e.retry_on_failure).toEqual({
      enabled: true,
      initial_interval: '500ms',
      max_interval: '1m',
      max_elapsed_time: '1h',
    });
    expect(e.sending_queue).toMatchObject({ enabled: true, storage: 'file_storage/sluice' });
    expect(e.logs_endpoint).toBe(
      'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs?structure=flattened',
    );
    expect(e.proxy_url).toBe('http://proxy.example.com:3128');
    expect((e.tls as { ca_pem: string }).ca_pem).toContain('BEGIN CERTIFICATE');
    // The tool's default window when the stream leaves it open.
    expect(
      (config.exporters!['otlp_http/elastic']!.retry_on_failure as Record<string, string>)
        .max_elapsed_time,
    ).toBe('48h');
  });

  it('filters keep unspecified severity and look attributes up record, scope, resource', () => {
    const { config } = exportValid(richDocumentInput());
    const conditions = (config.processors!['filter/production']!.logs as { log_record: string[] })
      .log_record;
    expect(conditions[0]).toBe('severity_number > 0 and severity_number < 9');
    expect(conditions[1]).toMatch(/^not \(/);
    expect(conditions[1]).toContain('resource.attributes["service.name"]');
    // A literal `contains` value is escaped for RE2, and `$` doubled for the Collector's expansion.
    expect(conditions[2]).toContain('IsMatch(attributes["http.route"], "/health\\\\$$")');
  });

  it('the stage label and truncation are transform statements', () => {
    const { config } = exportValid(richDocumentInput());
    const groups = config.processors!['transform/production']!.log_statements as {
      context: string;
      statements: string[];
    }[];
    expect(groups[0]).toEqual({
      context: 'resource',
      statements: ['set(attributes["deployment.environment.name"], "Production")'],
    });
    expect(groups[1]!.statements.join('\n')).toContain('exception.stacktrace');
    expect(groups[1]!.statements[0]).toContain('Len(body) > 4000');
  });

  it('a dynatrace export refuses Splunk and S3, naming the missing components', () => {
    let error: unknown;
    try {
      exportCollectorConfig(doc(), dynatrace);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CollectorExportError);
    const problems = (error as CollectorExportError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/"Splunk HEC".*splunk_hec exporter.*--distribution contrib/);
    expect(problems[1]).toMatch(/"Archive".*awss3 exporter/);
  });

  it('a dynatrace export of the OTLP streams works and uses only its components', () => {
    const { config } = exportValid(richDocumentInput(), {
      ...dynatrace,
      streams: ['production', 'ELASTIC'],
    });
    expect(Object.keys(config.exporters!)).toEqual(['otlp_http/production', 'otlp_http/elastic']);
  });

  it('unknown names and sample-only streams are refused with what to do', () => {
    expect(() => exportCollectorConfig(doc(), { ...contrib, streams: ['Nope'] })).toThrow(
      /no stream named "Nope"[\s\S]*The streams are: "Production"/,
    );
    expect(() => exportCollectorConfig(doc(), { ...contrib, streams: ['Demo only'] })).toThrow(
      /reads only sample data/,
    );
  });
});

/** The whole text against its golden file; UPDATE_GOLDEN=1 rewrites it. */
function expectGolden(name: string, text: string): void {
  const file = join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    'fixtures',
    'otelcol',
    'golden',
    `${name}.yaml`,
  );
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/**
 * One golden file per tool and per source kind: the whole text, so any
 * change to the mapping shows up in review.
 */
describe('golden files', () => {
  const input = richDocumentInput() as { sources: { name: string }[]; streams: { name: string }[] };
  const cases: { name: string; stream: string; options?: Partial<CollectorExportOptions> }[] = [
    { name: 'tool-dynatrace', stream: 'Production', options: { distribution: 'dynatrace' } },
    { name: 'tool-newrelic', stream: 'New Relic EU', options: { distribution: 'dynatrace' } },
    { name: 'tool-elastic', stream: 'Elastic' },
    { name: 'tool-datadog', stream: 'Datadog' },
    { name: 'tool-splunk', stream: 'Splunk HEC' },
    { name: 'tool-s3', stream: 'Archive' },
    { name: 'tool-otlp', stream: 'Local collector' },
    {
      name: 'helm-values-dynatrace',
      stream: 'Production',
      options: { distribution: 'dynatrace', format: 'helm-values' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { result } = exportValid(input, { ...contrib, ...c.options, streams: [c.stream] });
      expectGolden(c.name, result.text);
    });
  }

  // Source kinds: a JSON file, a text file with multi-line records, an
  // HTTP and a gRPC receiver with a token, and sample data (left out, said so).
  const sourceCases = [
    { name: 'source-file-json', source: 'App logs' },
    { name: 'source-file-text', source: 'Server logs' },
    { name: 'source-otlp-receiver', source: 'Local apps' },
    { name: 'source-otlp-grpc-receiver', source: 'gRPC apps' },
  ];
  for (const c of sourceCases) {
    it(c.name, () => {
      const doc = {
        version: 1,
        sources: input.sources,
        streams: [
          {
            name: 'Only',
            destination: {
              tool: 'otlp',
              url: 'https://collector.example.com/v1/logs',
              headerName: '',
            },
            sources: [c.source, 'Sample data'],
          },
        ],
      };
      const { result } = exportValid(doc);
      expect(result.text).toContain(
        'Sample data is a Sluice generator with no Collector equivalent',
      );
      expectGolden(c.name, result.text);
    });
  }
});
