import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createStreamInputSchema,
  streamSettingsSchema,
  updateStreamInputSchema,
} from '../../../../src/shared/api/streams';
import { describeIssue, validateConfig } from '../../../../src/shared/config';
import {
  defaultMaxBatchBytes,
  destinationDefinitions,
  destinationTools,
  requestLimitsOf,
  SLUICE_MAX_BATCH_BYTES,
  validateDestination,
  type DestinationTool,
} from '../../../../src/shared/destinations';
import { dtUrl, validDocument } from '../config/fixtures';

/** Values that make each tool's defaults a valid destination. */
const destinations: Record<DestinationTool, Record<string, unknown>> = {
  dynatrace: { tool: 'dynatrace', url: dtUrl },
  newrelic: { tool: 'newrelic' },
  elastic: { tool: 'elastic', url: 'https://x.apm.us-east-1.aws.cloud.es.io' },
  datadog: { tool: 'datadog' },
  splunk: { tool: 'splunk', url: 'https://splunk.corp:8088' },
  s3: { tool: 's3', bucket: 'logs', region: 'eu-west-1' },
  otlp: { tool: 'otlp', url: 'https://collector.corp/v1/logs' },
};

const settings = (tool: DestinationTool, delivery: Record<string, unknown> = {}) => ({
  name: 'S',
  destination: destinations[tool],
  delivery,
});

const messages = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('request limits per destination, with their sources', () => {
  it.each([
    [
      'dynatrace',
      2_000_000,
      50_000,
      'documented',
      'docs.dynatrace.com/docs/shortlink/api-access-limit',
    ],
    ['newrelic', 1_000_000, 50_000, 'documented', 'docs.newrelic.com'],
    ['elastic', 4_000_000, 50_000, 'recommended', 'www.elastic.co'],
    ['datadog', 5_347_737, 50_000, 'documented', 'docs.datadoghq.com'],
    ['splunk', 10_000_000, 50_000, 'ceiling', 'docs.splunk.com'],
    ['s3', 10_000_000, 50_000, 'ceiling', 'docs.aws.amazon.com'],
    ['otlp', 10_000_000, 50_000, 'ceiling', 'opentelemetry-collector'],
  ] as const)('%s: %d bytes, %d records (%s)', (tool, bytes, records, kind, where) => {
    const limits = requestLimitsOf({ tool });
    expect(limits.maxRequestBytes).toBe(bytes);
    expect(limits.maxRecordsPerRequest).toBe(records);
    expect(limits.bytes.kind).toBe(kind);
    expect(limits.source).toContain(where);
    expect(limits.bytes.note.length).toBeGreaterThan(20);
    expect(limits.records.note.length).toBeGreaterThan(20);
  });

  it('only Dynatrace documents a record count; the others get Sluice\u2019s ceiling, said so', () => {
    for (const tool of destinationTools) {
      const limits = requestLimitsOf({ tool });
      if (tool === 'dynatrace') expect(limits.records.kind).toBe('documented');
      else expect(limits.records.kind).toBe('ceiling');
      expect(limits.maxRequestBytes).toBeLessThanOrEqual(SLUICE_MAX_BATCH_BYTES);
    }
  });

  it('docs/destinations.md lists every figure', () => {
    const doc = readFileSync(new URL('../../../../docs/destinations.md', import.meta.url), 'utf8');
    for (const tool of destinationTools) {
      const { maxRequestBytes } = requestLimitsOf({ tool });
      expect(doc).toContain(maxRequestBytes.toLocaleString('en-US'));
      const source = destinationDefinitions[tool].requestLimits.requestBytes.source;
      if (source) expect(doc).toContain(source.url);
    }
  });
});

describe('the batch size a stream gets by default', () => {
  it('is 2,000,000 bytes, or the destination\u2019s limit where lower', () => {
    expect(defaultMaxBatchBytes('dynatrace')).toBe(2_000_000);
    expect(defaultMaxBatchBytes('newrelic')).toBe(1_000_000);
    expect(streamSettingsSchema.parse(settings('newrelic')).delivery.maxBatchBytes).toBe(1_000_000);
    expect(streamSettingsSchema.parse(settings('splunk')).delivery.maxBatchBytes).toBe(2_000_000);
    // An explicit value is kept as given.
    expect(
      streamSettingsSchema.parse(settings('dynatrace', { maxBatchBytes: 500_000 })).delivery
        .maxBatchBytes,
    ).toBe(500_000);
  });
});

