import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../support/app-internals';
import { createSender } from '../../../src/main/destinations/create-sender';
import { recordsWithSecrets } from '../../../src/main/app/processing/samples';
import { streamSettingsSchema } from '../../../src/shared/api/streams';
import {
  destinationTools,
  type DestinationInput,
  type DestinationTool,
} from '../../../src/shared/destinations/schema';
import {
  av,
  createLogRecord,
  encodeExportRequest,
  encodeExportResponse,
  kv,
} from '../../../src/shared/otlp';
import { openTestEngine, quietSource } from '../../support/engine';
import { eventually } from '../../support/eventually';
import { FakeMemoryTokenStore } from '../../support/memory-token-store';
import { listKeys, readObject, s3Credentials, startS3 } from '../destinations/support/s3';
import { startHttpServer, type TestServer } from '../destinations/support/servers';

/**
 * Issue 18's acceptance run: records full of planted secrets go through a
 * stream with {"mask": "builtin"} to an independent sink on 127.0.0.1 (a
 * plain HTTP server that keeps every body it receives, or s3rver), for
 * every destination tool, and not one planted secret arrives unmasked.
 */

const jwt =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const dtToken = `dt0c01.ST2EY72KQINMH574WMNVI7YN.${'G3DFPBEJYMODIDAE'.repeat(4)}`;

/** Every secret planted below, as it would appear in a body sent unmasked. */
const planted = [
  'jane.doe@example.com',
  '203.0.113.7',
  '4111 1111 1111 1111',
  '5500-0000-0000-0004',
  'DE89 3704 0044 0532 0130 00',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  jwt,
  'AKIAIOSFODNN7EXAMPLE',
  '2001:db8::8a2e:370:7334',
  'hunter2',
  'bob@example.org',
  dtToken,
  'carol@example.net',
  '198.51.100.23',
  '6011111111111117',
];

const count = 30;

/** The planted records, several times over, with the secrets in the content and at every level. */
function plantedRequest(): Uint8Array {
  const now = BigInt(Date.now()) * 1_000_000n;
  const logRecords = [];
  for (let i = 0; i < count / 6; i++) {
    logRecords.push(...recordsWithSecrets(now));
    logRecords.push(
      createLogRecord({
        timeUnixNano: now,
        severityNumber: 9,
        body: av.kvlist([
          kv('msg', av.string(`token ${dtToken} used by carol@example.net`)),
          kv('card', av.int(6011111111111117n)),
        ]),
        attributes: [kv('net.peer.ip', av.string('198.51.100.23'))],
      }),
    );
  }
  return encodeExportRequest({
    resourceLogs: [
      {
        resource: {
          attributes: [
            kv('host.ip', av.string('203.0.113.7')),
            kv('owner', av.string('bob@example.org')),
          ],
          droppedAttributesCount: 0,
        },
        schemaUrl: '',
        scopeLogs: [
          {
            scope: {
              name: 'planted',
              version: '',
              attributes: [kv('contact', av.string('jane.doe@example.com'))],
              droppedAttributesCount: 0,
            },
            schemaUrl: '',
            logRecords,
          },
        ],
      },
    ],
  });
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A sink for `tool` on 127.0.0.1: the destination to configure, and what it has received so far. */
async function sinkFor(tool: DestinationTool): Promise<{
  destination: DestinationInput;
  credentials: Record<string, string>;
  received: () => Promise<string[]>;
}> {
  if (tool === 's3') {
    const { endpoint, client } = await startS3('planted');
    return {
      destination: {
        tool: 's3',
        bucket: 'planted',
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        network: { allowPlainHttp: true },
      },
      credentials: { ...s3Credentials },
      received: async () =>
        Promise.all(
          (await listKeys(client, 'planted')).map(
            async (k) => (await readObject(client, 'planted', k)).text,
          ),
        ),
    };
  }
  const server: TestServer = await startHttpServer((_req, res) => {
    if (tool === 'splunk') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"Success","code":0}');
    } else {
      res
        .writeHead(200, { 'content-type': 'application/x-protobuf' })
        .end(Buffer.from(encodeExportResponse({ partialSuccess: null })));
    }
  });
  const url = `${server.url}/v1/logs`;
  const network = { allowPlainHttp: true };
  const destination: DestinationInput =
    tool === 'dynatrace'
      ? { tool, url, network }
      : tool === 'newrelic' || tool === 'datadog'
        ? { tool, url, network }
        : tool === 'elastic'
          ? { tool, url, network }
          : tool === 'splunk'
            ? { tool, url: `${server.url}/services/collector/event`, network }
            : { tool: 'otlp', url, network };
  return {
    destination,
    credentials: { token: 'planted-test-token' },
    // The body as received after gzip: protobuf carries strings as UTF-8, so a secret sent unmasked shows in the text.
    received: async () => server.requests.map((r) => r.body.toString('utf8')),
  };
}

describe('planted secrets, through a stream with {"mask": "builtin"}, to every destination tool', () => {
  it('runs with the exporter applying the stream rules', () => {});

  for (const tool of destinationTools) {
    it(`${tool}: the sink receives every record and not one planted secret`, async () => {
      const sink = await sinkFor(tool);
      const { engine } = openTestEngine(new FakeMemoryTokenStore(), undefined, createSender);
      closers.push(() => engine.close());
      const sourceId = quietSource(engine);
      const stream = await engine.createStream(
        streamSettingsSchema.parse({
          name: `planted ${tool}`,
          destination: sink.destination,
          sourceIds: [sourceId],
          processing: [{ mask: 'builtin' }],
        }),
        sink.credentials,
        true,
      );
      appInternals(engine).pipeline.ingestRequest(sourceId, plantedRequest());
      const recordsOut = () =>
        engine.snapshot().streams.find((s) => s.id === stream.id)?.totals.recordsOut;
      await eventually(() => expect(recordsOut()).toBeGreaterThanOrEqual(count), 20_000);
      const bodies = await eventually(async () => {
        const received = await sink.received();
        expect(received.length).toBeGreaterThan(0);
        return received;
      }, 20_000);
      expect(recordsOut()).toBe(count);
      const all = bodies.join('\n');
      expect(all).toContain('[masked:');
      for (const secret of planted) expect(all, `${tool} received ${secret}`).not.toContain(secret);
    }, 60_000);
  }
});
