import type { StatusJson } from '../../../src/main/cli/commands/streams/status';
import type { StreamTotals } from '../../../src/shared/api/engine';
import { parsePrometheusText, sampleValue } from '../../support/prometheus-text';
import { runSluice } from '../../support/sluice-process';
import { eventually } from '../../support/eventually';
import { receiverUrl, sendNumbered, serviceHarness } from '../../support/sluice-service';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `sluice run` as a service, built and in its own process: /metrics,
 * /healthz, /readyz, `streams status --check`, file modes, SIGHUP.
 */

const { startRun, instance, destination } = serviceHarness();

describe('sluice run as a service (built sluice)', () => {
  it(
    'serves /metrics whose counters match streams status --json, and /readyz and --check that turn red when the destination fails and green when it recovers',
    { timeout: 240_000 },
    async () => {
      const { server, dir, file } = await destination('sluice-service-');
      const d = ['--data-dir', dir];
      const { metrics } = await startRun(dir, file, ['--metrics-port', '0']);
      expect(metrics).not.toBeNull();
      const api = await instance(dir);
      const ingest = await receiverUrl(api);

      await sendNumbered(ingest, 1, 120);
      await sendNumbered(ingest, 121, 80);
      await eventually(async () => expect(new Set(server.received).size).toBe(200), 30_000);

      // Nothing flows now: a scrape and the status agree, figure for figure.
      await eventually(async () => {
        const text = await (await fetch(`${metrics}/metrics`)).text();
        const families = parsePrometheusText(text);
        const status = JSON.parse(
          (await runSluice(['streams', 'status', '--json', ...d])).stdout,
        ) as StatusJson;
        const local = status.streams.find((s) => s.name === 'Local')!;
        const v = (name: string) => sampleValue(families, name, { stream: 'Local' });
        expect(local.totals.recordsOut).toBe(200);
        // Each counter and the figure of `streams status --json` it must equal.
        const counters: [string, keyof StreamTotals][] = [
          ['sluice_stream_received_records_total', 'recordsIn'],
          ['sluice_stream_received_bytes_total', 'bytesIn'],
          ['sluice_stream_delivered_records_total', 'recordsOut'],
          ['sluice_stream_delivered_bytes_total', 'bytesOut'],
          ['sluice_stream_requests_total', 'requests'],
          ['sluice_stream_request_errors_total', 'errors'],
          ['sluice_stream_retries_total', 'retries'],
          ['sluice_stream_rejected_records_total', 'rejected'],
          ['sluice_stream_dead_lettered_records_total', 'deadLettered'],
          ['sluice_stream_dropped_records_total', 'dropped'],
          ['sluice_stream_filtered_records_total', 'filtered'],
        ];
        for (const [name, key] of counters) expect(v(name), name).toBe(local.totals[key]);
        expect(v('sluice_stream_backlog_records')).toBe(local.backlog.records);
        expect(v('sluice_stream_backlog_bytes')).toBe(local.backlog.bytes);
        expect(
          sampleValue(families, 'sluice_stream_request_duration_seconds_count', {
            stream: 'Local',
          }),
        ).toBe(local.totals.requests);
        expect(
          sampleValue(families, 'sluice_source_received_records_total', { source: 'Ingest' }),
        ).toBe(200);
      }, 30_000);
      expect((await fetch(`${metrics}/healthz`)).status).toBe(200);
      expect((await fetch(`${metrics}/readyz`)).status).toBe(200);
      expect(await runSluice(['streams', 'status', '--check', ...d])).toMatchObject({
        code: 0,
        stdout: 'OK: all 1 active streams are sending or idle without errors.\n',
      });

      // The destination starts failing with 503: retried, so not ready, and said why.
      server.failWith(503);
      await sendNumbered(ingest, 201, 10);
      await eventually(async () => {
        const res = await fetch(`${metrics}/readyz`);
        expect(res.status).toBe(503);
        expect(await res.text()).toMatch(
          /^not ready: 1 problem\nstream "Local": Active with errors: The last attempt failed: .*503/,
        );
      }, 30_000);
      const red = await runSluice(['streams', 'status', '--check', ...d]);
      expect(red.code).toBe(1);
      expect(red.stdout).toMatch(/^stream "Local": Active with errors: .*503.*\n$/);
      const json = await fetch(`${metrics}/readyz`, { headers: { accept: 'application/json' } });
      expect(await json.json()).toMatchObject({
        ready: false,
        problems: [{ kind: 'stream', name: 'Local' }],
      });

      // It recovers: the retry goes through and readiness follows.
      server.failWith(null);
      await eventually(
        async () => expect((await fetch(`${metrics}/readyz`)).status).toBe(200),
        30_000,
      );
      expect((await runSluice(['streams', 'status', '--check', ...d])).code).toBe(0);
      expect(new Set(server.received).size).toBe(210);

      // A refused token stops the stream until someone acts: red until "retry".
      server.failWith(401);
      await sendNumbered(ingest, 211, 5);
      await eventually(
        async () => expect((await fetch(`${metrics}/readyz`)).status).toBe(503),
        30_000,
      );
      const stopped = await fetch(`${metrics}/metrics`).then((r) => r.text());
      expect(
        sampleValue(parsePrometheusText(stopped), 'sluice_stream_sending_state', {
          stream: 'Local',
          state: 'stopped',
        }),
      ).toBe(1);
      server.failWith(null);
      expect((await runSluice(['streams', 'retry', 'Local', ...d])).code).toBe(0);
      await eventually(
        async () => expect((await fetch(`${metrics}/readyz`)).status).toBe(200),
        30_000,
      );
      expect(new Set(server.received).size).toBe(215);
    },
  );

  it(
    'keeps the data folder private: the folder 0700, the buffer, its WAL, the logs, the lock and control.json 0600',
    { timeout: 120_000 },
    async () => {
      const { server, dir, file } = await destination('sluice-modes-');
      const { run } = await startRun(dir, file);
      const api = await instance(dir);
      await sendNumbered(await receiverUrl(api), 1, 10);
      await eventually(async () => expect(new Set(server.received).size).toBe(10), 30_000);
      const mode = (p: string) => statSync(join(dir, p)).mode & 0o777;
      expect(mode('.')).toBe(0o700);
      expect(mode('logs')).toBe(0o700);
      for (const f of [
        'sluice.db',
        'sluice.db-wal',
        'sluice.db-shm',
        'sluice.lock',
        'control.json',
        'logs/sluice.log',
        'logs/run.log',
      ]) {
        expect(existsSync(join(dir, f)), f).toBe(true);
        expect(mode(f), f).toBe(0o600);
      }
      expect(await run.stop('SIGTERM')).toBe(0);

      // With no Sluice running, nothing is sent: the check says so for each active stream.
      const check = await runSluice(['streams', 'status', '--check', '--data-dir', dir]);
      expect(check).toMatchObject({
        code: 1,
        stdout: `stream "Local": Not sending: no Sluice is running on ${dir}.\n`,
      });
    },
  );
});
