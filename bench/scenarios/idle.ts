import { sleep } from '../lib/clock';
import { threadCores } from '../lib/engine-process';
import { startLoadgen, startReceiverStream } from '../lib/setup';
import type { LoadResult } from '../procs/loadgen';
import type { Scenario } from './types';

/**
 * idle_cpu_percent: what the engine costs while nothing flows. One receiver
 * and one stream to the local Dynatrace endpoint, a few seconds of traffic
 * (so every path has run once), then a quiet window: the engine process's
 * CPU (both threads and V8's helpers) as a percentage of one core. A desktop
 * app that sits in the tray all day spends this all day; it is also the
 * fixed part of cpu_us_per_record_at_10k (docs/benchmarks.md).
 */
export const idleScenario: Scenario = {
  name: 'idle',
  keys: ['idle_cpu_percent'],
  async run(ctx) {
    const { engine, url } = await startReceiverStream(ctx, 'idle');
    const loadgen = await startLoadgen(ctx, url);
    await loadgen.call<LoadResult>('run', {
      mode: 'rate',
      rate: 10_000,
      concurrency: 8,
      durationMs: ctx.quick ? 500 : 2_000,
    });
    await sleep(ctx.quick ? 1_500 : 3_000); // the stream drains; timers settle
    const windowMs = ctx.quick ? 3_000 : 20_000;
    const before = await engine.usage();
    await sleep(windowMs);
    const after = await engine.usage();
    const cores = (after.cpuUs - before.cpuUs) / 1000 / windowMs;
    return {
      values: { idle_cpu_percent: cores * 100 },
      details: { window_ms: windowMs, threads_cores: threadCores(before, after, windowMs) },
    };
  },
};
