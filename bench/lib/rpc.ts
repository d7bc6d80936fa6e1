import { fork, type ChildProcess } from 'node:child_process';

/**
 * Scenarios run the engine, the load generator and the endpoint in separate
 * processes so that each one's CPU and memory are its own. They talk over
 * Node's IPC channel: `{ id, op, args }` in, `{ id, ok, value | error }` out.
 */

type Handler = (args: never) => unknown;
type Request = { id: number; op: string; args: unknown };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
type Ready = { ready: true };

/** In a child: answers the parent's calls and says when it is ready. */
export function serveRpc(handlers: Record<string, Handler>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench processes are started by bench/run.ts (no IPC channel)');
  process.on('message', (m: Request) => {
    const handler = handlers[m.op];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown op ${m.op}`);
        return (handler as (args: unknown) => unknown)(m.args);
      })
      .then(
        (value) => send({ id: m.id, ok: true, value: value ?? null } satisfies Reply),
        (err: unknown) =>
          send({ id: m.id, ok: false, error: (err as Error).stack ?? String(err) } satisfies Reply),
      );
  });
  // The parent going away ends us too: no orphans if the runner is killed.
  process.on('disconnect', () => process.exit(0));
  send({ ready: true } satisfies Ready);
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  call<T = unknown>(op: string, args?: unknown): Promise<T>;
  /** Asks nicely (the `close` op when it has one), then SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** The last lines the child wrote to stderr, for error messages. */
  stderrTail(): string;
}

export interface StartChildOptions {
  args?: string[];
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** Echo the child's stderr (--verbose). */
  echo?: boolean;
}

const callTimeoutMs = 30 * 60_000;

/** Starts `node <file>` (a bundled child, see build.ts) and resolves once it serves calls. */
export function startChild(name: string, file: string, o: StartChildOptions = {}): Promise<Child> {
  const cp: ChildProcess = fork(file, o.args ?? [], {
    execArgv: o.nodeArgs ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...o.env },
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer): void => {
    if (o.echo) process.stderr.write(`[${name}] ${chunk.toString()}`);
    tail.push(...chunk.toString().split('\n'));
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  cp.stderr?.on('data', keep);
  cp.stdout?.on('data', keep);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => cp.once('exit', () => resolve()));
  const describeExit = (code: number | null, signal: string | null): Error =>
    new Error(
      `${name} process exited (${signal ?? `code ${code}`}):\n${tail.join('\n').trim() || '(no output)'}`,
    );

  return new Promise((resolve, reject) => {
    cp.once('exit', (code, signal) => {
      exited = true;
      const err = describeExit(code, signal);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      reject(err);
    });
    cp.once('error', reject);
    cp.on('message', (m: Reply | Ready) => {
      if ('ready' in m) {
        resolve(child);
        return;
      }
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`${name}: ${m.error}`));
    });
    const child: Child = {
      name,
      pid: cp.pid ?? -1,
      call<T>(op: string, args?: unknown): Promise<T> {
        if (exited) return Promise.reject(new Error(`${name} process is not running`));
        const id = nextId++;
        return new Promise<T>((res, rej) => {
          // No call of any scenario takes this long (filling 10,000,000
          // records takes minutes): past it the child is stuck, and the run
          // says which call instead of waiting for ever.
          const timer = setTimeout(() => {
            pending.delete(id);
            rej(
              new Error(`${name}: "${op}" got no answer within ${callTimeoutMs / 60_000} minutes`),
            );
          }, callTimeoutMs);
          pending.set(id, {
            resolve: (v) => {
              clearTimeout(timer);
              (res as (v: unknown) => void)(v);
            },
            reject: (e) => {
              clearTimeout(timer);
              rej(e);
            },
          });
          cp.send({ id, op, args } satisfies Request);
        });
      },
      async stop() {
        if (exited) return;
        const grace = setTimeout(() => cp.kill('SIGKILL'), 15_000);
        try {
          await child.call('close');
          // It exits by itself (writing its CPU profile, if asked to).
          await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, 5_000))]);
        } catch {
          // Already gone, or it has no close: the signal below ends it.
        }
        if (!exited) cp.kill('SIGTERM');
        await exitedPromise;
        clearTimeout(grace);
      },
      stderrTail: () => tail.join('\n'),
    };
  });
}

/** In a child's `close` handler: exit once the reply has gone out. */
export function exitSoon(code = 0): void {
  setTimeout(() => process.exit(code), 50);
}
