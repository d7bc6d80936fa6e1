import type { EngineSnapshot, StreamRuntime } from '../../src/shared/api/engine';
import type { AppSettings } from '../../src/shared/api/settings';
import type { Source, SourceInput, SourceRuntime } from '../../src/shared/api/sources';
import type { Stream, StreamSettingsInput } from '../../src/shared/api/streams';
import { waitUntil } from './clock';
import type { WorkerMemory } from '../procs/bench-channel';
import type { Child } from './rpc';
import type { ProcessUsage } from './usage';

export interface EngineUsage extends ProcessUsage {
  /** The main thread's event-loop delay since the last resetLag, ms. */
  lagMs: { p50: number; p99: number; max: number; mean: number };
  /** CPU time by thread name (Linux): main thread, engine worker, libuv pool, V8 helpers. */
  threadsCpuUs: Record<string, number>;
}

/** CPU cores used per thread name between two usage readings. */
export function threadCores(before: EngineUsage, after: EngineUsage, ms: number) {
  const out: Record<string, number> = {};
  for (const [name, us] of Object.entries(after.threadsCpuUs))
    out[name] = Math.round(((us - (before.threadsCpuUs[name] ?? 0)) / 1000 / ms) * 1000) / 1000;
  return out;
}

/** The engine in its own process (bench/procs/engine.ts), driven through the contract. */
export class EngineProcess {
  constructor(readonly child: Child) {}

  get pid(): number {
    return this.child.pid;
  }

  invoke<T>(name: string, input: unknown = undefined): Promise<T> {
    return this.child.call<T>('invoke', { name, input });
  }

  /** Room for a large backlog: the default cap (1 GiB) would push back. */
  async setCapBytes(capBytes: number): Promise<void> {
    const settings = await this.invoke<AppSettings>('settings.get');
    await this.invoke('settings.update', { ...settings, buffer: { capBytes } });
  }

  async createSource(source: SourceInput): Promise<Source> {
    return this.invoke<Source>('sources.create', { source, credentials: {} });
  }

  /** An OTLP/HTTP receiver on a free port; resolves with its URL once it listens. */
  async createReceiver(): Promise<{ source: Source; url: string }> {
    const source = await this.createSource({
      name: 'Bench receiver',
      settings: { kind: 'otlp-receiver', host: '127.0.0.1', port: 0 },
    });
    const url = await waitUntil(
      'the receiver to listen',
      async () => (await this.sourceRuntime(source.id))?.endpoint ?? undefined,
      15_000,
      50,
    );
    return { source, url };
  }

  async createStream(
    settings: StreamSettingsInput,
    credentials: Record<string, string>,
    active: boolean,
  ): Promise<Stream> {
    return this.invoke<Stream>('streams.create', { settings, credentials, active });
  }

  /** Sets a stream's credentials again (they live in the engine process's memory). */
  async updateCredentials(id: string, credentials: Record<string, string>): Promise<Stream> {
    const stream = await this.invoke<Stream>('streams.get', { id });
    const { name, destination, sourceIds, stage, filter, delivery } = stream;
    return this.invoke<Stream>('streams.update', {
      id,
      settings: { name, destination, sourceIds, stage, filter, delivery },
      credentials,
    });
  }

  setActive(id: string, active: boolean): Promise<Stream> {
    return this.invoke<Stream>('streams.setActive', { id, active });
  }

  snapshot(): Promise<EngineSnapshot> {
    return this.invoke<EngineSnapshot>('engine.snapshot');
  }

  async streamRuntime(id: string): Promise<StreamRuntime> {
    const s = (await this.snapshot()).streams.find((r) => r.id === id);
    if (!s) throw new Error(`stream ${id} is not running`);
    return s;
  }

  async sourceRuntime(id: string): Promise<SourceRuntime | undefined> {
    return (await this.snapshot()).sources.find((r) => r.id === id);
  }

  usage(): Promise<EngineUsage> {
    return this.child.call<EngineUsage>('usage');
  }

  resetLag(): Promise<void> {
    return this.child.call('resetLag');
  }

  /** The worker isolate's heap (what of the resident memory is the engine's JavaScript). */
  workerMemory(): Promise<WorkerMemory> {
    return this.child.call('workerMemory');
  }

  /** PRAGMA synchronous on the engine's connection (NORMAL is what the app uses). */
  setSynchronous(mode: 'FULL' | 'NORMAL'): Promise<string> {
    return this.child.call('synchronous', { mode });
  }

  /** Direct buffer appends in the engine (no HTTP): for large backlogs. */
  fill(sourceId: string, records: number): Promise<{ records: number; ms: number }> {
    return this.child.call('fill', { sourceId, records });
  }

  /** Stops the engine (it closes its database cleanly). */
  stop(): Promise<void> {
    return this.child.stop();
  }
}

/** A Dynatrace stream to a local endpoint, as a user would configure it. */
export function dynatraceStream(
  name: string,
  url: string,
  sourceIds: string[],
): StreamSettingsInput {
  return {
    name,
    destination: { tool: 'dynatrace', url, model: 'flattened' },
    sourceIds,
  };
}
