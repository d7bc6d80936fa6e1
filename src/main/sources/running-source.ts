import type { SourceFileRuntime } from '../../shared/api/sources';
import type { SourceReport } from './source-report';

/** A source the SourceManager started: a receiver, a file tail or a sample generator. */
export interface RunningSource {
  readonly report: SourceReport;
  /** Resolves once it works (listening, first scan done) or has reported why not. */
  start(): Promise<void>;
  /** Resolves once nothing more will be stored; never flushes half-read input. */
  stop(): Promise<void>;
  /** Streams started or stopped reading the source. */
  readersChanged(): void;
  /** File sources: the files followed. */
  files?(): SourceFileRuntime[];
}

/** What a source says when storing failed for a reason other than a full buffer. */
export function storageProblem(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_FULL')
    return 'The disk holding the buffer is full: records cannot be stored. Free some space.';
  return `Records could not be stored: ${(err as Error).message ?? String(err)}`;
}
