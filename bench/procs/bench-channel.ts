/** The benchmark's own requests to the engine worker (beside the contract). */
export const benchChannelName = 'sluice-bench';

export interface FillRequest {
  id: number;
  op: 'fill';
  sourceId: string;
  records: number;
}
export type BenchRequest = FillRequest;

export interface FillResult {
  records: number;
  ms: number;
}

export type BenchReply =
  { id: number; ok: true; value: FillResult } | { id: number; ok: false; error: string };

/** The worker says which thread it is, so its CPU time can be told apart. */
export interface WorkerHello {
  hello: true;
  tid: number | null;
}
