import { create } from 'zustand';
import type { EngineSnapshot } from '../../../shared/api/engine';
import { api } from '../api';

/** Seconds of records/s kept per stream for the overview's sparklines. */
export const sparklineSeconds = 60;

interface RatesStore {
  /** Per stream: records out per second, oldest first, at most sparklineSeconds. */
  recordsOut: Record<string, number[]>;
}

export const useRates = create<RatesStore>(() => ({ recordsOut: {} }));

function fold(snapshot: EngineSnapshot): void {
  const prev = useRates.getState().recordsOut;
  const next: Record<string, number[]> = {};
  for (const rt of snapshot.streams) {
    const series = prev[rt.id] ?? [];
    const value = rt.rates.recordsOutPerSec;
    next[rt.id] =
      series.length >= sparklineSeconds
        ? [...series.slice(series.length - sparklineSeconds + 1), value]
        : [...series, value];
  }
  useRates.setState({ recordsOut: next });
}

let started = false;

/** One subscription to the 1 Hz snapshot keeps a minute of rates for every stream. */
export function startRates(): void {
  if (started) return;
  started = true;
  api.on('engine.snapshot', fold);
}
