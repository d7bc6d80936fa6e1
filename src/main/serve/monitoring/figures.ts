import type { SluiceApi } from '../../../shared/api/client';
import type { EngineSnapshot } from '../../../shared/api/engine';
import type { Source } from '../../../shared/api/sources';
import type { Stream } from '../../../shared/api/streams';

/** What /metrics and /readyz are made of: the engine's snapshot, and the names users gave. */
export interface MonitoringFigures {
  snapshot: EngineSnapshot;
  streams: Stream[];
  sources: Source[];
}

/**
 * One snapshot and the configurations it refers to, through the contract:
 * the same figures `sluice streams status --json` reads, so the two agree.
 */
export async function readFigures(api: SluiceApi): Promise<MonitoringFigures> {
  const [snapshot, streams, sources] = await Promise.all([
    api.request('engine.snapshot'),
    api.request('streams.list'),
    api.request('sources.list'),
  ]);
  return { snapshot, streams, sources };
}
