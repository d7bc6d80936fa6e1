import { create } from 'zustand';
import type { EngineSnapshot } from '../../../shared/api/engine';
import { api, onLinkState } from '../api';
import type { LinkState } from '../api/ws-transport';

/** A beat older than this means the engine is not answering. */
export const staleAfterMs = 3_000;

export type ConnectionState = 'connecting' | 'live' | 'stale' | 'offline' | 'expired';

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
  if (s.link === 'expired') return 'expired';
  if (s.link === 'closed') return 'offline';
  // Reconnecting after a loss is still disconnected: each attempt sets
  // 'connecting', and counting that as not stale made the figures flicker
  // between "last known" and live while nothing arrived.
  if (s.link === 'connecting') return s.lastBeat === null ? 'connecting' : 'offline';
  if (s.lastBeat === null) return 'connecting';
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

/**
 * Why the engine cannot act on a click now, in words for a disabled
 * button's tooltip; null while live. Requests made meanwhile would only wait
 * and fail, so the UI says so instead.
 */
export function blockedReason(state: ConnectionState): string | null {
  switch (state) {
    case 'live':
      return null;
    case 'connecting':
      return 'Connecting to the Sluice engine…';
    case 'stale':
      return 'The Sluice engine is not responding; this works again once it answers.';
    case 'offline':
      return 'Not connected to the Sluice engine; this works again once it reconnects.';
    case 'expired':
      return 'Sluice was restarted: open the new link it printed.';
  }
}

/** The connection state and, when it is not live, why actions cannot run. */
export function useLiveness(): { state: ConnectionState; blocked: string | null } {
  const state = useConnection(connectionState);
  return { state, blocked: blockedReason(state) };
}

/** True when the figures on screen are not current: the engine stopped sending beats. */
export function isStale(state: ConnectionState): boolean {
  return state !== 'live' && state !== 'connecting';
}
