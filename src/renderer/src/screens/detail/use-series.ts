import { useEffect, useState } from 'react';
import type { HistoryPoint, HistoryRange } from '../../../../shared/api/history';
import type { EngineSnapshot } from '../../../../shared/api/engine';
import { api } from '../../api';
import { messageOf } from '../../store/errors';

const liveWindowMs = 5 * 60_000;

function pointOf(snapshot: EngineSnapshot, streamId: string): HistoryPoint | null {
  const rt = snapshot.streams.find((r) => r.id === streamId);
  if (!rt) return null;
  return {
    t: snapshot.at,
    // The engine measures rates over its 1 s beat.
    seconds: 1,
    recordsInPerSec: rt.rates.recordsInPerSec,
    recordsOutPerSec: rt.rates.recordsOutPerSec,
    bytesInPerSec: rt.rates.bytesInPerSec,
    bytesOutPerSec: rt.rates.bytesOutPerSec,
    errorsPerSec: rt.rates.errorsPerSec,
    retriesPerSec: rt.rates.retriesPerSec,
    backlogRecords: rt.backlogRecords,
    latencyP50Ms: rt.latencyP50Ms,
    latencyP95Ms: rt.latencyP95Ms,
  };
}

/**
 * The points the charts draw. 5 minutes: streams.history('5m') once, then one
 * point per 1 Hz snapshot. 24 hours and 7 days: per-minute history, refetched
 * every minute.
 */
export function useSeries(streamId: string, range: HistoryRange) {
  const [points, setPoints] = useState<HistoryPoint[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setPoints([]);
    setError(null);
    const load = async (): Promise<void> => {
      try {
        const history = await api.request('streams.history', { streamId, range });
        if (!cancelled) setPoints(history);
      } catch (err) {
        if (!cancelled) setError(messageOf(err));
      }
    };
    void load();
    if (range !== '5m') {
      const timer = setInterval(() => void load(), 60_000);
      return () => {
        cancelled = true;
        clearInterval(timer);
      };
    }
    const off = api.on('engine.snapshot', (snapshot) => {
      const p = pointOf(snapshot, streamId);
      if (!p) return;
      setPoints((prev) => {
        const last = prev.at(-1);
        if (last && p.t <= last.t) return prev;
        const from = p.t - liveWindowMs;
        const start = prev.findIndex((x) => x.t >= from);
        return [...(start <= 0 ? prev : prev.slice(start)), p];
      });
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [streamId, range]);

  return { points, error };
}
