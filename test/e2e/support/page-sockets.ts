import type { Page } from 'playwright-core';

/**
 * What a page's WebSockets did, as Chromium saw it: how many it opened (a
 * reconnecting window opens one per attempt) and how many engine snapshots
 * they brought (the engine's 1 Hz beat). These are the positive signals for
 * tests that check that something did NOT happen over a while (no flicker
 * while reconnecting, no layout shift over four beats): they wait for the
 * attempts or the beats to happen, not for a number of seconds.
 */
export interface SocketCounts {
  opened: number;
  snapshots: number;
}

const counts = new WeakMap<Page, SocketCounts>();

/** Starts counting; call before the page opens its first socket (openApp does). */
export function watchSockets(page: Page): void {
  const c: SocketCounts = { opened: 0, snapshots: 0 };
  counts.set(page, c);
  page.on('websocket', (ws) => {
    c.opened++;
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.startsWith('{"event":"engine.snapshot"')) return;
      c.snapshots++;
    });
  });
}

/** The counts so far (zeros for a page that is not watched). */
export function socketCounts(page: Page): SocketCounts {
  return { ...(counts.get(page) ?? { opened: 0, snapshots: 0 }) };
}
