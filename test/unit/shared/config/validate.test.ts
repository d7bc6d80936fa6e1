import { describe, expect, it } from 'vitest';
import { describeIssue, validateConfig } from '../../../../src/shared/config';
import { dtUrl, validDocument } from './fixtures';

const context = { existingSourceNames: ['Sample data'] };
const problems = (raw: unknown) => validateConfig(raw, context).errors.map(describeIssue);

describe('validateConfig', () => {
  it('accepts a valid document and fills the defaults', () => {
    const v = validateConfig(validDocument(), context);
    expect(v.errors).toEqual([]);
    expect(v.document?.streams[0]).toMatchObject({
      name: 'Production',
      active: true,
      destination: { tool: 'dynatrace', url: dtUrl, model: 'tenant-default' },
      credentials: { token: { env: 'DT_API_TOKEN' } },
      delivery: { maxBatchRecords: 10_000, retry: { windowMs: null } },
    });
  });

  it('lists every problem at once, each by its path in the file, in file order', () => {
    const doc = validDocument();
    doc.sources = [
      { name: 'App logs', settings: { kind: 'file', paths: ['relative/*.log'] } },
      { name: 'app LOGS', settings: { kind: 'sample' } },
    ];
    doc.streams = [
      ...(doc.streams as unknown[]),
      {
        name: 'Two',
        destination: { tool: 'dynatrace', url: 'http://example.com/api/v2/otlp/v1/logs' },
      },
      {
        name: 'Three',
        destination: { tool: 'otlp', url: 'https://collector.example.com/v1/logs' },
        sources: ['Missing'],
        delivery: { timeoutMs: 5 },
      },
    ];
    expect(problems(doc)).toEqual([
      expect.stringMatching(/^sources\[0\]\.settings\.paths\[0\]: Use an absolute path/),
      'sources[1].name: "app LOGS" is also the name of sources[0]; names must be unique (regardless of case).',
      expect.stringMatching(
        /^streams\[1\]\.destination\.url: example\.com would be reached over plain http:\/\//,
      ),
      'streams[2].delivery.timeoutMs: Must be at least 100.',
      'streams[2].sources[0]: There is no source named "Missing" in this file or in the data folder.',
    ]);
  });

  it('names the choices for an unknown tool or kind, and words limits as advice', () => {
    const doc = validDocument();
    doc.sources = [{ name: 'App logs', settings: { kind: 'carrier-pigeon' } }];
    (doc.streams as Record<string, unknown>[])[0]!.destination = { tool: 'bogus' };
    (doc.streams as Record<string, unknown>[])[0]!.delivery = { maxBatchRecords: 1.5 };
    expect(problems(doc)).toEqual([
      'sources[0].settings.kind: Must be one of "otlp-receiver", "otlp-grpc-receiver", "file", "sample".',
      'streams[0].delivery.maxBatchRecords: Must be a whole number.',
      'streams[0].destination.tool: Must be one of "dynatrace", "newrelic", "elastic", "datadog", "splunk", "s3", "otlp".',
    ]);
  });

  it('refuses unknown fields, suggesting the likely one', () => {
    const doc = validDocument();
    (doc.streams as Record<string, unknown>[])[0]!.destinaton = {};
    (
      (doc.streams as Record<string, unknown>[])[0]!.destination as Record<string, unknown>
    ).netwrok = {};
    doc.extra = true;
    expect(problems(doc)).toEqual([
      'extra: Unknown field. Expected one of: $schema, version, sources, streams.',
      'streams[0].destination.netwrok: Unknown field; did you mean "network"?',
      'streams[0].destinaton: Unknown field; did you mean "destination"?',
    ]);
  });

  it('refuses a secret written into the file, without quoting it', () => {
    const doc = validDocument();
    const secret = 'dt0c01.SECRETPUBLIC.SECRETSECRET';
    (doc.streams as Record<string, unknown>[])[0]!.credentials = { token: secret };
    const [issue, ...rest] = problems(doc);
    expect(rest).toEqual([]);
    expect(issue).toMatch(
      /^streams\[0\]\.credentials\.token: Refer to the secret, never write it here/,
    );
    expect(issue).not.toContain('SECRET');
  });

  it('refuses credential names the tool does not take', () => {
    const doc = validDocument();
    (doc.streams as Record<string, unknown>[])[0]!.credentials = { apiKey: { keychain: true } };
    expect(problems(doc)).toEqual([
      'streams[0].credentials.apiKey: Dynatrace has no credential "apiKey"; it takes "token".',
    ]);
  });

  it('says what a missing field is', () => {
    expect(problems({ version: 1, streams: [{ name: 'x', destination: { tool: 's3' } }] })).toEqual(
      [
        'streams[0].destination.bucket: This field is required (expected string).',
        'streams[0].destination.region: This field is required (expected string).',
      ],
    );
  });

  it('explains the version, and stops at a newer one', () => {
    expect(problems({ streams: [] })).toEqual([
      'version: Add "version": 1 (the configuration format this file follows).',
    ]);
    expect(problems({ version: 2, streams: 'whatever' })).toEqual([
      'version: This file is configuration version 2, written by a newer Sluice; this one reads version 1. Update Sluice.',
    ]);
    expect(problems([])).toEqual([
      'The file must hold one JSON object: {"version": 1, "sources": [...], "streams": [...]}.',
    ]);
  });

  it('warns about what the wizard warns about, without refusing', () => {
    const doc = validDocument();
    const stream = (doc.streams as Record<string, unknown>[])[0]!;
    stream.destination = {
      tool: 'dynatrace',
      url: 'https://abc12345.live.dynatrace.com/api/v2/logs/ingest',
    };
    stream.sources = [];
    const v = validateConfig(doc, context);
    expect(v.errors).toEqual([]);
    expect(v.document).not.toBeNull();
    expect(v.warnings.map((w) => w.path)).toEqual([
      'streams[0].destination.url',
      'streams[0].sources',
    ]);
  });
});
