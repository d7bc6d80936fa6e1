import { describe, expect, it } from 'vitest';
import { testStream } from '../../../src/main/destinations/connection-test';
import { destinationSchema } from '../../../src/shared/destinations/schema';
import { decodeExportRequest } from '../../../src/shared/otlp';
import { compileProcessing, processingRulesSchema } from '../../../src/shared/processing';
import { startHttpServer } from '../destinations/support/servers';

const deps = { keyedHash: () => 'fixed' };

/** An OTLP endpoint on 127.0.0.1 that accepts everything, and a destination for it. */
async function otlpSink() {
  const server = await startHttpServer((_req, res) => res.writeHead(200).end());
  const destination = destinationSchema.parse({
    tool: 'otlp',
    url: `${server.url}/v1/logs`,
    network: { allowPlainHttp: true },
  });
  return { server, destination };
}

describe('Test stream with processing rules', () => {
  it('sends the test record through the rules and says which rules touched it', async () => {
    const { server, destination } = await otlpSink();
    const rules = processingRulesSchema.parse([
      { mask: 'builtin' },
      { drop: 'sluice.stream.name', id: 'no-stream-name' },
      { set: 'team', value: 'payments' },
      { mask: { pattern: 'this stream (works)', name: 'phrase' } },
    ]);
    const result = await testStream(
      destination,
      { token: 'k' },
      {
        timeoutMs: 5_000,
        env: {},
        streamName: 'Payments',
        processing: compileProcessing(rules, deps),
      },
    );
    expect(result.outcome).toBe('success');
    expect(result.processing).toEqual({
      ruleCount: 4,
      touched: [
        {
          key: 'no-stream-name',
          label: 'Drop attribute sluice.stream.name',
          changes: ['dropped record attribute sluice.stream.name'],
        },
        {
          key: 'rule-3',
          label: 'Set resource attribute team = "payments"',
          changes: ['set resource attribute team'],
        },
        {
          key: 'rule-4',
          label: expect.stringContaining('pattern phrase'),
          changes: ['masked 1 span in content'],
        },
      ],
    });
    const sent = decodeExportRequest(server.requests[0]!.body);
    const rl = sent.resourceLogs[0]!;
    const record = rl.scopeLogs[0]!.logRecords[0]!;
    expect(rl.resource.attributes.map((a) => a.key)).toContain('team');
    expect(record.attributes.map((a) => a.key)).not.toContain('sluice.stream.name');
    expect(record.body).toEqual({
      kind: 'string',
      value: 'Sluice test record: this stream [masked:phrase]',
    });
  });

  it('sends nothing when a rule cannot be applied, and says why', async () => {
    const { server, destination } = await otlpSink();
    // Chain: set an e-mail, then hash it with a hash that fails.
    const rules = processingRulesSchema.parse([
      { set: 'contact', value: 'a@example.com', level: 'record' },
      { mask: ['email'], replace: 'hash' },
    ]);
    const result = await testStream(
      destination,
      { token: 'k' },
      {
        timeoutMs: 5_000,
        env: {},
        processing: compileProcessing(rules, {
          keyedHash: () => {
            throw new Error('no key');
          },
        }),
      },
    );
    expect(result.outcome).toBe('failure');
    expect(result.summary).toContain("the stream's processing rules could not be applied");
    expect(result.summary).toContain('Rule 2');
    expect(server.requests).toHaveLength(0);
  });
});
