import type { ChildName } from '../lib/build';
import type { Child, StartChildOptions } from '../lib/rpc';

export type Figure = number | null;

export interface ScenarioContext {
  /** --quick: every scenario at a small scale (CI keeps them from rotting). */
  quick: boolean;
  /** A fresh folder, removed when the run ends. */
  tempDir(prefix: string): string;
  /** A child process (bench/procs/<name>.ts), stopped when the run ends. */
  startChild(name: ChildName, o?: StartChildOptions): Promise<Child>;
  /** Flags for the engine and endpoint processes (--cpu-prof when profiling). */
  profiledNodeArgs: string[];
  /** Echo child processes' stderr. */
  verbose: boolean;
  /** Runs when the run ends, success or not (last registered first). */
  defer(fn: () => Promise<unknown> | unknown): void;
  /** A progress line on stderr. */
  log(line: string): void;
}

export interface ScenarioResult {
  values: Record<string, Figure>;
  /** Why a figure is null. */
  reasons?: Record<string, string>;
  /** Supporting figures (who used the CPU, request counts, scale): kept in the JSON. */
  details?: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  /** The keys of the issue this scenario reports. */
  keys: readonly string[];
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
