import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What a command may touch of the outside world, so tests can run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `-` as a file argument). */
  readStdin: () => Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<string>;
  /**
   * Calls `listener` each time the process is asked to re-read its
   * configuration (SIGHUP); returns the function that stops listening.
   * While someone listens, SIGHUP no longer ends the process.
   */
  onReload?(listener: () => void): () => void;
}

export interface Command {
  name: string;
  /** One line for `sluice --help`. */
  summary: string;
  /** The whole `sluice <name> --help` text. */
  help: string;
  /** Returns the exit code: 0 ok, 1 failed, 2 bad usage or bad input. */
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * Bad usage or bad input: printed as one line (no stack trace) and exit 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The bytes of a file named on the command line (relative to the working
 * folder), or `-` for standard input. A file that cannot be read is a
 * UsageError that says why in words.
 */
export async function readInputFile(file: string, io: CliIo): Promise<Buffer> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}.`);
  }
}

/**
 * Bad input that is not a usage mistake (a configuration file that is
 * refused): printed as is, exit 2, without the usage hint.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** node:util parseArgs, with its errors turned into UsageErrors. */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify.*$/s, '.'));
  }
}

export function parsePort(value: string | undefined, fallback: number, flag = '--port'): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError(
      `${flag} must be a port number from 0 to 65535 (0 picks a free one); got "${value}".`,
    );
  }
  return n;
}
