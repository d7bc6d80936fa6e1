import type { DemoResult } from '../../shared/api/settings';
import { streamSettingsSchema } from '../../shared/api/streams';
import { EngineError } from '../base/errors';
import type { Logger } from '../base/log';
import type { Catalog } from '../catalog/catalog';
import type { StateStore } from '../engine';
import { startDynatraceLocal, type DynatraceLocal } from '../tools/dynatrace-local';

const stateKey = 'demo';
export const demoStreamName = 'Demo: sample data to a local Dynatrace';

interface DemoState {
  streamId: string;
  sourceId: string;
  /** The endpoint's port, reused across restarts when it is free. */
  port: number;
}

export interface DemoDeps {
  catalog: Catalog;
  state: StateStore;
  log: Logger;
}

/**
 * The zero-configuration demo: the sample-data source feeding a stream into
 * a local Dynatrace-compatible endpoint that runs inside the engine. The
 * endpoint's token is new at every start and held only in memory, so the demo
 * works on a machine without a keychain. The endpoint runs while the demo
 * stream exists and comes back when the engine restarts.
 */
export class DemoManager {
  private endpoint: DynatraceLocal | null = null;

  constructor(private readonly deps: DemoDeps) {}

  get running(): DynatraceLocal | null {
    return this.endpoint;
  }

  /** Creates the demo (or returns the one that exists). */
  async start(): Promise<DemoResult> {
    const existing = this.existingState();
    const catalog = this.deps.catalog;
    const source = existing ? catalog.getSource(existing.sourceId) : catalog.ensureSampleSource();
    const endpoint = await this.ensureEndpoint(existing?.port ?? 0);
    let streamId = existing?.streamId;
    if (!streamId) {
      const stream = await catalog.createStream(
        streamSettingsSchema.parse({
          name: this.freeName(),
          destination: { tool: 'dynatrace', url: endpoint.url, model: 'flattened' },
          sourceIds: [source.id],
          stage: 'Development',
        }),
        {},
        true,
      );
      streamId = stream.id;
    }
    await this.connect(streamId, endpoint);
    this.deps.state.set(stateKey, {
      streamId,
      sourceId: source.id,
      port: endpoint.port,
    } satisfies DemoState);
    return { streamId, sourceId: source.id, endpointUrl: endpoint.url };
  }

  /** At engine start: bring the endpoint back for a demo stream that still exists. */
  async restore(): Promise<void> {
    const state = this.existingState();
    if (!state) return;
    try {
      const endpoint = await this.ensureEndpoint(state.port);
      await this.connect(state.streamId, endpoint);
      if (endpoint.port !== state.port)
        this.deps.state.set(stateKey, { ...state, port: endpoint.port });
    } catch (err) {
      this.deps.log.warn('The demo endpoint could not be restarted', {
        error: (err as Error).message,
      });
    }
  }

  /** Stops the endpoint once the demo stream is gone. */
  async streamsChanged(): Promise<void> {
    const state = this.deps.state.get<DemoState>(stateKey);
    if (!state || this.streamExists(state.streamId)) return;
    this.deps.state.delete(stateKey);
    await this.close();
  }

  async close(): Promise<void> {
    const e = this.endpoint;
    this.endpoint = null;
    await e?.close();
  }

  private existingState(): DemoState | null {
    const state = this.deps.state.get<DemoState>(stateKey);
    return state && this.streamExists(state.streamId) ? state : null;
  }

  private streamExists(id: string): boolean {
    return this.deps.catalog.listStreams().some((s) => s.id === id);
  }

  private async ensureEndpoint(port: number): Promise<DynatraceLocal> {
    if (this.endpoint) return this.endpoint;
    try {
      this.endpoint = await startDynatraceLocal({ port, model: 'flattened' });
    } catch (err) {
      if (port === 0) {
        throw new EngineError(
          'unavailable',
          `The demo's local endpoint could not start: ${(err as Error).message}`,
        );
      }
      // The port used last time is taken now: any free one will do.
      this.endpoint = await startDynatraceLocal({ port: 0, model: 'flattened' });
    }
    return this.endpoint;
  }

  /** Points the stream at the endpoint (its port may have changed) and gives it this run's token. */
  private async connect(streamId: string, endpoint: DynatraceLocal): Promise<void> {
    const catalog = this.deps.catalog;
    const stream = catalog.getStream(streamId);
    if (stream.destination.tool === 'dynatrace' && stream.destination.url !== endpoint.url) {
      const settings = catalog.settingsOf(stream);
      await catalog.updateStream(
        streamId,
        { ...settings, destination: { ...stream.destination, url: endpoint.url } },
        {},
      );
    }
    if (endpoint.token) catalog.holdStreamCredential(streamId, 'token', endpoint.token);
  }

  private freeName(): string {
    const taken = new Set(this.deps.catalog.listStreams().map((s) => s.name.toLowerCase()));
    let name = demoStreamName;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${demoStreamName} ${i}`;
    return name;
  }
}
