import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..', '..');
export const sluiceBin = join(projectRoot, 'bin', 'sluice.mjs');

export interface RunningProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /**
   * Resolves with the first match of `pattern` in stdout+stderr, looking only
   * at what came after character `from` (e.g. `output().length` before an
   * action, so that an earlier line with the same text does not count).
   */
  waitFor: (pattern: RegExp, timeoutMs?: number, from?: number) => Promise<RegExpMatchArray>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Resolves with the exit code once the process ends by itself (fails after `timeoutMs`). */
  exited: (timeoutMs?: number) => Promise<number | null>;
}

/** Starts a node script (the built `sluice` by default) and watches its output. */
export function startProcess(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; script?: string; nodeArgs?: string[] } = {},
): RunningProcess {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), options.script ?? sluiceBin, ...args],
    {
      cwd: projectRoot,
      env: { ...process.env, ...options.env },
    },
  );
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const w of waiters) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  return {
    child,
    output: () => out,
    waitFor(pattern, timeoutMs = 30_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = out.slice(from).match(pattern);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${pattern}; output so far:\n${out}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then((code) => {
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`Process exited (${code}) before ${pattern}; output:\n${out}`));
          }
        });
        check();
      });
    },
    exited(timeoutMs = 30_000) {
      return Promise.race([
        exited,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`Process did not exit within ${timeoutMs} ms; output:\n${out}`)),
            timeoutMs,
          ).unref(),
        ),
      ]);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Starts `sluice serve` on a free port and resolves with its printed URL. */
export async function startServe(
  dataDir: string,
  extra: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<RunningProcess & { url: URL }> {
  const proc = startProcess(['serve', '--port', '0', '--data-dir', dataDir, ...extra], { env });
  const m = await proc.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/);
  return Object.assign(proc, { url: new URL(m[0]) });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `sluice` to the end (a short command), with `input` on its standard input. */
export function runSluice(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  const child = spawn(process.execPath, [sluiceBin, ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sluice ${args.join(' ')} did not finish; output:\n${stdout}${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
