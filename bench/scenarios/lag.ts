import type { LoadResult } from '../procs/loadgen';
import { threadCores } from '../lib/engine-process';
import { startLoadgen, startReceiverStream } from '../lib/setup';
import type { Scenario } from './types';

/**
 * event_loop_lag_p99_ms: the engine process's main thread (the one that
 * would serve the window; the engine runs in its worker thread, as in the
 * app) under full load: the load generator flat out into the receiver while
 * the stream exports to the local Dynatrace endpoint. monitorEventLoopDelay,
 * 10 ms resolution, the 99th percentile of the delay beyond it.
 */
export const lagScenario: Scenario = {
  name: 'lag',
  keys: ['event_loop_lag_p99_ms'],
  async run(ctx) {
    const { engine, url } = await startReceiverStream(ctx, 'lag');
    const loadgen = await startLoadgen(ctx, url);
    const send = (durationMs: number) =>
      loadgen.call<LoadResult>('run', { mode: 'max', concurrency: 4, durationMs });

    await send(ctx.quick ? 500 : 2_000); // warm-up
    await engine.resetLag();
    const before = await engine.usage();
    const load = await send(ctx.quick ? 2_000 : 15_000);
    const usage = await engine.usage();
    return {
      values: { event_loop_lag_p99_ms: usage.lagMs.p99 },
      details: {
        ingest_records_per_s: load.acked / (load.ms / 1000),
        lag_p50_ms: usage.lagMs.p50,
        lag_max_ms: usage.lagMs.max,
        lag_mean_ms: usage.lagMs.mean,
        engine_threads_cores: threadCores(before, usage, load.ms),
      },
    };
  },
};
