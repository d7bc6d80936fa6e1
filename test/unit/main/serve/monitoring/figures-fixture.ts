import type {
  DurationHistogram,
  EngineSnapshot,
  StreamRuntime,
} from '../../../../../src/shared/api/engine';
import type { Source, SourceRuntime } from '../../../../../src/shared/api/sources';
import type { Stream } from '../../../../../src/shared/api/streams';
import type { MonitoringFigures } from '../../../../../src/main/serve/monitoring/figures';
import { zeroRates } from '../../../../../src/main/engine/metrics/stream-metrics';
import { zeroTotals } from '../../../../../src/shared/api/engine';
import { zeroSourceTotals } from '../../../../../src/main/sources/source-report';

/** Hand-made figures for the monitoring units: what an engine snapshot and its configuration hold. */
export const noDurations: DurationHistogram = {
  cumulative: new Array(14).fill(0),
  count: 0,
  sumSeconds: 0,
};

export function streamRuntime(id: string, o: Partial<StreamRuntime> = {}): StreamRuntime {
  return {
    id,
    status: 'active',
    statusReason: null,
    sending: 'idle',
    nextAttemptAt: null,
    lastError: null,
    rates: zeroRates(),
    totals: zeroTotals(),
    backlogRecords: 0,
    backlogBytes: 0,
    oldestBufferedAgeMs: null,
    latencyP50Ms: null,
    latencyP95Ms: null,
    requestDurations: noDurations,
    logAge: null,
    wouldChange: {},
    processing: null,
    ...o,
  };
}

export function sourceRuntime(id: string, o: Partial<SourceRuntime> = {}): SourceRuntime {
  return {
    id,
    kind: 'otlp-receiver',
    state: 'running',
    message: null,
    warning: null,
    endpoint: null,
    recordsInPerSec: 0,
    totals: zeroSourceTotals(),
    requestDurations: noDurations,
    ...o,
  };
}

export function stream(id: string, name: string, sourceIds: string[], active = true): Stream {
  return { id, name, sourceIds, active } as Stream;
}

export function source(id: string, name: string): Source {
  return { id, name } as Source;
}

export function figures(parts: {
  streams: [Stream, StreamRuntime][];
  sources: [Source, SourceRuntime][];
}): MonitoringFigures {
  const snapshot: EngineSnapshot = {
    at: 0,
    seq: 1,
    uptimeMs: 12_000,
    buffer: { usedBytes: 4096, capBytes: 1 << 30, records: 7, full: false },
    streams: parts.streams.map(([, rt]) => rt),
    sources: parts.sources.map(([, rt]) => rt),
    engine: { eventLoopLagP99Ms: 2, eventLoopLagMaxMs: 5, heapUsedBytes: 1e7 },
  };
  return {
    snapshot,
    streams: parts.streams.map(([s]) => s),
    sources: parts.sources.map(([s]) => s),
  };
}
