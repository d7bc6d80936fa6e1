import { describe, expect, it } from 'vitest';
import {
  datadogLogsUrl,
  describeDynatraceUrl,
  dynatraceActiveGateUrl,
  dynatraceEnvironmentId,
  dynatraceManagedUrl,
  dynatraceSaasUrl,
  newRelicLogsUrl,
  otlpLogsUrl,
  s3EndpointUrl,
  splunkHecEventUrl,
} from '../../../../src/shared/destinations/endpoints';
import { isLoopbackHost, isPlainHttpToRemote } from '../../../../src/shared/destinations/loopback';
import { normalizeSha256Fingerprint } from '../../../../src/shared/destinations/fingerprint';

describe('Dynatrace URL builders', () => {
  it('builds the SaaS URL from an environment id or from any pasted address of the environment', () => {
    const expected = 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs';
    expect(dynatraceSaasUrl('abc12345')).toBe(expected);
    expect(dynatraceSaasUrl('  ABC12345 ')).toBe(expected);
    expect(dynatraceSaasUrl('https://abc12345.apps.dynatrace.com/ui/apps/dynatrace.logs')).toBe(
      expected,
    );
    expect(dynatraceSaasUrl('abc12345.live.dynatrace.com')).toBe(expected);
    expect(dynatraceSaasUrl('')).toBeNull();
    expect(dynatraceSaasUrl('a b')).toBeNull();
  });

  it('builds Managed and ActiveGate URLs, keeping a port the user gave', () => {
    expect(dynatraceManagedUrl('https://dt.example.com/', 'env-1')).toBe(
      'https://dt.example.com/e/env-1/api/v2/otlp/v1/logs',
    );
    expect(dynatraceActiveGateUrl('ag.example.com', 'abc12345')).toBe(
      'https://ag.example.com:9999/e/abc12345/api/v2/otlp/v1/logs',
    );
    expect(dynatraceActiveGateUrl('ag.example.com:443', 'abc12345')).toBe(
      'https://ag.example.com:443/e/abc12345/api/v2/otlp/v1/logs',
    );
    expect(dynatraceManagedUrl('', 'env')).toBeNull();
    expect(dynatraceActiveGateUrl('ag', '')).toBeNull();
  });

  it('tells SaaS, Managed and ActiveGate URLs apart so the wizard can reopen the right form', () => {
    expect(describeDynatraceUrl('https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs')).toEqual(
      {
        deployment: 'saas',
        environmentId: 'abc12345',
        host: 'abc12345.live.dynatrace.com',
      },
    );
    expect(describeDynatraceUrl('https://ag.corp:9999/e/xyz/api/v2/otlp/v1/logs')?.deployment).toBe(
      'activegate',
    );
    expect(describeDynatraceUrl('https://dt.corp/e/xyz/api/v2/otlp/v1/logs')?.deployment).toBe(
      'managed',
    );
    expect(describeDynatraceUrl('https://collector.corp/v1/logs')?.deployment).toBe('unknown');
    expect(describeDynatraceUrl('nope')).toBeNull();
    expect(dynatraceEnvironmentId('https://dt.corp/e/ENV-9/api')).toBe('env-9');
  });
});

describe('other tools', () => {
  it('knows New Relic regions and Datadog sites', () => {
    expect(newRelicLogsUrl('us')).toBe('https://otlp.nr-data.net/v1/logs');
    expect(newRelicLogsUrl('eu')).toBe('https://otlp.eu01.nr-data.net/v1/logs');
    expect(newRelicLogsUrl('fedramp')).toBe('https://gov-otlp.nr-data.net/v1/logs');
    expect(datadogLogsUrl('datadoghq.eu')).toBe('https://otlp.datadoghq.eu/v1/logs');
    expect(datadogLogsUrl('https://us5.datadoghq.com/')).toBe(
      'https://otlp.us5.datadoghq.com/v1/logs',
    );
    expect(datadogLogsUrl('not a site')).toBeNull();
  });

  it('adds /v1/logs to an OTLP base URL once', () => {
    expect(otlpLogsUrl('https://x.apm.io:443')).toBe('https://x.apm.io/v1/logs');
    expect(otlpLogsUrl('https://x.io/otlp/')).toBe('https://x.io/otlp/v1/logs');
    expect(otlpLogsUrl('https://x.io/v1/logs')).toBe('https://x.io/v1/logs');
  });

  it('completes a Splunk HEC address to its event endpoint', () => {
    expect(splunkHecEventUrl('https://splunk:8088')).toBe(
      'https://splunk:8088/services/collector/event',
    );
    expect(splunkHecEventUrl('https://splunk:8088/services/collector/')).toBe(
      'https://splunk:8088/services/collector/event',
    );
    expect(splunkHecEventUrl('https://splunk:8088/custom/path')).toBe(
      'https://splunk:8088/custom/path',
    );
  });

  it('gives the S3 endpoint a bucket is reached at', () => {
    const base = { bucket: 'logs', region: 'eu-west-1', endpoint: null, forcePathStyle: false };
    expect(s3EndpointUrl(base)).toBe('https://logs.s3.eu-west-1.amazonaws.com');
    expect(s3EndpointUrl({ ...base, forcePathStyle: true })).toBe(
      'https://s3.eu-west-1.amazonaws.com',
    );
    expect(s3EndpointUrl({ ...base, endpoint: 'http://127.0.0.1:4569' })).toBe(
      'http://127.0.0.1:4569',
    );
  });
});

describe('loopback and fingerprints', () => {
  it('recognises this machine in all its spellings, and nothing else', () => {
    for (const h of [
      'localhost',
      'LOCALHOST',
      'api.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of [
      'example.com',
      '10.0.0.1',
      '127.0.0.1.nip.io',
      'localhost.example.com',
      '128.0.0.1',
      '127.0.0.256',
    ]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
    expect(isPlainHttpToRemote('http://collector.corp:4318/v1/logs')).toBe(true);
    expect(isPlainHttpToRemote('http://127.0.0.1:4318/v1/logs')).toBe(false);
    expect(isPlainHttpToRemote('https://collector.corp/v1/logs')).toBe(false);
  });

  it('normalises SHA-256 fingerprints however they are pasted', () => {
    const hex = 'ab'.repeat(32);
    const expected = Array(32).fill('AB').join(':');
    expect(normalizeSha256Fingerprint(hex)).toBe(expected);
    expect(normalizeSha256Fingerprint(`SHA256: ${expected.toLowerCase()}`)).toBe(expected);
    expect(normalizeSha256Fingerprint('AB:CD')).toBeNull();
    expect(normalizeSha256Fingerprint('zz'.repeat(32))).toBeNull();
  });
});
