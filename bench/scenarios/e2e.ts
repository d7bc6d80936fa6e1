import type { LoadResult } from '../procs/loadgen';
import { sleep, wallMs } from '../lib/clock';
import { dynatraceStream } from '../lib/engine-process';
import type { Child } from '../lib/rpc';
import { startEndpoint, startEngine, startLoadgen } from '../lib/setup';
import { percentile } from '../lib/stats';
import { drain, runTrial, type Trial } from '../lib/trial';
import type { ProcessUsage } from '../lib/usage';
import type { Scenario, ScenarioContext } from './types';

/** Where the records go: its child process, the stream's URL and token. */
interface Destination {
  child: Child;
  url: string;
  token: string;
}

/** The local Dynatrace-compatible endpoint: it maps every record as Dynatrace would, which costs. */
async function dynatraceDestination(ctx: ScenarioContext): Promise<Destination> {
  return startEndpoint(ctx, true);
}

/** A plain endpoint that only counts (and finds the marks): the pace is Sluice's own. */
async function plainDestination(ctx: ScenarioContext): Promise<Destination> {
  const child = await ctx.startChild('sink');
  const { url } = await child.call<{ url: string }>('start', { marks: true });
  return { child, url: `${url}/api/v2/otlp/v1/logs`, token: 'dt0c01.BENCH.PLAIN' };
}

/**
 * Receiver -> buffer -> exporter -> a destination, each in its own process
 * with the load generator:
 * - `e2e_records_per_s`, `e2e_p99_latency_ms`: to the local Dynatrace
 *   endpoint, whose share of the machine the details give
 *   (`endpoint_cpu_cores` at the best rate);
 * - `e2e_plain_records_per_s`, `e2e_plain_p99_latency_ms`: to a plain sink
 *   that only counts, so the figure is Sluice's, not its test endpoint's.
 * A short flat-out probe gives an upper bound and the exporter's pace; trials
 * at fixed rates start a little above that pace, step down (x0.8) and bisect
 * for the highest rate that is sustained (lib/trial.ts). Latency: for one
 * marked record per request, from the receiver's 200 (after the commit) to
 * the destination's acceptance, at the highest sustained rate.
 */
function e2eScenarioTo(o: {
  name: string;
  rateKey: string;
  latencyKey: string;
  destination: (ctx: ScenarioContext) => Promise<Destination>;
}): Scenario {
  return {
    name: o.name,
    keys: [o.rateKey, o.latencyKey],
    run: (ctx) => runE2e(ctx, o),
  };
}

async function runE2e(
  ctx: ScenarioContext,
  o: Parameters<typeof e2eScenarioTo>[0],
): ReturnType<Scenario['run']> {
  {
    const trialMs = ctx.quick ? 1_500 : 10_000;
    const engine = await startEngine(ctx, o.name);
    const endpoint = await o.destination(ctx);
    const { source, url } = await engine.createReceiver();
    const stream = await engine.createStream(
      dynatraceStream(`Bench ${o.name}`, endpoint.url, [source.id]),
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

    type Measured = Trial & { latencies: number[]; endpointCores: number };
    const trials: Measured[] = [];
    const attempt = async (rate: number): Promise<Measured> => {
      if (!(await drain(engine, stream.id, 120_000)))
        throw new Error('the backlog did not drain within 2 minutes between trials');
      await endpoint.child.call('takeArrivals');
      const before = await endpoint.child.call<ProcessUsage>('stats');
      const startedAt = wallMs();
      const trial = await runTrial(engine, loadgen, stream.id, Math.round(rate), trialMs);
      const after = await endpoint.child.call<ProcessUsage>('stats');
      const endpointCores = (after.cpuUs - before.cpuUs) / 1000 / (wallMs() - startedAt);
      // Everything acknowledged has arrived once the backlog is empty again.
      await drain(engine, stream.id, 120_000);
      const arrivals = new Map(await endpoint.child.call<[number, number][]>('takeArrivals'));
      const latencies = trial.load.acks
        .map(([mark, ackAt]) => (arrivals.has(mark) ? arrivals.get(mark)! - ackAt : null))
        .filter((v): v is number => v !== null);
      const t = { ...trial, latencies, endpointCores };
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
        values: { [o.rateKey]: null, [o.latencyKey]: null },
        reasons: {
          [o.rateKey]: `no rate down to ${Math.round(rate / 0.8)} records/s was sustained`,
          [o.latencyKey]: 'no sustained rate',
        },
        details: { upper_bound: upper, export_pace: exportPace, trials: trials.map(summary) },
      };
    }
    const latencies = best.latencies;
    const reasons: Record<string, string> = {};
    if (latencies.length === 0) reasons[o.latencyKey] = 'no marked record arrived';
    return {
      values: {
        [o.rateKey]: best.achieved,
        [o.latencyKey]: latencies.length ? percentile(latencies, 99) : null,
      },
      reasons,
      details: {
        upper_bound: upper,
        export_pace: exportPace,
        latency_samples: latencies.length,
        latency_p50_ms: percentile(latencies, 50),
        // The destination's share of the machine at the best rate: on two
        // cores, a destination that takes one bounds what Sluice can show.
        endpoint_cpu_cores: best.endpointCores,
        trials: trials.map(summary),
      },
    };
  }
}

export const e2eScenario = e2eScenarioTo({
  name: 'e2e',
  rateKey: 'e2e_records_per_s',
  latencyKey: 'e2e_p99_latency_ms',
  destination: dynatraceDestination,
});

export const e2ePlainScenario = e2eScenarioTo({
  name: 'e2e-plain',
  rateKey: 'e2e_plain_records_per_s',
  latencyKey: 'e2e_plain_p99_latency_ms',
  destination: plainDestination,
});

function summary(t: Trial & { latencies: number[]; endpointCores: number }) {
  return {
    rate: t.rate,
    achieved: Math.round(t.achieved),
    sustained: t.sustained,
    backlog_growth: Math.round(t.growth),
    refused: t.load.refused,
    latency_p99_ms: t.latencies.length ? percentile(t.latencies, 99) : null,
    endpoint_cpu_cores: Number(t.endpointCores.toFixed(2)),
  };
}
