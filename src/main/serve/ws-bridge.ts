import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineHost } from '../host/engine-host';
import {
  badFrameReply,
  readRequestFrame,
  type WsEventFrame,
  type WsReplyFrame,
} from '../../shared/api/ws-frames';
import type { Logger } from '../base/log';

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
    const send = (frame: WsReplyFrame | WsEventFrame): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = this.host.subscribe(send);
    ws.on('close', unsubscribe);
    ws.on('error', (err) => this.log.debug('WebSocket client error', { error: err.message }));
    ws.on('message', (data, isBinary) => {
      const msg = isBinary ? null : readRequestFrame(String(data));
      if (!msg) {
        ws.send(JSON.stringify(badFrameReply));
        return;
      }
      void this.host.invoke(msg.name, msg.input).then((reply) => send({ id: msg.id, reply }));
    });
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
