import { describe, expect, it } from 'vitest';
import {
  destinationSchema,
  type Destination,
  type DestinationInput,
} from '../../../../src/shared/destinations/schema';
import {
  validateCredential,
  validateDestination,
} from '../../../../src/shared/destinations/validate';

function parse(input: DestinationInput): Destination {
  return destinationSchema.parse(input);
}

/** Issues without the schema's refusal: what the wizard shows while typing. */
function issuesOf(input: DestinationInput) {
  return validateDestination(parse(input));
}

const dtUrl = 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs';

describe('plain http', () => {
  it('refuses http:// to another machine unless confirmed, and then still warns', () => {
    const result = destinationSchema.safeParse({
      tool: 'otlp',
      url: 'http://collector.corp:4318/v1/logs',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['url'],
      message: expect.stringMatching(/unencrypted.*Allow plain HTTP/),
    });

    const confirmed = issuesOf({
      tool: 'otlp',
      url: 'http://collector.corp:4318/v1/logs',
      network: { allowPlainHttp: true },
    });
    expect(confirmed).toEqual([expect.objectContaining({ path: 'url', severity: 'warning' })]);
  });

  it('allows http:// to this machine without confirmation', () => {
    expect(issuesOf({ tool: 'otlp', url: 'http://127.0.0.1:4318/v1/logs' })).toEqual([]);
    expect(issuesOf({ tool: 'otlp', url: 'http://localhost:4318/v1/logs' })).toEqual([]);
  });

  it('checks the S3 endpoint the same way', () => {
    const result = destinationSchema.safeParse({
      tool: 's3',
      bucket: 'logs',
      region: 'eu-west-1',
      endpoint: 'http://minio.corp:9000',
      forcePathStyle: true,
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['endpoint']);
  });
});

describe('Dynatrace URL warnings offer the corrected URL', () => {
  it.each([
    ['https://abc12345.live.dynatrace.com', dtUrl, /receives OTLP logs at/],
    ['https://abc12345.live.dynatrace.com/api/v2/otlp', dtUrl, /base URL/],
    ['https://abc12345.apps.dynatrace.com/ui', dtUrl, /web UI/],
    ['https://abc12345.live.dynatrace.com/api/v2/logs/ingest', dtUrl, /generic log ingest API/],
    [
      'https://ag.corp:9999/e/abc12345',
      'https://ag.corp:9999/e/abc12345/api/v2/otlp/v1/logs',
      /receives OTLP logs at/,
    ],
  ])('%s', (url, fixed, why) => {
    const issues = issuesOf({ tool: 'dynatrace', url });
    const urlIssue = issues.find((i) => i.path === 'url');
    expect(urlIssue).toMatchObject({ severity: 'warning', fix: { path: 'url', value: fixed } });
    expect(urlIssue?.message).toMatch(why);
  });

  it('says nothing about a correct SaaS URL', () => {
    expect(issuesOf({ tool: 'dynatrace', url: dtUrl, model: 'raw' })).toEqual([]);
  });

  it('warns that Managed has no raw model, and that ActiveGates often need a CA', () => {
    const managed = issuesOf({
      tool: 'dynatrace',
      url: 'https://dt.corp/e/env/api/v2/otlp/v1/logs',
      model: 'raw',
    });
    expect(managed.map((i) => i.path)).toContain('model');
    const ag = issuesOf({
      tool: 'dynatrace',
      url: 'https://ag.corp:9999/e/env/api/v2/otlp/v1/logs',
    });
    expect(ag).toEqual([
      expect.objectContaining({ path: 'network.caCertificatePem', severity: 'warning' }),
    ]);
  });
});

describe('network settings', () => {
  const base = { tool: 'dynatrace' as const, url: dtUrl };

  it('refuses a proxy password, a non-HTTP proxy, a malformed PEM and a malformed pin', () => {
    const result = destinationSchema.safeParse({
      ...base,
      network: {
        proxyUrl: 'http://me:secret@proxy.corp:3128',
        caCertificatePem: 'not a certificate',
        pinnedCertificateSha256: '12:34',
      },
    });
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual([
      'network.proxyUrl',
      'network.caCertificatePem',
      'network.pinnedCertificateSha256',
    ]);
    expect(JSON.stringify(result.error?.issues)).not.toContain('secret');
    expect(
      destinationSchema.safeParse({ ...base, network: { proxyUrl: 'socks5://proxy:1080' } })
        .success,
    ).toBe(false);
  });

  it('accepts a proxy without a scheme but warns when it has no port', () => {
    expect(issuesOf({ ...base, network: { proxyUrl: 'proxy.corp:3128' } })).toEqual([]);
    expect(issuesOf({ ...base, network: { proxyUrl: 'http://proxy.corp' } })).toEqual([
      expect.objectContaining({ path: 'network.proxyUrl', severity: 'warning' }),
    ]);
  });

  it('stores a pasted pin normalised', () => {
    const d = parse({ ...base, network: { pinnedCertificateSha256: 'ab'.repeat(32) } });
    expect(d.network.pinnedCertificateSha256).toBe(Array(32).fill('AB').join(':'));
  });
});

describe('other tools', () => {
  it('refuses a header name with spaces for the Other form, and allows none', () => {
    expect(
      destinationSchema.safeParse({ tool: 'otlp', url: 'https://c/v1/logs', headerName: 'API Key' })
        .success,
    ).toBe(false);
    expect(issuesOf({ tool: 'otlp', url: 'https://c/v1/logs', headerName: '' })).toEqual([]);
  });

  it('checks S3 bucket names, regions and prefixes', () => {
    expect(
      destinationSchema.safeParse({ tool: 's3', bucket: 'My_Bucket', region: 'eu-west-1' }).success,
    ).toBe(false);
    const issues = issuesOf({
      tool: 's3',
      bucket: 'logs',
      region: 'Frankfurt',
      prefix: '/sluice/',
    });
    expect(issues.map((i) => i.path)).toEqual(['region', 'prefix']);
    expect(issues[1]?.fix?.value).toBe('sluice/');
  });

  it('warns about a Splunk raw endpoint and Elasticsearch or Kibana addresses', () => {
    expect(
      issuesOf({ tool: 'splunk', url: 'https://s:8088/services/collector/raw' })[0]?.fix?.value,
    ).toBe('https://s:8088/services/collector/event');
    expect(
      issuesOf({ tool: 'elastic', url: 'https://d.kb.us-east-1.aws.elastic-cloud.com' }),
    ).toHaveLength(1);
  });

  it('warns about an unknown Datadog site and refuses an unusable one', () => {
    expect(issuesOf({ tool: 'datadog', site: 'datadoghq.io' })[0]?.severity).toBe('warning');
    expect(destinationSchema.safeParse({ tool: 'datadog', site: 'no site' }).success).toBe(false);
  });
});

describe('credential shapes (warnings, never refusals, never quoting the value)', () => {
  const dt = parse({ tool: 'dynatrace', url: dtUrl });
  const good = `dt0c01.${'A'.repeat(24)}.${'B'.repeat(64)}`;

  it('accepts a well-formed Dynatrace token', () => {
    expect(validateCredential(dt, 'token', good)).toEqual([]);
  });

  it('warns about a malformed token without repeating it', () => {
    const issues = validateCredential(dt, 'token', 'dt0c01.SHORT.VERYSECRETVALUE');
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', path: 'credentials.token' }),
    ]);
    expect(JSON.stringify(issues)).not.toContain('VERYSECRETVALUE');
  });

  it('says a pasted "Api-Token " prefix is removed, and checks the rest', () => {
    const issues = validateCredential(dt, 'token', `Api-Token ${good}`);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/removed/);
  });

  it('recognises a platform token, a New Relic user key, a bad Datadog key', () => {
    expect(validateCredential(dt, 'token', 'dt0s16.ABC.DEF')[0]?.message).toMatch(/platform token/);
    const nr = parse({ tool: 'newrelic' });
    expect(validateCredential(nr, 'token', 'NRAK-ABCDEF')[0]?.message).toMatch(/User key/);
    const dd = parse({ tool: 'datadog' });
    expect(validateCredential(dd, 'token', '0123456789abcdef0123456789abcdef')).toEqual([]);
    expect(validateCredential(dd, 'token', 'xyz')).toHaveLength(1);
  });

  it('checks AWS key shapes only for AWS itself', () => {
    const aws = parse({ tool: 's3', bucket: 'logs', region: 'eu-west-1' });
    expect(validateCredential(aws, 'accessKeyId', 'S3RVER')).toHaveLength(1);
    const local = parse({
      tool: 's3',
      bucket: 'logs',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4569',
      forcePathStyle: true,
    });
    expect(validateCredential(local, 'accessKeyId', 'S3RVER')).toEqual([]);
  });
});
