import type { CliIo } from './command';

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) =>
      chunks.push(typeof c === 'string' ? Buffer.from(c) : c),
    );
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * A writer to stdout or stderr that a closed reader cannot hurt: `sluice run
 * | head -1` closes the pipe after one line, and the next write fails with
 * EPIPE, emitted as an 'error' event that would otherwise end the process
 * (and with it the engine). Once the stream has failed, output is dropped.
 */
export function safeWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let failed = false;
  stream.on('error', () => {
    failed = true;
  });
  return (text) => {
    if (failed || stream.destroyed) return;
    stream.write(text);
  };
}

let guarded: { stdout: (t: string) => void; stderr: (t: string) => void } | null = null;

/**
 * Guards the process's stdout and stderr once (anything else that writes to
 * them, such as the logger's console lines, is covered by the same error
 * listeners) and returns writers for them.
 */
export function guardStandardStreams(): {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
} {
  guarded ??= { stdout: safeWriter(process.stdout), stderr: safeWriter(process.stderr) };
  return guarded;
}

/** The real process's standard streams, environment and signals. */
export function processIo(): CliIo {
  const stopSignal = new Promise<string>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve(sig));
  });
  const { stdout, stderr } = guardStandardStreams();
  return {
    stdout,
    stderr,
    readStdin: () => readAll(process.stdin),
    env: process.env,
    cwd: process.cwd(),
    stopSignal,
    onReload(listener) {
      process.on('SIGHUP', listener);
      return () => void process.off('SIGHUP', listener);
    },
  };
}
