import type { LoadResult } from '../procs/loadgen';
import { dynatraceStream } from '../lib/engine-process';
import { startEngine, startLoadgen, unusedToken } from '../lib/setup';
import type { Scenario } from './types';

/**
 * ingest_records_per_s (synchronous=NORMAL, as the app runs): pre-encoded OTLP/HTTP protobuf requests of 512
 * records, sent by the load generator (its own process) over loopback with
 * 4 in flight, counted once the receiver answers 200, which it does after the
 * commit. A paused stream reads the receiver, so records are stored (records
 * nobody reads are not) and nothing is sent.
 */
export const ingestScenario: Scenario = {
  name: 'ingest',
  keys: ['ingest_records_per_s'],
  async run(ctx) {
    const engine = await startEngine(ctx, 'ingest');
    const { source, url } = await engine.createReceiver();
    await engine.createStream(
      dynatraceStream('Bench (paused)', 'http://127.0.0.1:9/api/v2/otlp/v1/logs', [source.id]),
      { token: unusedToken },
      false,
    );
    const loadgen = await startLoadgen(ctx, url);
    const load = (durationMs: number) =>
      loadgen.call<LoadResult>('run', { mode: 'max', concurrency: 4, durationMs });

    await load(ctx.quick ? 500 : 2_000); // warm-up: JIT, SQLite pages, connections
    const before = await engine.usage();
    const r = await load(ctx.quick ? 1_500 : 10_000);
    const after = await engine.usage();
    const stored = (await engine.sourceRuntime(source.id))?.totals.records ?? 0;
    if (r.errors > 0 || r.refused > 0)
      throw new Error(`${r.refused} requests refused, ${r.errors} failed: ${r.lastError ?? ''}`);

    // What durability at every commit would cost (docs/buffer.md): the same
    // load with synchronous=FULL, which fsyncs the WAL at each commit.
    await engine.setSynchronous('FULL');
    const full = await load(ctx.quick ? 1_000 : 10_000);
    await engine.setSynchronous('NORMAL');

    const cpuUs = after.cpuUs - before.cpuUs;
    return {
      values: { ingest_records_per_s: r.acked / (r.ms / 1000) },
      details: {
        records: r.acked,
        requests: r.requests,
        seconds: r.ms / 1000,
        stored_since_start: stored,
        engine_cpu_cores: cpuUs / 1000 / r.ms,
        engine_cpu_us_per_record: cpuUs / r.acked,
        engine_rss_mb: after.rssMb,
        synchronous_full_records_per_s: full.acked / (full.ms / 1000),
      },
    };
  },
};
