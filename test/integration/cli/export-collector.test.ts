import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sluiceInProcess } from '../../support/cli-io';
import { validateCollectorConfig } from '../../support/otelcol-schema';
import { tempDir } from '../../support/temp-dir';
import { richDocumentInput } from '../../unit/shared/otelcol/fixtures';

// Distinctive values for every credential the configuration uses: none of
// them may appear in anything the export writes or prints.
const tokens: Record<string, string> = {
  DT_TOKEN: `dt0c01.EXPORTPUBLIC0123456789AB.${'EXPORTSECRET'.padEnd(64, '3')}`,
  NR_KEY: 'NRKEYSECRET'.padEnd(36, '4') + 'NRAL',
  ELASTIC_KEY: 'ELASTICSECRET-5555-key',
  DD_KEY: 'ddsecret'.padEnd(32, '6'),
  HEC_TOKEN: '7e57e57e-0000-4000-8000-hecsecret777',
  S3_KEY_ID: 'AKIAEXPORTSECRET8888',
  S3_SECRET: 'S3SECRETACCESSKEY'.padEnd(40, '9'),
  OTHER_KEY: 'other-collector-secret-key',
  RECEIVER_TOKEN: 'receiver-bearer-secret-token',
};

/** The rich configuration with every credential read from the environment. */
function configFile(dir: string): string {
  const doc = richDocumentInput() as {
    sources: { name: string; credentials?: unknown }[];
    streams: { name: string; credentials?: unknown }[];
  };
  const env = (name: string) => ({ env: name });
  const byStream: Record<string, unknown> = {
    Production: { token: env('DT_TOKEN') },
    'New Relic EU': { token: env('NR_KEY') },
    Elastic: { token: env('ELASTIC_KEY') },
    Datadog: { token: env('DD_KEY') },
    'Splunk HEC': { token: env('HEC_TOKEN') },
    Archive: { accessKeyId: env('S3_KEY_ID'), secretAccessKey: env('S3_SECRET') },
    'Local collector': { token: env('OTHER_KEY') },
    'Demo only': { token: env('DT_TOKEN') },
  };
  for (const s of doc.streams) s.credentials = byStream[s.name];
  for (const s of doc.sources)
    if (s.name === 'Local apps' || s.name === 'gRPC apps')
      s.credentials = { token: env('RECEIVER_TOKEN') };
  const file = join(dir, 'sluice.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

function expectNoToken(text: string): void {
  for (const [name, value] of Object.entries(tokens)) {
    expect(text, `${name} leaked`).not.toContain(value);
    // Nor the secret part of a Dynatrace token on its own.
    if (name === 'DT_TOKEN') expect(text).not.toContain(value.split('.')[2]);
  }
}

describe('sluice streams export --format otelcol', () => {
  it('writes every stream as a valid Collector configuration, with no secret anywhere', async () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    const imported = await sluiceInProcess(['streams', 'import', configFile(dir), ...d], {
      env: tokens,
    });
    expect(imported.code).toBe(0);

    const otelcol = await sluiceInProcess(
      ['streams', 'export', '--format', 'otelcol', '--distribution', 'contrib', ...d],
      { env: tokens },
    );
    expect(otelcol.code).toBe(0);
    expect(validateCollectorConfig(parse(otelcol.stdout))).toEqual([]);
    expect(otelcol.stdout).toContain('${env:SLUICE_PRODUCTION_TOKEN}');
    expect(otelcol.stdout).toContain('(Sluice reads it from DT_TOKEN)');
    expect(otelcol.stderr).toMatch(
      /Set before starting the Collector: .*SLUICE_SOURCE_LOCAL_APPS_TOKEN/,
    );

    const helm = await sluiceInProcess(
      ['streams', 'export', '--format', 'helm-values', '--distribution', 'contrib', ...d],
      { env: tokens },
    );
    expect(helm.code).toBe(0);
    expect(
      validateCollectorConfig((parse(helm.stdout) as { alternateConfig: unknown }).alternateConfig),
    ).toEqual([]);

    const json = await sluiceInProcess(['streams', 'export', ...d], { env: tokens });
    expect(json.code).toBe(0);
    for (const run of [imported, otelcol, helm, json]) {
      expectNoToken(run.stdout);
      expectNoToken(run.stderr);
    }

    // The same data folder exports to the same bytes.
    const again = await sluiceInProcess(
      ['streams', 'export', '--format', 'otelcol', '--distribution', 'contrib', ...d],
      { env: tokens },
    );
    expect(again.stdout).toBe(otelcol.stdout);

    // Named streams, to a file.
    const out = join(dir, 'dt.yaml');
    const named = await sluiceInProcess(
      ['streams', 'export', '--format', 'otelcol', '--out', out, 'production', 'elastic', ...d],
      { env: tokens },
    );
    expect(named).toMatchObject({ code: 0, stdout: '' });
    expect(named.stderr).toContain('Wrote 2 streams ("Elastic", "Production") to');
    const written = readFileSync(out, 'utf8');
    expect(validateCollectorConfig(parse(written))).toEqual([]);
    expectNoToken(written);
  });

  it('refuses what the Dynatrace distribution cannot run, and unknown names, with exit 2', async () => {
    const dir = tempDir();
    const d = ['--data-dir', dir];
    await sluiceInProcess(['streams', 'import', configFile(dir), ...d], { env: tokens });
    const refused = await sluiceInProcess(['streams', 'export', '--format', 'otelcol', ...d]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      '"Splunk HEC" sends to Splunk through the splunk_hec exporter',
    );
    expect(refused.stderr).toContain('--distribution contrib');

    const unknown = await sluiceInProcess([
      'streams',
      'export',
      '--format',
      'otelcol',
      'Nope',
      ...d,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no stream named "Nope".');

    const bad = await sluiceInProcess(['streams', 'export', '--format', 'xml', ...d]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format is json, otelcol or helm-values; got "xml".');
    const names = await sluiceInProcess(['streams', 'export', 'Production', ...d]);
    expect(names.code).toBe(2);
    expect(names.stderr).toContain('go with --format otelcol or helm-values');
  });
});
