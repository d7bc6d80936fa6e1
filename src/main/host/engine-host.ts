import type { EventMessage } from '../../shared/api/contract';
import type { Reply } from '../../shared/api/envelope';

/**
 * A running engine as the front doors see it: send a request, receive events.
 * Two implementations: in-process (tests, CLI commands) and in a worker
 * thread (the desktop app and `sluice serve`, so their main thread stays free).
 */
export interface EngineHost {
  invoke(name: unknown, input: unknown): Promise<Reply<unknown>>;
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** `drainMs`: let requests in flight finish first (Engine.close). */
  close(options?: { drainMs?: number }): Promise<void>;
}

export interface EngineHostOptions {
  dataDir: string;
  /** Print log lines to stderr as well as the log file. */
  consoleLog?: boolean;
  /** Snapshot period; 1 s unless a test wants it faster. */
  snapshotIntervalMs?: number;
  /** Configuration only, nothing runs or is sent (commands on a folder no instance uses). */
  passive?: boolean;
  /** Where {"env": ...} credentials are read; this process's environment by default. */
  env?: Record<string, string | undefined>;
}
