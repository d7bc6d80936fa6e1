import { describe, expect, it } from 'vitest';
import {
  destinationDefinitions,
  networkFields,
} from '../../../../src/shared/destinations/definitions';
import {
  credentialNames,
  destinationSchema,
  destinationTools,
  networkSettingsSchema,
  toolLabels,
} from '../../../../src/shared/destinations/schema';
import {
  destinationEndpointUrl,
  missingCredentials,
  otlpRequestSpec,
  splunkRequestHeaders,
} from '../../../../src/shared/destinations/request-spec';

/** Values that make each tool's defaults a valid destination. */
const required: Record<string, Record<string, unknown>> = {
  dynatrace: { url: 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs' },
  newrelic: {},
  elastic: { url: 'https://x.apm.us-east-1.aws.cloud.es.io' },
  datadog: {},
  splunk: { url: 'https://splunk.corp:8088' },
  s3: { bucket: 'logs', region: 'eu-west-1' },
  otlp: { url: 'https://collector.corp/v1/logs' },
};

describe('destination definitions', () => {
  it('describe every tool, with the same labels and credentials the schema uses', () => {
    expect(Object.keys(destinationDefinitions)).toEqual([...destinationTools]);
    for (const tool of destinationTools) {
      const def = destinationDefinitions[tool];
      expect(def.tool).toBe(tool);
      expect(def.label).toBe(toolLabels[tool]);
      expect(def.credentials.map((c) => c.name)).toEqual(credentialNames[tool]);
      expect(def.docsUrl).toMatch(/^https:\/\//);
    }
  });

  it('have defaults that, with the required values filled in, are valid destinations with every field known to the schema', () => {
    for (const tool of destinationTools) {
      const def = destinationDefinitions[tool];
      const parsed = destinationSchema.parse({ tool, ...def.defaults, ...required[tool] });
      for (const field of def.fields) {
        expect(Object.keys(parsed), `${tool}.${field.key}`).toContain(field.key);
        expect(field.help.length, `${tool}.${field.key} help`).toBeGreaterThan(20);
      }
      for (const key of Object.keys(def.defaults))
        expect(def.fields.map((f) => f.key)).toContain(key);
    }
  });

  it('offer select options that the schema accepts', () => {
    for (const tool of destinationTools) {
      const def = destinationDefinitions[tool];
      for (const field of def.fields) {
        if (field.kind !== 'select') continue;
        for (const option of field.options) {
          const input = { tool, ...def.defaults, ...required[tool], [field.key]: option.value };
          expect(
            destinationSchema.safeParse(input).success,
            `${tool}.${field.key}=${option.value}`,
          ).toBe(true);
        }
      }
    }
  });

  it('cover every network setting', () => {
    expect(networkFields.map((f) => f.key).sort()).toEqual(
      Object.keys(networkSettingsSchema.parse({})).sort(),
    );
  });

  it('build Dynatrace URLs from the wizard inputs', () => {
    const builders = destinationDefinitions.dynatrace.urlBuilders;
    expect(builders.map((b) => b.id)).toEqual(['saas', 'managed', 'activegate']);
    expect(builders[0]?.build({ environmentId: 'abc12345' })).toBe(
      'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs',
    );
    expect(builders[2]?.build({ host: 'ag', environmentId: 'abc12345' })).toBe(
      'https://ag:9999/e/abc12345/api/v2/otlp/v1/logs',
    );
    expect(builders[1]?.build({ domain: '' })).toBeNull();
  });

  it('give a way to find the test record that names its id', () => {
    for (const tool of destinationTools) {
      const def = destinationDefinitions[tool];
      const d = destinationSchema.parse({ tool, ...def.defaults, ...required[tool] });
      const hint = def.findRecordHint('test-id-123', d as never);
      expect(hint).not.toBeNull();
      if (tool !== 's3') expect(hint).toContain('test-id-123');
    }
    // Where there is a query, the hint ends with it, so the UI can offer it alone to copy.
    for (const tool of destinationTools) {
      const def = destinationDefinitions[tool];
      const query = def.findRecordQuery?.('test-id-123');
      if (query === undefined) continue;
      const d = destinationSchema.parse({ tool, ...def.defaults, ...required[tool] });
      expect(def.findRecordHint('test-id-123', d as never)?.endsWith(query)).toBe(true);
    }
    expect(destinationDefinitions.dynatrace.findRecordQuery?.('x')).toBe(
      'fetch logs, from: now()-30m | filter sluice.test.id == "x"',
    );
    expect(destinationDefinitions.dynatrace.findRecordHint('x', {} as never)).toMatch(
      /^.*fetch logs.*sluice\.test\.id == "x"/,
    );
  });
});

describe('request specs', () => {
  const token = 'the-token';

  it('send each tool its documented header', () => {
    const spec = (input: Record<string, unknown>) => {
      const d = destinationSchema.parse(input);
      if (d.tool === 's3' || d.tool === 'splunk') throw new Error('not OTLP');
      return otlpRequestSpec(d, { token });
    };
    expect(spec({ tool: 'dynatrace', ...required.dynatrace }).headers).toEqual({
      authorization: `Api-Token ${token}`,
    });
    expect(spec({ tool: 'newrelic' }).headers).toEqual({ 'api-key': token });
    expect(spec({ tool: 'elastic', ...required.elastic }).headers).toEqual({
      authorization: `ApiKey ${token}`,
    });
    expect(spec({ tool: 'elastic', ...required.elastic, auth: 'secret-token' }).headers).toEqual({
      authorization: `Bearer ${token}`,
    });
    expect(spec({ tool: 'datadog' }).headers).toEqual({
      'dd-api-key': token,
      'dd-protocol': 'otlp',
    });
    expect(spec({ tool: 'otlp', ...required.otlp, headerName: 'X-API-Key' }).headers).toEqual({
      'x-api-key': token,
    });
    expect(spec({ tool: 'otlp', ...required.otlp, headerName: '' }).headers).toEqual({});
    const splunk = destinationSchema.parse({ tool: 'splunk', ...required.splunk });
    expect(
      splunk.tool === 'splunk' && splunkRequestHeaders(splunk, { token: `Splunk ${token}` }),
    ).toEqual({ authorization: `Splunk ${token}` });
  });

  it('strip a pasted scheme word so it is not sent twice', () => {
    const d = destinationSchema.parse({ tool: 'dynatrace', ...required.dynatrace });
    expect(
      d.tool === 'dynatrace' &&
        otlpRequestSpec(d, { token: ` Api-Token ${token} ` }).headers.authorization,
    ).toBe(`Api-Token ${token}`);
  });

  it('add the structure parameter unless the tenant default is chosen', () => {
    const url = (model: string) =>
      destinationEndpointUrl(
        destinationSchema.parse({ tool: 'dynatrace', ...required.dynatrace, model }),
      );
    expect(url('raw')).toBe(
      'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs?structure=raw',
    );
    expect(url('flattened')).toMatch(/\?structure=flattened$/);
    expect(url('tenant-default')).not.toContain('structure');
  });

  it('use the region or site endpoint unless overridden', () => {
    expect(
      destinationEndpointUrl(destinationSchema.parse({ tool: 'newrelic', region: 'eu' })),
    ).toBe('https://otlp.eu01.nr-data.net/v1/logs');
    expect(
      destinationEndpointUrl(destinationSchema.parse({ tool: 'datadog', site: 'datadoghq.eu' })),
    ).toBe('https://otlp.datadoghq.eu/v1/logs');
    expect(
      destinationEndpointUrl(
        destinationSchema.parse({ tool: 'newrelic', url: 'https://c.corp/v1/logs' }),
      ),
    ).toBe('https://c.corp/v1/logs');
    expect(
      destinationEndpointUrl(destinationSchema.parse({ tool: 'elastic', ...required.elastic })),
    ).toBe('https://x.apm.us-east-1.aws.cloud.es.io/v1/logs');
    expect(
      destinationEndpointUrl(destinationSchema.parse({ tool: 'splunk', ...required.splunk })),
    ).toBe('https://splunk.corp:8088/services/collector/event');
  });

  it('know which credentials a destination cannot send without', () => {
    const dt = destinationSchema.parse({ tool: 'dynatrace', ...required.dynatrace });
    expect(missingCredentials(dt, {})).toEqual(['token']);
    expect(missingCredentials(dt, { token: '  ' })).toEqual(['token']);
    expect(missingCredentials(dt, { token })).toEqual([]);
    expect(
      missingCredentials(destinationSchema.parse({ tool: 's3', ...required.s3 }), {
        accessKeyId: 'a',
      }),
    ).toEqual(['secretAccessKey']);
    expect(
      missingCredentials(
        destinationSchema.parse({ tool: 'otlp', ...required.otlp, headerName: '' }),
        {},
      ),
    ).toEqual([]);
    expect(
      missingCredentials(destinationSchema.parse({ tool: 'otlp', ...required.otlp }), {}),
    ).toEqual([]);
  });

  it('Other (OTLP/HTTP) with its header name filled in and no key sends no header at all', () => {
    const d = destinationSchema.parse({ tool: 'otlp', ...required.otlp });
    if (d.tool !== 'otlp') throw new Error('not Other');
    expect(d.headerName).toBe('Authorization');
    expect(otlpRequestSpec(d, {}).headers).toEqual({});
    expect(otlpRequestSpec(d, { token: '  ' }).headers).toEqual({});
  });
});
