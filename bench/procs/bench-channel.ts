/** The benchmark's own requests to the engine worker (beside the contract). */
export const benchChannelName = 'sluice-bench';

export type BenchRequest =
  | { id: number; op: 'fill'; sourceId: string; records: number }
  /** The worker isolate's heap figures (process.memoryUsage() in the worker). */
  | { id: number; op: 'memory' }
  /** synchronous=FULL or NORMAL on the engine's connection (docs/buffer.md promises the cost of FULL). */
  | { id: number; op: 'synchronous'; mode: 'FULL' | 'NORMAL' };

export interface FillResult {
  records: number;
  ms: number;
}

export interface WorkerMemory {
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export type BenchReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** The worker says which thread it is, so its CPU time can be told apart. */
export interface WorkerHello {
  hello: true;
  tid: number | null;
}
