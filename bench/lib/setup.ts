import { join } from 'node:path';
import type { Source } from '../../src/shared/api/sources';
import type { ScenarioContext } from '../scenarios/types';
import { EngineProcess, dynatraceStream } from './engine-process';
import type { Child } from './rpc';

/** Far above any backlog a scenario builds: the cap is not what these measure. */
const benchCapBytes = 1024 ** 4;

/** The engine in its own process on a fresh data folder, stopped when the run ends. */
export async function startEngine(ctx: ScenarioContext, name: string): Promise<EngineProcess> {
  return startEngineOn(ctx, ctx.tempDir(name));
}

export async function startEngineOn(ctx: ScenarioContext, dataDir: string): Promise<EngineProcess> {
  const child = await ctx.startChild('engine', { args: [dataDir], nodeArgs: ctx.profiledNodeArgs });
  const engine = new EngineProcess(child);
  await engine.setCapBytes(benchCapBytes);
  return engine;
}

export interface Endpoint {
  child: Child;
  url: string;
  token: string;
}

/** The local Dynatrace-compatible endpoint in its own process. */
export async function startEndpoint(ctx: ScenarioContext, marks = false): Promise<Endpoint> {
  // Profiled with the engine (--profile): it is where the end-to-end time goes.
  const child = await ctx.startChild('endpoint', { nodeArgs: ctx.profiledNodeArgs });
  const { url, token } = await child.call<{ url: string; token: string }>('start', { marks });
  return { child, url, token };
}

/**
 * The engine, an OTLP/HTTP receiver and one stream from it to the local
 * Dynatrace endpoint (stream "Bench <name>"): where the scenarios that load
 * the receiver start.
 */
export async function startReceiverStream(
  ctx: ScenarioContext,
  name: string,
): Promise<{ engine: EngineProcess; endpoint: Endpoint; url: string }> {
  const engine = await startEngine(ctx, name);
  const endpoint = await startEndpoint(ctx);
  const { source, url } = await engine.createReceiver();
  await engine.createStream(
    dynatraceStream(`Bench ${name}`, endpoint.url, [source.id]),
    { token: endpoint.token },
    true,
  );
  return { engine, endpoint, url };
}

/** The load generator, with its requests encoded before anything is measured. */
export async function startLoadgen(
  ctx: ScenarioContext,
  url: string,
  o: { mark?: boolean; recordsPerRequest?: number } = {},
): Promise<Child> {
  const child = await ctx.startChild('loadgen');
  await child.call('prepare', {
    url,
    // 512: the OpenTelemetry SDKs' default batch (maxExportBatchSize).
    recordsPerRequest: o.recordsPerRequest ?? 512,
    templates: ctx.quick ? 4 : 16,
    mark: o.mark ?? false,
  });
  return child;
}

/**
 * A source that produces nothing by itself (a file source over an empty
 * folder): the benchmark fills the buffer for it directly.
 */
export function quietSource(ctx: ScenarioContext, engine: EngineProcess): Promise<Source> {
  return engine.createSource({
    name: 'Bench backlog',
    settings: { kind: 'file', paths: [join(ctx.tempDir('quiet'), '*.log')] },
  });
}

/** A Dynatrace-shaped token for streams whose destination is never reached. */
export const unusedToken = `dt0c01.${'A'.repeat(24)}.${'B'.repeat(64)}`;
