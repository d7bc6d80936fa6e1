import type { LoadResult } from '../procs/loadgen';
import { sleep } from './clock';
import type { EngineProcess } from './engine-process';
import type { Child } from './rpc';

export interface Trial {
  rate: number;
  achieved: number;
  /** Records waiting for the stream, sampled every 500 ms during the trial. */
  backlog: number[];
  growth: number;
  sustained: boolean;
  load: LoadResult;
}

/** Waits until the stream has (almost) nothing buffered, so a trial starts clean. */
export async function drain(engine: EngineProcess, streamId: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if ((await engine.streamRuntime(streamId)).backlogRecords < 1_000) return true;
    await sleep(250);
  }
  return false;
}

/**
 * Sends at `rate` records/s for `durationMs` and watches the stream's backlog.
 * Sustained: the load generator kept to the schedule (97%), nothing was
 * refused, and the backlog (the mean of the last third of the samples
 * against the first third) grew by less than a quarter of a second's worth
 * of records, or 5,000: it rises and falls by a batch as the exporter works,
 * while an exporter that cannot keep up makes it climb steadily.
 */
export async function runTrial(
  engine: EngineProcess,
  loadgen: Child,
  streamId: string,
  rate: number,
  durationMs: number,
): Promise<Trial> {
  const backlog: number[] = [];
  let running = true;
  const sampling = (async () => {
    while (running) {
      backlog.push((await engine.streamRuntime(streamId)).backlogRecords);
      await sleep(500);
    }
  })();
  const load = await loadgen.call<LoadResult>('run', {
    mode: 'rate',
    rate,
    concurrency: 64,
    durationMs,
  });
  running = false;
  await sampling;
  const achieved = load.acked / (load.ms / 1000);
  const third = Math.max(1, Math.floor(backlog.length / 3));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const growth = mean(backlog.slice(-third)) - mean(backlog.slice(0, third));
  const sustained =
    achieved >= rate * 0.97 &&
    load.refused === 0 &&
    load.errors === 0 &&
    growth < Math.max(rate * 0.25, 5_000);
  return { rate, achieved, backlog, growth, sustained, load };
}
