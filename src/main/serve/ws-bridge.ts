import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineHost } from '../host/engine-host';
import type { Logger } from '../base/log';

/** Client to server: one request. Server to client: its reply, or an event. */
export interface WsRequest {
  id: number;
  name: string;
  input?: unknown;
}

// Large enough for an OTLP file pasted or opened in the inspector.
const maxMessageBytes = 64 * 1024 * 1024;

/**
 * The contract over a WebSocket: the same requests and events the Electron
 * window gets over IPC. Authentication happened before the upgrade.
 */
export class WsBridge {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  constructor(
    private readonly host: EngineHost,
    private readonly log: Logger,
  ) {
    this.wss.on('connection', (ws) => this.attach(ws));
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private attach(ws: WebSocket): void {
    const unsubscribe = this.host.subscribe((message) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    });
    ws.on('close', unsubscribe);
    ws.on('error', (err) => this.log.debug('WebSocket client error', { error: err.message }));
    ws.on('message', (data, isBinary) => {
      let msg: WsRequest;
      try {
        if (isBinary) throw new Error('binary frame');
        msg = JSON.parse(String(data)) as WsRequest;
        if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number')
          throw new Error('no id');
      } catch {
        ws.send(
          JSON.stringify({
            id: null,
            reply: {
              ok: false,
              error: {
                code: 'invalid-input',
                message: 'Messages must be JSON objects with an id, a name and an input.',
              },
            },
          }),
        );
        return;
      }
      void this.host.invoke(msg.name, msg.input).then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, reply }));
      });
    });
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
