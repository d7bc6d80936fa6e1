import type { LoadResult } from '../procs/loadgen';
import { sleep } from '../lib/clock';
import { threadCores, type EngineProcess } from '../lib/engine-process';
import { startLoadgen, startReceiverStream } from '../lib/setup';
import type { ProcessUsage } from '../lib/usage';
import type { Scenario } from './types';

const rate = 10_000;

/**
 * cpu_us_per_record_at_10k and rss_mb_steady: 10,000 records/s (the rate of
 * the OpenTelemetry Collector's own load test) through the receiver, the
 * buffer and a stream to the local Dynatrace endpoint. The engine process's
 * CPU time (both threads) over the measured window, per record; its resident
 * memory sampled every 500 ms, the highest sample.
 */
export const steadyScenario: Scenario = {
  name: 'steady',
  keys: ['cpu_us_per_record_at_10k', 'rss_mb_steady'],
  async run(ctx) {
    const { engine, endpoint, url } = await startReceiverStream(ctx, 'steady');
    const loadgen = await startLoadgen(ctx, url);
    const send = (durationMs: number) =>
      loadgen.call<LoadResult>('run', { mode: 'rate', rate, concurrency: 64, durationMs });

    await send(ctx.quick ? 1_000 : 5_000); // warm-up
    const before = await engine.usage();
    const endpointBefore = await endpoint.child.call<ProcessUsage>('stats');
    const sampling = sampleRss(engine);
    const load = await send(ctx.quick ? 3_000 : 20_000);
    const rss = await sampling.stop();
    const after = await engine.usage();
    const heap = await engine.workerMemory();
    const endpointAfter = await endpoint.child.call<ProcessUsage>('stats');
    if (load.refused > 0 || load.errors > 0)
      throw new Error(`${load.refused} refused, ${load.errors} failed: ${load.lastError ?? ''}`);

    const cpuUs = after.cpuUs - before.cpuUs;
    return {
      values: {
        cpu_us_per_record_at_10k: cpuUs / load.acked,
        rss_mb_steady: Math.max(...rss),
      },
      details: {
        records: load.acked,
        achieved_per_s: load.acked / (load.ms / 1000),
        behind_schedule: load.behind,
        engine_cpu_cores: cpuUs / 1000 / load.ms,
        engine_threads_cores: threadCores(before, after, load.ms),
        endpoint_cpu_us_per_record: (endpointAfter.cpuUs - endpointBefore.cpuUs) / load.acked,
        rss_mb_min: Math.min(...rss),
        worker_heap: heap,
      },
    };
  },
};

/** Samples the engine's resident memory every 500 ms until stopped. */
export function sampleRss(engine: EngineProcess): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push((await engine.usage()).rssMb);
      await sleep(500);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}
