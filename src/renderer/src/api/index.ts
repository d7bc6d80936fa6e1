import { createClient, type SluiceApi } from '../../../shared/api/client';
import { createWsTransport, type LinkState, type StatefulTransport } from './ws-transport';

export type FrontDoor = 'desktop' | 'browser';

/**
 * The renderer talks to the engine only through this client, the same one
 * behind both front doors: IPC via the preload in Electron, or the WebSocket
 * of `sluice serve` in a browser.
 */
/** sluice serve's GET /session: 401 once it restarted with a new token (src/main/serve). */
async function probeSessionAccess(): Promise<'ok' | 'expired' | 'unreachable'> {
  try {
    const res = await fetch('/session', { cache: 'no-store', credentials: 'same-origin' });
    if (res.status === 401) return 'expired';
    return res.ok ? 'ok' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

function pickTransport(): { door: FrontDoor; transport: StatefulTransport } {
  const bridge = window.sluice;
  if (bridge) {
    return {
      door: 'desktop',
      transport: {
        ...bridge,
        onLinkState(listener: (s: LinkState) => void) {
          listener('open');
          return () => {};
        },
      },
    };
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return {
    door: 'browser',
    transport: createWsTransport(`${scheme}://${location.host}/api`, probeSessionAccess),
  };
}

const picked = pickTransport();

export const frontDoor: FrontDoor = picked.door;
export const api: SluiceApi = createClient(picked.transport);
export const onLinkState = picked.transport.onLinkState;
