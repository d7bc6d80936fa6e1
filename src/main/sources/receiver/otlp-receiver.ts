import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OtlpReceiverSettings } from '../../../shared/api/sources';
import type { BearerCheck } from './bearer';
import { handleExport, logsPath } from './handle-export';
import { authority, ListeningReceiver, type ReceiverOptions } from './listening-receiver';
import { encodeRpcStatus, RpcCode } from './rpc-status';

export type OtlpReceiverOptions = ReceiverOptions<OtlpReceiverSettings>;

/**
 * The OTLP/HTTP logs receiver: `POST /v1/logs` on node:http; each request
 * is handled by handleExport.
 */
export class OtlpReceiver extends ListeningReceiver<OtlpReceiverSettings> {
  private server: Server | null = null;

  protected async bind(bearer: BearerCheck | null): Promise<string> {
    const s = this.o.settings;
    const server = createServer(
      { requestTimeout: 60_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 },
      (req, res) => {
        const started = performance.now();
        res.once('close', () => this.o.report.requestTook(performance.now() - started));
        handleExport(req, res, {
          sourceId: this.o.sourceId,
          sourceName: this.o.sourceName,
          target: this.o.target,
          report: this.o.report,
          maxBodyBytes: s.maxBodyBytes,
          bearer,
        }).catch((err: unknown) => {
          // A bug, not bad input: answer 500 and keep serving.
          this.o.log.error('OTLP receiver request failed', { error: (err as Error).stack });
          if (!res.headersSent) {
            const body = encodeRpcStatus({
              code: RpcCode.INTERNAL,
              message: 'Internal error in the receiver.',
            });
            res.writeHead(500, { 'Content-Type': 'application/x-protobuf' }).end(body);
          }
        });
      },
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(s.port, s.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.o.log.warn('OTLP receiver error', { error: err.message }));
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    return `http://${authority(s.host, port)}${logsPath}`;
  }

  protected async unbind(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive connections would hold close() open; requests in
      // flight get a moment to finish (their records are committed or not,
      // and the client hears which), then their connections are cut.
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
    });
  }
}
