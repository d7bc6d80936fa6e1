import { wallMs, waitUntil } from '../lib/clock';
import { dynatraceStream, threadCores } from '../lib/engine-process';
import { quietSource, startEndpoint, startEngine } from '../lib/setup';
import type { ProcessUsage } from '../lib/usage';
import type { Scenario } from './types';

/**
 * export_records_per_s: a backlog of 1,000,000 realistic records (buffered
 * with direct appends while the stream is paused), drained by resuming the
 * stream, to the local Dynatrace-compatible endpoint in its own process. The
 * time runs from "resume" to the endpoint having accepted the last record.
 * export_plain_records_per_s: the same backlog drained by a second stream to
 * a plain endpoint that only counts: Sluice's own pace.
 */
export const exportScenario: Scenario = {
  name: 'export',
  keys: ['export_records_per_s', 'export_plain_records_per_s'],
  async run(ctx) {
    const records = ctx.quick ? 20_000 : 1_000_000;
    const engine = await startEngine(ctx, 'export');
    const endpoint = await startEndpoint(ctx);
    const source = await quietSource(ctx, engine);
    const stream = await engine.createStream(
      dynatraceStream('Bench export', endpoint.url, [source.id]),
      { token: endpoint.token },
      false,
    );
    // The same stream settings to a plain endpoint that only counts: how fast
    // Sluice itself exports when the destination costs next to nothing.
    const sink = await ctx.startChild('sink');
    const { url: sinkUrl } = await sink.call<{ url: string }>('start');
    const plain = await engine.createStream(
      dynatraceStream('Bench export (plain endpoint)', `${sinkUrl}/api/v2/otlp/v1/logs`, [
        source.id,
      ]),
      { token: endpoint.token },
      false,
    );
    const fill = await engine.fill(source.id, records);
    ctx.log(`  export: ${records} records buffered in ${(fill.ms / 1000).toFixed(1)} s`);

    const before = await engine.usage();
    const endpointBefore = await endpoint.child.call<ProcessUsage>('stats');
    const started = wallMs();
    await engine.setActive(stream.id, true);
    const finished = await endpoint.child.call<number>('waitFor', { records });
    const after = await engine.usage();
    const endpointAfter = await endpoint.child.call<ProcessUsage & { requests: number }>('stats');
    const runtime = await waitUntil(
      'the backlog to be empty',
      async () => {
        const r = await engine.streamRuntime(stream.id);
        return r.backlogRecords === 0 ? r : undefined;
      },
      10_000,
    );

    const ms = finished - started;
    // Then the second stream drains the same records to the plain endpoint.
    const plainBefore = await engine.usage();
    const plainStarted = wallMs();
    await engine.setActive(plain.id, true);
    const plainFinished = await sink.call<number>('waitFor', { units: records });
    const plainAfter = await engine.usage();
    const plainMs = plainFinished - plainStarted;
    return {
      values: {
        export_records_per_s: records / (ms / 1000),
        export_plain_records_per_s: records / (plainMs / 1000),
      },
      details: {
        records,
        seconds: ms / 1000,
        fill_records_per_s: records / (fill.ms / 1000),
        requests: endpointAfter.requests,
        engine_cpu_cores: (after.cpuUs - before.cpuUs) / 1000 / ms,
        engine_cpu_us_per_record: (after.cpuUs - before.cpuUs) / records,
        engine_threads_cores: threadCores(before, after, ms),
        endpoint_cpu_cores: (endpointAfter.cpuUs - endpointBefore.cpuUs) / 1000 / ms,
        endpoint_cpu_us_per_record: (endpointAfter.cpuUs - endpointBefore.cpuUs) / records,
        bytes_out: runtime.totals.bytesOut,
        engine_rss_mb: after.rssMb,
        plain_endpoint_engine_cpu_us_per_record: (plainAfter.cpuUs - plainBefore.cpuUs) / records,
        plain_endpoint_engine_threads_cores: threadCores(plainBefore, plainAfter, plainMs),
      },
    };
  },
};
