import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportResultCode, OTLPLogExporter, sdkExport, sdkRecords } from '../../support/otlp-grpc';
import { startRecordingServer } from '../../support/recording-otlp-server';
import { startProcess, type RunningProcess } from '../../support/sluice-process';
import { eventually } from '../../support/eventually';
import { freePort } from '../../support/free-port';
import { tempDir } from '../../support/temp-dir';

/**
 * The OTLP/gRPC receiver acknowledges only what is committed: the SDK's
 * gRPC exporter sends to the built `sluice run` while it is killed with
 * SIGKILL at random moments, and every record the SDK was told was
 * exported reaches the destination.
 */

const kills = 5;
const batch = 40;
const total = 6_000;
// A pause between batches, so that sending spans every run instead of ending in the first.
const paceMs = 10;

const running: RunningProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
});

function writeConfig(dir: string, port: number, destination: string): string {
  const file = join(dir, 'grpc.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      sources: [{ name: 'gRPC', settings: { kind: 'otlp-grpc-receiver', port } }],
      streams: [
        {
          name: 'crash',
          destination: {
            tool: 'otlp',
            url: destination,
            headerName: '',
            network: { allowPlainHttp: true },
          },
          sources: ['gRPC'],
          delivery: { maxBatchRecords: 50, retry: { initialDelayMs: 20, maxDelayMs: 200 } },
        },
      ],
    }),
  );
  return file;
}

describe('OTLP/gRPC ingest across crashes', () => {
  it(
    `delivers every record the SDK was told was exported, across ${kills} SIGKILLs mid-stream`,
    { timeout: 300_000 },
    async () => {
      const seed = Number(process.env.SLUICE_CRASH_SEED ?? Date.now() % 100_000);
      process.stdout.write(`grpc crash seed: ${seed}\n`);
      let state = seed;
      const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

      const server = await startRecordingServer();
      const dir = tempDir('sluice-grpc-crash-');
      const port = await freePort();
      const file = writeConfig(dir, port, server.url);
      const exporter = new OTLPLogExporter({
        url: `http://127.0.0.1:${port}`,
        timeoutMillis: 5_000,
      });
      const acked = new Set<number>();
      let next = 0;
      let refused = 0;

      /** Sends batches in order; a batch not acknowledged is sent again. */
      const sendWhile = async (go: () => boolean) => {
        while (go() && next < total) {
          const result = await sdkExport(exporter, sdkRecords('crash', next, batch));
          if (result.code === ExportResultCode.SUCCESS) {
            for (let i = next; i < next + batch; i++) acked.add(i);
            next += batch;
            await new Promise((r) => setTimeout(r, paceMs));
          } else {
            refused++;
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      };

      try {
        for (let k = 0; k <= kills; k++) {
          const run = startProcess(['run', '--config', file, '--data-dir', dir]);
          running.push(run);
          await run.waitFor(/Press Ctrl\+C/, 60_000);
          if (k === kills) {
            await sendWhile(() => true);
            break;
          }
          let alive = true;
          const sending = sendWhile(() => alive);
          // A random moment while the SDK sends: during a call, or between two.
          await new Promise((r) => setTimeout(r, 100 + random() * 600));
          await run.stop('SIGKILL');
          alive = false;
          await sending;
        }
        expect(next).toBe(total);
        const arrived = () => new Set(server.received);
        await eventually(
          async () => expect([...acked].filter((n) => !arrived().has(n))).toEqual([]),
          120_000,
        );
        expect(acked.size).toBe(total);
        // The kills really hit the client: some calls failed and were sent again.
        expect(refused).toBeGreaterThan(0);
      } finally {
        await exporter.shutdown();
        await server.close();
      }
    },
  );
});