describe('settings beyond a limit are refused with the limit and its source', () => {
  it('by the API (create and update)', () => {
    const create = createStreamInputSchema.safeParse({
      settings: settings('dynatrace', { maxBatchBytes: 2_000_001 }),
    });
    expect(create.success).toBe(false);
    expect(messages(create)).toEqual([
      'settings.delivery.maxBatchBytes: The maximum batch size is 2,000,001 bytes; Dynatrace accepts at most 2,000,000 bytes per request (Dynatrace API - Access limit, https://docs.dynatrace.com/docs/shortlink/api-access-limit). Use 2,000,000 or less, or leave it out for the default.',
    ]);
    const update = updateStreamInputSchema.safeParse({
      id: 'x',
      settings: settings('newrelic', { maxBatchBytes: 1_500_000 }),
    });
    expect(messages(update)[0]).toMatch(
      /^settings\.delivery\.maxBatchBytes: .*New Relic accepts at most 1,000,000 bytes per request \(New Relic OTLP endpoint/,
    );
    const elastic = createStreamInputSchema.safeParse({
      settings: settings('elastic', { maxBatchBytes: 5_000_000 }),
    });
    expect(messages(elastic)[0]).toContain(
      'Elastic Cloud documents no hard limit but recommends at most 4,000,000 bytes per request',
    );
    expect(
      createStreamInputSchema.safeParse({
        settings: settings('dynatrace', { maxBatchBytes: 2_000_000 }),
      }).success,
    ).toBe(true);
  });

  it('by the configuration file, by its path', () => {
    const doc = validDocument();
    (doc.streams as Record<string, unknown>[])[0]!.delivery = { maxBatchBytes: 10_000_000 };
    const v = validateConfig(doc, { existingSourceNames: ['Sample data'] });
    expect(v.errors.map(describeIssue)).toEqual([
      expect.stringMatching(
        /^streams\[0\]\.delivery\.maxBatchBytes: The maximum batch size is 10,000,000 bytes; Dynatrace accepts at most 2,000,000 bytes per request \(Dynatrace API - Access limit, https:/,
      ),
    ]);
    // Left out, the file gets the destination's default.
    const plain = validateConfig(validDocument(), { existingSourceNames: ['Sample data'] });
    expect(plain.document?.streams[0]?.delivery.maxBatchBytes).toBe(2_000_000);
  });

  it('but stored settings still load as they are (the exporter holds requests to the limit)', () => {
    const stored = streamSettingsSchema.parse(settings('dynatrace', { maxBatchBytes: 10_000_000 }));
    expect(stored.delivery.maxBatchBytes).toBe(10_000_000);
  });
});

describe('the Dynatrace tenant setting', () => {
  const dynatrace = (fields: Record<string, unknown>) => {
    const parsed = streamSettingsSchema.parse(settings('dynatrace')).destination;
    return validateDestination({ ...parsed, ...fields } as typeof parsed);
  };

  it('defaults to SaaS with OpenPipeline, and the wizard shows it as a select', () => {
    const parsed = streamSettingsSchema.parse(settings('dynatrace')).destination;
    expect(parsed).toMatchObject({ tool: 'dynatrace', tenant: 'saas-openpipeline' });
    const field = destinationDefinitions.dynatrace.fields.find((f) => f.key === 'tenant');
    expect(field?.kind).toBe('select');
    expect(field?.kind === 'select' && field.options.map((o) => o.value)).toEqual([
      'saas-openpipeline',
      'saas-classic',
      'managed',
    ]);
  });

  it('warns, with a fix, when it does not match the address', () => {
    const managedUrl = 'https://dt.example.com/e/1a2b3c4d/api/v2/otlp/v1/logs';
    expect(dynatrace({ url: managedUrl }).map((i) => [i.path, i.fix?.value])).toEqual([
      ['tenant', 'managed'],
    ]);
    expect(dynatrace({ url: managedUrl, tenant: 'managed' })).toEqual([]);
    expect(dynatrace({ tenant: 'managed' }).map((i) => [i.path, i.fix?.value])).toEqual([
      ['tenant', 'saas-openpipeline'],
    ]);
    expect(
      dynatrace({ url: managedUrl, tenant: 'managed', model: 'raw' }).map((i) => [
        i.path,
        i.fix?.value,
      ]),
    ).toEqual([['model', 'flattened']]);
  });
});
