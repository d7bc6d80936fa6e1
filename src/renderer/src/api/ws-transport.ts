import type { Transport } from '../../../shared/api/client';
import type { EventMessage, RequestName } from '../../../shared/api/contract';
import type { Reply } from '../../../shared/api/envelope';
import { readServerFrame, type WsRequestFrame } from '../../../shared/api/ws-frames';

/**
 * 'expired': the server answers but no longer knows this tab's access (it
 * restarted with a new token); retrying cannot help, a new link can.
 */
export type LinkState = 'connecting' | 'open' | 'closed' | 'expired';

export interface StatefulTransport extends Transport {
  onLinkState(listener: (state: LinkState) => void): () => void;
}

const disconnectedReply: Reply<unknown> = {
  ok: false,
  error: {
    code: 'unavailable',
    message:
      'The connection to Sluice was lost. It reconnects by itself; if it does not, check that Sluice is still running.',
  },
};

const expiredReply: Reply<unknown> = {
  ok: false,
  error: {
    code: 'unavailable',
    message:
      'Sluice was restarted and its access link changed: open the new link it printed (it ends with ?token=…).',
  },
};

/**
 * The contract over the WebSocket that `sluice serve` offers at /api. It
 * reconnects with a growing delay; requests made while disconnected wait for
 * the next connection (for up to 10 s) rather than failing at once.
 */
export function createWsTransport(
  url: string,
  /** Whether the server still accepts this tab ('ok'), refuses it ('expired'), or does not answer. */
  probeAccess: () => Promise<'ok' | 'expired' | 'unreachable'> = async () => 'unreachable',
): StatefulTransport {
  let ws: WebSocket | null = null;
  let state: LinkState = 'connecting';
  let nextId = 1;
  let retryDelay = 250;
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const waiting: (() => void)[] = [];
  const eventListeners = new Set<(m: EventMessage) => void>();
  const stateListeners = new Set<(s: LinkState) => void>();

  const setState = (s: LinkState): void => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const connect = (): void => {
    setState('connecting');
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      retryDelay = 250;
      setState('open');
      for (const send of waiting.splice(0)) send();
    };
    socket.onmessage = (e: MessageEvent<string>) => {
      const frame = readServerFrame(e.data);
      if (frame?.kind === 'reply') {
        pending.get(frame.id)?.(frame.reply);
        pending.delete(frame.id);
      } else if (frame?.kind === 'event') {
        for (const l of eventListeners) l(frame.message);
      }
    };
    socket.onclose = () => {
      for (const resolve of pending.values()) resolve(disconnectedReply);
      pending.clear();
      if (state !== 'expired') setState('closed');
      // A browser never learns why an upgrade failed: ask the server whether it still knows us.
      void probeAccess().then((access) => {
        if (access === 'expired') {
          setState('expired');
          for (const send of waiting.splice(0)) send();
          return;
        }
        setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 5_000);
      });
    };
  };
  connect();

  return {
    invoke(name: RequestName, input: unknown) {
      return new Promise<Reply<unknown>>((resolve) => {
        const send = (): void => {
          const id = nextId++;
          if (state === 'expired') return resolve(expiredReply);
          pending.set(id, resolve);
          ws?.send(JSON.stringify({ id, name, input } satisfies WsRequestFrame));
        };
        if (state === 'open') return send();
        if (state === 'expired') return resolve(expiredReply);
        waiting.push(send);
        setTimeout(() => {
          const i = waiting.indexOf(send);
          if (i >= 0) {
            waiting.splice(i, 1);
            resolve(disconnectedReply);
          }
        }, 10_000);
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    onLinkState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => {
        stateListeners.delete(listener);
      };
    },
  };
}
