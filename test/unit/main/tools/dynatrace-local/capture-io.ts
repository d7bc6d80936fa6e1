import type { CliIo } from '../../../../../src/main/cli/command';
import { eventually } from '../../../../support/eventually';

/** A CliIo that records what a command prints and stops when the test says so. */
export function captureIo(): CliIo & {
  out: () => string;
  err: () => string;
  stop: (signal?: string) => void;
  /** Resolves once stdout contains `text`. */
  printed: (text: string | RegExp, timeoutMs?: number) => Promise<string>;
} {
  let out = '';
  let err = '';
  let stop!: (signal: string) => void;
  const stopSignal = new Promise<string>((resolve) => (stop = resolve));
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => Buffer.alloc(0),
    env: {},
    cwd: process.cwd(),
    stopSignal,
    out: () => out,
    err: () => err,
    stop: (signal = 'SIGTERM') => stop(signal),
    printed: async (text, timeoutMs = 10_000) => {
      const seen = () => (typeof text === 'string' ? out.includes(text) : text.test(out));
      await eventually(() => {
        if (!seen())
          throw new Error(`not printed: ${String(text)}\n--- stdout:\n${out}\n--- stderr:\n${err}`);
      }, timeoutMs);
      return out;
    },
  };
}
