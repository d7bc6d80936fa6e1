import WebSocket from 'ws';
import type { EventMessage } from '../../shared/api/contract';
import type { Transport } from '../../shared/api/client';
import type { Reply } from '../../shared/api/envelope';
import { readServerFrame, type WsRequestFrame } from '../../shared/api/ws-frames';

const closedReply: Reply<unknown> = {
  ok: false,
  error: {
    code: 'unavailable',
    message: 'The running Sluice closed the connection before answering (it may be stopping).',
  },
};

export interface WsTransport extends Transport {
  close(): void;
}

/**
 * The contract over the control endpoint's WebSocket, from Node: what the
 * browser's transport does, with the token sent as a bearer token. Resolves
 * once connected; rejects if the endpoint does not answer or refuses.
 */
export function connectWsTransport(
  url: string,
  token: string,
  timeoutMs = 5_000,
): Promise<WsTransport> {
  const ws = new WebSocket(url, {
    headers: { Authorization: `Bearer ${token}` },
    handshakeTimeout: timeoutMs,
  });
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const listeners = new Set<(message: EventMessage) => void>();
  let nextId = 1;

  ws.on('message', (data) => {
    const frame = readServerFrame(String(data));
    if (frame?.kind === 'reply') {
      pending.get(frame.id)?.(frame.reply);
      pending.delete(frame.id);
    } else if (frame?.kind === 'event') {
      for (const l of listeners) l(frame.message);
    }
  });
  ws.on('close', () => {
    for (const resolve of pending.values()) resolve(closedReply);
    pending.clear();
  });

  const transport: WsTransport = {
    invoke(name, input) {
      if (ws.readyState !== WebSocket.OPEN) return Promise.resolve(closedReply);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, name, input } satisfies WsRequestFrame));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      ws.close();
    },
  };

  return new Promise((resolve, reject) => {
    let opened = false;
    ws.once('open', () => {
      opened = true;
      resolve(transport);
    });
    // After opening, a broken connection shows as 'close' (pending requests are answered).
    ws.on('error', (err) => {
      if (!opened) reject(err);
    });
    ws.once('unexpected-response', (_req, res) => {
      ws.terminate();
      reject(new Error(`the control endpoint answered HTTP ${res.statusCode}`));
    });
  });
}
