import type { LoadResult } from '../procs/loadgen';
import { sleep, wallMs } from '../lib/clock';
import { dynatraceStream } from '../lib/engine-process';
import { startEndpoint, startEngine, startLoadgen } from '../lib/setup';
import { percentile } from '../lib/stats';
import { drain, runTrial, type Trial } from '../lib/trial';
import type { Scenario } from './types';

/**
 * e2e_records_per_s and e2e_p99_latency_ms: receiver -> buffer -> exporter
 * -> the local Dynatrace endpoint, each in its own process with the load
 * generator. A short flat-out probe gives an upper bound and the exporter's
 * pace; trials at fixed rates start a little above that pace, step down
 * (x0.8) and bisect for the highest rate that is sustained (lib/trial.ts).
 * Latency: for one marked record per request, from
 * the receiver's 200 (after the commit) to the endpoint's acceptance, at the
 * highest sustained rate.
 */
export const e2eScenario: Scenario = {
  name: 'e2e',
  keys: ['e2e_records_per_s', 'e2e_p99_latency_ms'],
  async run(ctx) {
    const trialMs = ctx.quick ? 1_500 : 10_000;
    const engine = await startEngine(ctx, 'e2e');
    const endpoint = await startEndpoint(ctx, true);
    const { source, url } = await engine.createReceiver();
    const stream = await engine.createStream(
      dynatraceStream('Bench e2e', endpoint.url, [source.id]),
      { token: endpoint.token },
      true,
    );
    const loadgen = await startLoadgen(ctx, url, { mark: true });

    // The probe: flat out for a few seconds. What the receiver took bounds the
    // rate from above; what reached the endpoint in the second half of it
    // estimates the exporter's pace, where the search starts.
    const probeMs = ctx.quick ? 900 : 4_500;
    const probing = loadgen.call<LoadResult>('run', {
      mode: 'max',
      concurrency: 4,
      durationMs: probeMs,
    });
    await sleep(probeMs / 2);
    const half = await endpoint.child.call<{ arrived: number }>('stats');
    const halfAt = wallMs();
    const probe = await probing;
    const end = await endpoint.child.call<{ arrived: number }>('stats');
    const upper = probe.acked / (probe.ms / 1000);
    const exportPace = (end.arrived - half.arrived) / ((wallMs() - halfAt) / 1000);
    await drain(engine, stream.id, 120_000);
    await endpoint.child.call('takeArrivals');

    type Measured = Trial & { latencies: number[] };
    const trials: Measured[] = [];
    const attempt = async (rate: number): Promise<Measured> => {
      if (!(await drain(engine, stream.id, 120_000)))
        throw new Error('the backlog did not drain within 2 minutes between trials');
      await endpoint.child.call('takeArrivals');
      const trial = await runTrial(engine, loadgen, stream.id, Math.round(rate), trialMs);
      // Everything acknowledged has arrived once the backlog is empty again.
      await drain(engine, stream.id, 120_000);
      const arrivals = new Map(await endpoint.child.call<[number, number][]>('takeArrivals'));
      const latencies = trial.load.acks
        .map(([mark, ackAt]) => (arrivals.has(mark) ? arrivals.get(mark)! - ackAt : null))
        .filter((v): v is number => v !== null);
      const t = { ...trial, latencies };
      ctx.log(
        `  e2e: ${t.rate} records/s ${t.sustained ? 'sustained' : 'not sustained'} (achieved ${Math.round(t.achieved)}, backlog growth ${Math.round(t.growth)})`,
      );
      trials.push(t);
      return t;
    };

    let best: Measured | null = null;
    let failedAt = upper;
    let rate = Math.min(upper * 0.9, exportPace > 0 ? exportPace * 1.2 : upper * 0.5);
    for (let i = 0; i < (ctx.quick ? 2 : 6) && !best; i++) {
      const t = await attempt(rate);
      if (t.sustained) best = t;
      else {
        failedAt = rate;
        rate *= 0.8;
      }
    }
    // Bisect between the best sustained rate and the lowest failed one, on a
    // log scale (the probe's upper bound can be ten times the answer), until
    // they are within 10% of each other.
    for (let i = 0; i < (ctx.quick ? 0 : 5) && best && failedAt / best.rate > 1.1; i++) {
      const t = await attempt(Math.sqrt(best.rate * failedAt));
      if (t.sustained) best = t;
      else failedAt = t.rate;
    }
    if (!best) {
      return {
        values: { e2e_records_per_s: null, e2e_p99_latency_ms: null },
        reasons: {
          e2e_records_per_s: `no rate down to ${Math.round(rate / 0.8)} records/s was sustained`,
          e2e_p99_latency_ms: 'no sustained rate',
        },
        details: { upper_bound: upper, export_pace: exportPace, trials: trials.map(summary) },
      };
    }
    const latencies = best.latencies;
    const reasons: Record<string, string> = {};
    if (latencies.length === 0) reasons.e2e_p99_latency_ms = 'no marked record arrived';
    return {
      values: {
        e2e_records_per_s: best.achieved,
        e2e_p99_latency_ms: latencies.length ? percentile(latencies, 99) : null,
      },
      reasons,
      details: {
        upper_bound: upper,
        export_pace: exportPace,
        latency_samples: latencies.length,
        latency_p50_ms: percentile(latencies, 50),
        trials: trials.map(summary),
      },
    };
  },
};

function summary(t: Trial & { latencies: number[] }) {
  return {
    rate: t.rate,
    achieved: Math.round(t.achieved),
    sustained: t.sustained,
    backlog_growth: Math.round(t.growth),
    refused: t.load.refused,
    latency_p99_ms: t.latencies.length ? percentile(t.latencies, 99) : null,
  };
}
