import { createWriteStream, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir, privateFileMode } from './private-files';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** JSON lines appended here (the data folder's logs/sluice.log). */
  file?: string;
  /** Also print human-readable lines to stderr. */
  console?: boolean;
  level?: LogLevel;
}

/** A small structured logger: one JSON object per line in the log file. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = order[options.level ?? 'info'];
  let stream: WriteStream | null = null;
  if (options.file) {
    makePrivateDir(dirname(options.file));
    // Logs name streams, sources and errors with response bodies: the owner's only.
    stream = createWriteStream(options.file, { flags: 'a', mode: privateFileMode });
  }
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (order[level] < min) return;
    const line = { time: new Date().toISOString(), level, message, ...fields };
    stream?.write(`${JSON.stringify(line)}\n`);
    if (options.console) {
      const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
      process.stderr.write(`[${level}] ${message}${extra}\n`);
    }
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    close: () =>
      new Promise<void>((resolve) => {
        if (!stream) return resolve();
        stream.end(() => resolve());
      }),
  };
}

/** For tests and tools that do not want log output. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  close: async () => {},
};
