import { isEventName, type EventMessage } from './contract';
import type { Reply } from './envelope';

/**
 * The contract over a WebSocket (`sluice serve`'s /api, which is also the
 * control endpoint commands use): one JSON text frame per message. The
 * server, the browser's transport and the CLI's transport all read and
 * write these, so the format is declared once, here.
 */

/** Client to server: one request. */
export interface WsRequestFrame {
  id: number;
  name: string;
  input?: unknown;
}

/** Server to client: the reply to request `id` (null when the frame could not be read). */
export interface WsReplyFrame {
  id: number | null;
  reply: Reply<unknown>;
}

/** Server to client: an event, exactly as the IPC channel carries it. */
export type WsEventFrame = EventMessage;

/** What a client makes of a frame from the server. */
export type ServerFrame =
  { kind: 'reply'; id: number; reply: Reply<unknown> } | { kind: 'event'; message: EventMessage };

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A server frame as a client reads it; null for anything else (ignored). */
export function readServerFrame(text: string): ServerFrame | null {
  const msg = parseObject(text);
  if (!msg) return null;
  if (typeof msg.id === 'number' && msg.reply) {
    return { kind: 'reply', id: msg.id, reply: msg.reply as Reply<unknown> };
  }
  if (isEventName(msg.event)) return { kind: 'event', message: msg as unknown as EventMessage };
  return null;
}

/** A request frame as the server reads it; null when it is not one (answered with badFrameReply). */
export function readRequestFrame(text: string): WsRequestFrame | null {
  const msg = parseObject(text);
  return msg && typeof msg.id === 'number' ? (msg as unknown as WsRequestFrame) : null;
}

/** The server's answer to a frame it could not read. */
export const badFrameReply: WsReplyFrame = {
  id: null,
  reply: {
    ok: false,
    error: {
      code: 'invalid-input',
      message: 'Messages must be JSON objects with an id, a name and an input.',
    },
  },
};
