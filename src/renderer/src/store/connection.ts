import { create } from 'zustand';
import type { EngineSnapshot } from '../../../shared/api/engine';
import { api, onLinkState } from '../api';
import type { LinkState } from '../api/ws-transport';

/** A beat older than this means the engine is not answering. */
export const staleAfterMs = 3_000;

export type ConnectionState = 'connecting' | 'live' | 'stale' | 'offline';

interface ConnectionStore {
  link: LinkState;
  snapshot: EngineSnapshot | null;
  /** performance.now() of the last snapshot received. */
  lastBeat: number | null;
  /** Re-evaluated by a timer so "stale" shows even when nothing arrives. */
  now: number;
}

export const useConnection = create<ConnectionStore>(() => ({
  link: 'connecting',
  snapshot: null,
  lastBeat: null,
  now: performance.now(),
}));

export function connectionState(s: ConnectionStore): ConnectionState {
  if (s.link === 'closed') return 'offline';
  if (s.link === 'connecting' || s.lastBeat === null) return 'connecting';
  return s.now - s.lastBeat > staleAfterMs ? 'stale' : 'live';
}

let started = false;

/** Subscribes once for the whole app (STYLE.md habit 5). */
export function startConnection(): void {
  if (started) return;
  started = true;
  onLinkState((link) => {
    useConnection.setState({ link });
    if (link === 'open') {
      // Do not wait up to a second for the first beat.
      api.request('engine.snapshot').then(
        (snapshot) => useConnection.setState({ snapshot, lastBeat: performance.now() }),
        () => {},
      );
    }
  });
  api.on('engine.snapshot', (snapshot) =>
    useConnection.setState({ snapshot, lastBeat: performance.now() }),
  );
  setInterval(() => useConnection.setState({ now: performance.now() }), 1_000);
}
