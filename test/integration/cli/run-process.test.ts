import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectWsTransport } from '../../../src/main/cli/ws-transport';
import { readControlFile } from '../../../src/main/serve/control/control-file';
import {
  startDynatraceLocal,
  type DynatraceLocal,
  type IngestEvent,
} from '../../../src/main/tools/dynatrace-local';
import { createClient } from '../../../src/shared/api/client';
import {
  runSluice,
  startProcess,
  type Finished,
  type RunningProcess,
} from '../../support/sluice-process';
import { eventually } from '../../support/eventually';
import { tempDir } from '../../support/temp-dir';

// The token the local endpoint wants; only `sluice run`'s environment holds it.
const secret = 'RUNSECRET'.padEnd(64, '3');
const token = `dt0c01.RUNPUBLIC0123456789ABCDE.${secret}`;

const running: RunningProcess[] = [];
let dt: DynatraceLocal | null = null;
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
  await dt?.close();
  dt = null;
});

function start(args: string[], env: NodeJS.ProcessEnv = {}): RunningProcess {
  const p = startProcess(args, { env });
  running.push(p);
  return p;
}

function writeConfig(dir: string, url: string, recordsPerSecond = 20): string {
  const file = join(dir, 'sluice.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      sources: [
        {
          name: 'Sample data',
          settings: { kind: 'sample', recordsPerSecond },
          fullPolicy: 'drop-oldest',
        },
      ],
      streams: [
        {
          name: 'Local DT',
          destination: { tool: 'dynatrace', url, model: 'flattened' },
          credentials: { token: { env: 'DT_API_TOKEN' } },
          sources: ['Sample data'],
          stage: 'Development',
          delivery: { maxBatchRecords: 50 },
        },
      ],
    }),
  );
  return file;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the command line and a config file, end to end (built sluice)', () => {
  it(
    'imports a stream whose token is in the environment, runs it against the local Dynatrace, reads status, pauses, resumes and exports without the secret',
    { timeout: 180_000 },
    async () => {
      // The local Dynatrace-compatible endpoint, as its own process.
      const endpoint = start(['dynatrace-local', '--port', '0', '--token', token, '--quiet']);
      const url = (await endpoint.waitFor(/http:\/\/127\.0\.0\.1:\d+\/api\/v2\/otlp\/v1\/logs/))[0];
      const dir = tempDir('sluice-e2e-');
      const d = ['--data-dir', dir];
      const file = writeConfig(dir, url);
      const outputs: Finished[] = [];
      const cli = async (...args: string[]) => {
        const r = await runSluice([...args, ...d]);
        outputs.push(r);
        return r;
      };

      // Import: the variable is not set here (it will be for `run`): a warning, not an error.
      const imported = await cli('streams', 'import', file);
      expect(imported.code).toBe(0);
      // The file's sample data is faster than the default source of that name.
      expect(imported.stdout).toBe(
        'updated source "Sample data": settings.recordsPerSecond\ncreated stream "Local DT"\n',
      );
      expect(imported.stderr).toContain('DT_API_TOKEN is not set for this engine');

      // Run it headless; only this process has the token.
      const run = start(['run', '--config', file, ...d], { DT_API_TOKEN: token });
      await run.waitFor(/Press Ctrl\+C/);
      const readBack = async () => {
        const res = await fetch(`${new URL(url).origin}/stats`, {
          headers: { Authorization: `Api-Token ${token}` },
        });
        return (await res.json()) as { records: { accepted: number } };
      };
      await eventually(
        async () => expect((await readBack()).records.accepted).toBeGreaterThan(0),
        30_000,
      );

      // Status as JSON, through the running instance.
      let status: Record<string, unknown> = {};
      await eventually(async () => {
        const r = await cli('streams', 'status', 'Local DT', '--json');
        expect(r.code).toBe(0);
        status = JSON.parse(r.stdout) as Record<string, unknown>;
        expect(status).toMatchObject({ status: 'active', running: true, lastError: null });
        expect((status.totals as { recordsOut: number }).recordsOut).toBeGreaterThan(0);
      }, 30_000);

      // Pause and resume go to the running instance, which prints each status
      // change as it happens (only output after each action counts).
      const beforePause = run.output().length;
      expect((await cli('streams', 'pause', 'Local DT')).code).toBe(0);
      await run.waitFor(
        /"Local DT": Status is now Inactive: Paused by the user/,
        30_000,
        beforePause,
      );
      const paused = JSON.parse((await cli('streams', 'status', '--json')).stdout);
      expect(paused).toMatchObject({
        running: true,
        streams: [{ name: 'Local DT', status: 'inactive', sending: 'paused' }],
      });
      const beforeResume = run.output().length;
      expect((await cli('streams', 'resume', 'Local DT')).code).toBe(0);
      await run.waitFor(/"Local DT": Status is now Active\./, 30_000, beforeResume);
      const resumed = JSON.parse((await cli('streams', 'status', '--json')).stdout);
      expect(resumed).toMatchObject({ streams: [{ name: 'Local DT', status: 'active' }] });

      // Export: the reference, never the secret; importing it again changes nothing.
      const exported = await cli('streams', 'export', '--out', join(dir, 'exported.json'));
      expect(exported.code).toBe(0);
      const text = readFileSync(join(dir, 'exported.json'), 'utf8');
      expect(JSON.parse(text).streams[0].credentials).toEqual({ token: { env: 'DT_API_TOKEN' } });
      const again = await cli('streams', 'import', join(dir, 'exported.json'), '--dry-run');
      expect(again.stdout).toContain('nothing to change');

      // Stop cleanly.
      expect(await run.stop('SIGTERM')).toBe(0);
      expect(run.output()).toMatch(/Stopping \(SIGTERM\)[^\n]*\n(?:.*\n)*Stopped\.\n$/);
      expect(existsSync(join(dir, 'control.json'))).toBe(false);

      // With no instance running, status reads the data folder directly.
      const after = JSON.parse((await cli('streams', 'status', '--json')).stdout);
      expect(after).toMatchObject({
        running: false,
        streams: [{ status: 'active', sending: null }],
      });

      // The secret is nowhere: not in the data folder, the exports, or what any command printed.
      for (const f of filesUnder(dir)) {
        expect(readFileSync(f).includes(Buffer.from(secret)), `secret found in ${f}`).toBe(false);
      }
      for (const r of outputs) expect(r.stdout + r.stderr).not.toContain(secret);
      expect(run.output()).not.toContain(secret);
    },
  );

  it(
    'on SIGTERM, lets the request in flight finish before stopping',
    { timeout: 120_000 },
    async () => {
      const events: IngestEvent[] = [];
      dt = await startDynatraceLocal({ port: 0, token, onRequest: (e) => events.push(e) });
      dt.faults.setLatency(5_000);
      const dir = tempDir();
      const file = writeConfig(dir, dt.url, 50);
      const run = start(['run', '--config', file, '--data-dir', dir], { DT_API_TOKEN: token });
      await run.waitFor(/Press Ctrl\+C/);

      // Wait until the stream is waiting for the (slow) answer, asking the instance itself.
      const control = readControlFile(dir)!;
      const transport = await connectWsTransport(control.url, control.token);
      try {
        const api = createClient(transport);
        await eventually(async () => {
          const snapshot = await api.request('engine.snapshot');
          expect(snapshot.streams[0]?.sending).toBe('sending');
        }, 30_000);
      } finally {
        transport.close();
      }
      const answeredBefore = events.length;
      expect(await run.stop('SIGTERM')).toBe(0);
      expect(run.output()).toContain('Stopped.');
      // The request in flight was answered after SIGTERM (200), not abandoned.
      expect(events.length).toBeGreaterThan(answeredBefore);
      expect(events.map((e) => e.outcome)).not.toContain('aborted');
      expect(events.every((e) => e.status === 200)).toBe(true);
    },
  );

  it(
    'retry sends at once a stream that a refused token stopped, and says when there is nothing to retry',
    { timeout: 120_000 },
    async () => {
      dt = await startDynatraceLocal({ port: 0, token });
      const dir = tempDir();
      const d = ['--data-dir', dir];
      const file = writeConfig(dir, dt.url);
      // With no instance running, nothing is waiting.
      expect((await runSluice(['streams', 'import', file, ...d])).code).toBe(0);
      const idle = await runSluice(['streams', 'retry', 'local dt', ...d]);
      expect(idle).toMatchObject({ code: 0 });
      expect(idle.stdout).toContain('No Sluice is running on');

      // The endpoint refuses the token once: the stream stops (a 401 is not retried by itself).
      dt.faults.failNext(1, { status: 401 });
      const run = start(['run', '--config', file, ...d], { DT_API_TOKEN: token });
      await run.waitFor(/"Local DT": Status is now Active with errors/, 30_000);
      const sending = async () =>
        JSON.parse((await runSluice(['streams', 'status', 'Local DT', '--json', ...d])).stdout)
          .sending as string;
      expect(await sending()).toBe('stopped');
      const accepted = dt.records().length;

      const retried = await runSluice(['streams', 'retry', 'Local DT', ...d]);
      expect(retried).toMatchObject({
        code: 0,
        stdout: '"Local DT": retrying now (it was stopped).\n',
      });
      await eventually(async () => expect(dt!.records().length).toBeGreaterThan(accepted), 30_000);
      await run.waitFor(/"Local DT": Status is now Active\./, 30_000);
      const again = await runSluice(['streams', 'retry', 'Local DT', ...d]);
      expect(again.stdout).toBe('"Local DT" is not waiting to retry; nothing to do.\n');

      // A paused stream is resumed, not retried.
      expect((await runSluice(['streams', 'pause', 'Local DT', ...d])).code).toBe(0);
      const paused = await runSluice(['streams', 'retry', 'Local DT', ...d]);
      expect(paused.code).toBe(1);
      expect(paused.stderr).toContain('Resume it instead: sluice streams resume "Local DT"');
      expect(await run.stop('SIGTERM')).toBe(0);
    },
  );

  it(
    'refuses to start with an environment variable the file needs but is not set (exit 2)',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      const file = writeConfig(dir, 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs');
      const r = await runSluice(['run', '--config', file, '--data-dir', dir], {
        env: { DT_API_TOKEN: '' },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        'streams[0].credentials.token: The environment variable DT_API_TOKEN is not set. Set it before starting Sluice.',
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'control.json'))).toBe(false);
      expect(existsSync(join(dir, 'sluice.lock'))).toBe(false);
    },
  );

  it(
    'refuses a data folder that is a file with one clear line (exit 1)',
    { timeout: 60_000 },
    async () => {
      const file = join(tempDir(), 'sluice-data');
      writeFileSync(file, '');
      const r = await runSluice(['run', '--data-dir', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `sluice run: The data folder ${file} cannot be created: ${file} is a file, not a folder. Choose another data folder (--data-dir or SLUICE_DATA_DIR).\n`,
      );
    },
  );

  it(
    'never lets two engines open one data folder: the second refuses clearly (exit 1)',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      const first = start(['run', '--data-dir', dir]);
      await first.waitFor(/Press Ctrl\+C/);
      const second = await runSluice(['run', '--data-dir', dir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        /^sluice run: Another Sluice \(process \d+\) is already using the data folder /,
      );
      // A command, though, reaches the running one.
      const list = await runSluice(['streams', 'status', '--json', '--data-dir', dir]);
      expect(JSON.parse(list.stdout)).toMatchObject({ running: true, pid: first.child.pid });
      expect(await first.stop('SIGTERM')).toBe(0);
    },
  );

  it('serve --config applies the file, and commands talk to it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const file = writeConfig(dir, 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs');
    const serve = start(['serve', '--port', '0', '--config', file, '--data-dir', dir], {
      DT_API_TOKEN: token,
    });
    await serve.waitFor(/Press Ctrl\+C/);
    expect(serve.output()).toContain('created stream "Local DT"');
    const status = await runSluice(['streams', 'status', '--json', '--data-dir', dir]);
    expect(JSON.parse(status.stdout)).toMatchObject({
      running: true,
      pid: serve.child.pid,
      streams: [{ name: 'Local DT', active: true }],
    });
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(dir, 'control.json'))).toBe(false);
  });
});
