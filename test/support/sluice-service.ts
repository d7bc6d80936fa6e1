import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { connectWsTransport } from '../../src/main/cli/ws-transport';
import { readControlFile } from '../../src/main/serve/control/control-file';
import { createClient, type SluiceApi } from '../../src/shared/api/client';
import { eventually } from './eventually';
import { numberedRequestBytes } from './otlp-records';
import { startRecordingServer } from './recording-otlp-server';
import { startProcess, type RunningProcess } from './sluice-process';
import { tempDir } from './temp-dir';

/** Helpers for tests of the built `sluice run` as a service. */

/**
 * A configuration file: an OTLP/HTTP receiver "Ingest" on a free port and a
 * stream "Local" sending it to `destination` (plain OTLP/HTTP), with short
 * retry delays.
 */
export function writeServiceConfig(
  dir: string,
  destination: string,
  o: { stage?: string | null; file?: string } = {},
): string {
  const file = join(dir, o.file ?? 'sluice.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      sources: [
        { name: 'Ingest', settings: { kind: 'otlp-receiver', host: '127.0.0.1', port: 0 } },
      ],
      streams: [
        {
          name: 'Local',
          destination: {
            tool: 'otlp',
            url: destination,
            headerName: '',
            network: { allowPlainHttp: true },
          },
          sources: ['Ingest'],
          stage: o.stage ?? null,
          delivery: { maxBatchRecords: 50, retry: { initialDelayMs: 50, maxDelayMs: 200 } },
        },
      ],
    }),
  );
  return file;
}

/** The contract of the instance running on `dir`, through its control endpoint. */
export async function instanceApi(
  dir: string,
): Promise<{ api: SluiceApi; close: () => Promise<void> }> {
  const control = readControlFile(dir);
  if (!control) throw new Error(`No instance advertises itself in ${dir}`);
  const transport = await connectWsTransport(control.url, control.token);
  return { api: createClient(transport), close: async () => transport.close() };
}

/** Where the instance's receiver listens, once it does. */
export async function receiverUrl(api: SluiceApi): Promise<string> {
  let url: string | null = null;
  await eventually(async () => {
    const snapshot = await api.request('engine.snapshot');
    url = snapshot.sources.find((s) => s.endpoint)?.endpoint ?? null;
    expect(url).not.toBeNull();
  }, 30_000);
  return url!;
}

/** POSTs records numbered from..from+count-1 to an OTLP/HTTP receiver; expects 200. */
export async function sendNumbered(url: string, from: number, count: number): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body: numberedRequestBytes(from, count),
  });
  expect(res.status).toBe(200);
}

/**
 * What the service tests share: processes killed and connections closed
 * after each test (registers the afterEach), `sluice run` started until it
 * is ready, and the instance's contract.
 */
export function serviceHarness() {
  const running: RunningProcess[] = [];
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const p of running.splice(0)) await p.stop('SIGKILL');
    for (const c of closers.splice(0)) await c();
  });
  return {
    /**
     * A recording destination (closed after the test), a data folder, and a
     * configuration file in it sending to that destination (writeServiceConfig).
     */
    async destination(prefix: string) {
      const server = await startRecordingServer();
      closers.push(server.close);
      const dir = tempDir(prefix);
      return { server, dir, file: writeServiceConfig(dir, server.url) };
    },
    /** Something to close after the test (a server, a connection). */
    closeAfter(close: () => Promise<void>): void {
      closers.push(close);
    },
    /** `sluice run --config FILE --data-dir DIR ...`, once it says it runs; its metrics URL if any. */
    async startRun(dir: string, file: string, extra: string[] = []) {
      const run = startProcess(['run', '--config', file, '--data-dir', dir, ...extra]);
      running.push(run);
      await run.waitFor(/Press Ctrl\+C/, 60_000);
      const metrics =
        run.output().match(/Metrics: (http:\/\/127\.0\.0\.1:\d+)\/metrics/)?.[1] ?? null;
      return { run, metrics };
    },
    /** Any other process to kill after the test. */
    track(p: RunningProcess): RunningProcess {
      running.push(p);
      return p;
    },
    /** The instance's contract, closed after the test. */
    async instance(dir: string): Promise<SluiceApi> {
      const { api, close } = await instanceApi(dir);
      closers.push(close);
      return api;
    },
  };
}
