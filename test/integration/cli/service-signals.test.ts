import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readControlFile } from '../../../src/main/serve/control/control-file';
import { isProcessAlive } from '../../../src/main/data-dir/data-dir-lock';
import { projectRoot, runSluice, sluiceBin, startProcess } from '../../support/sluice-process';
import { eventually } from '../../support/eventually';
import {
  receiverUrl,
  sendNumbered,
  serviceHarness,
  writeServiceConfig,
} from '../../support/sluice-service';
import { tempDir } from '../../support/temp-dir';

/** `sluice run` and what the operating system does to it: closed pipes, SIGHUP, crashes. */

const { instance, destination, track } = serviceHarness();
const pids: number[] = [];
afterEach(() => {
  for (const pid of pids.splice(0)) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
});

const instanceFiles = (dir: string) =>
  ['sluice.lock', 'control.json'].filter((f) => existsSync(join(dir, f)));

describe('sluice run under the operating system', () => {
  it(
    'keeps running when its standard output is closed (sluice run | head -1), and removes its files when stopped',
    { timeout: 180_000 },
    async () => {
      const { server, dir, file } = await destination('sluice-epipe-');
      // Exactly what an administrator types, stderr included in the closed pipe.
      const script = `"${process.execPath}" "${sluiceBin}" run --config "${file}" --data-dir "${dir}" 2>&1 | head -1; echo "sluice exited with \${PIPESTATUS[0]}"`;
      const shell = spawn('bash', ['-c', script], { cwd: projectRoot });
      let out = '';
      shell.stdout.on('data', (d: Buffer) => (out += d.toString()));
      shell.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const shellExited = new Promise<void>((resolve) => shell.once('exit', () => resolve()));

      let pid = 0;
      await eventually(async () => {
        pid = readControlFile(dir)?.pid ?? 0;
        expect(pid).toBeGreaterThan(0);
      }, 60_000);
      pids.push(pid);
      // head printed the first line (what applying --config created) and exited.
      await eventually(async () => expect(out).toBe('created source "Ingest"\n'), 30_000);
      const api = await instance(dir);

      // Every status change is a line written to the closed pipe: EPIPE each time.
      const stream = (await api.request('streams.list'))[0]!;
      const statusChanges = async () =>
        (await api.request('events.list', { streamId: stream.id, kinds: ['status'] })).length;
      const before = await statusChanges();
      for (let i = 0; i < 3; i++) {
        await api.request('streams.setActive', { id: stream.id, active: false });
        await api.request('streams.setActive', { id: stream.id, active: true });
      }
      // The positive signal that the writes were attempted: the six changes are
      // in the event log (each reached `sluice run`, which prints it, before the
      // reply that lists it); the delivery below and the exit code then show it
      // survived them.
      await eventually(async () => expect(await statusChanges()).toBe(before + 6), 30_000);
      expect(isProcessAlive(pid)).toBe(true);
      // Still working: it takes records in and delivers them.
      await sendNumbered(await receiverUrl(api), 1, 25);
      await eventually(async () => expect(new Set(server.received).size).toBe(25), 30_000);
      expect(instanceFiles(dir)).toEqual(['sluice.lock', 'control.json']);

      process.kill(pid, 'SIGTERM');
      await shellExited;
      expect(out).toMatch(/sluice exited with 0\n$/);
      expect(instanceFiles(dir)).toEqual([]);
    },
  );

  it(
    'removes its lock and control.json on every exit that runs code: an uncaught error, an unhandled rejection, process.exit',
    { timeout: 60_000 },
    async () => {
      for (const how of ['throw', 'reject', 'exit']) {
        const dir = tempDir('sluice-exit-');
        const p = startProcess([dir, how], {
          script: join(projectRoot, 'test', 'fixtures', 'scripts', 'exit-hook.ts'),
          nodeArgs: ['--no-warnings', '--import', 'tsx'],
        });
        track(p);
        await p.waitFor(/^holding$/m);
        expect(await p.exited()).not.toBe(0);
        expect(instanceFiles(dir), how).toEqual([]);
      }
    },
  );

  it(
    'applies its --config file again on SIGHUP, all or nothing, and says what changed',
    { timeout: 180_000 },
    async () => {
      const { server, dir, file } = await destination('sluice-hup-');
      const d = ['--data-dir', dir];
      const run = track(startProcess(['run', '--config', file, ...d]));
      await run.waitFor(/Press Ctrl\+C/, 60_000);
      const stage = async () =>
        JSON.parse((await runSluice(['streams', 'list', '--json', ...d])).stdout)[0].stage as
          string | null;
      expect(await stage()).toBeNull();

      writeServiceConfig(dir, server.url, { stage: 'Production' });
      let from = run.output().length;
      run.child.kill('SIGHUP');
      await run.waitFor(
        /SIGHUP: reading .*sluice\.json again\.\nupdated stream "Local": stage\n/,
        30_000,
        from,
      );
      await run.waitFor(/A configuration file was applied: 1 stream updated/, 30_000, from);
      expect(await stage()).toBe('Production');

      // A broken file changes nothing, and the engine goes on.
      writeFileSync(file, '{"version": 1, "streams": [');
      from = run.output().length;
      run.child.kill('SIGHUP');
      await run.waitFor(
        /WARN {2}The configuration was not reloaded: .*sluice\.json is not valid JSON/,
        30_000,
        from,
      );
      expect(await stage()).toBe('Production');
      const api = await instance(dir);
      await sendNumbered(await receiverUrl(api), 1, 5);
      await eventually(async () => expect(new Set(server.received).size).toBe(5), 30_000);

      expect(await run.stop('SIGTERM')).toBe(0);
      expect(run.output()).toContain('Stopped.');
      expect(instanceFiles(dir)).toEqual([]);
    },
  );
});
