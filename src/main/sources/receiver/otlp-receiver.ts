import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiverExposureWarning, type OtlpReceiverSettings } from '../../../shared/api/sources';
import type { Logger } from '../../log';
import type { SourceActivity } from '../activity';
import type { IngestTarget } from '../ingest';
import type { RunningSource } from '../running-source';
import { BearerCheck } from './bearer';
import { handleExport, logsPath } from './handle-export';
import { encodeRpcStatus } from './rpc-status';

export interface OtlpReceiverOptions {
  sourceId: string;
  sourceName: string;
  settings: OtlpReceiverSettings;
  target: IngestTarget;
  activity: SourceActivity;
  log: Logger;
  /** The bearer token from the keychain, when the settings require one (null if missing). */
  token: string | null;
  /** Why the token could not be read (the keychain did not answer), if so. */
  tokenProblem?: string | null;
  /** How long to wait before trying to listen again after a failure (port in use). */
  relistenMs?: number;
}

function listenProblem(err: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${host}:${port}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `Cannot listen on ${where}: another program uses this port (a local OpenTelemetry Collector listens on 4318 too). Stop it or choose another port. Retrying.`;
    case 'EACCES':
      return `Cannot listen on ${where}: this user may not open that port (ports below 1024 need privileges). Choose a port above 1024.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot listen on ${host}: it is not an address of this machine. Use 127.0.0.1, or 0.0.0.0 for every interface.`;
    default:
      return `Cannot listen on ${where}: ${err.message}. Retrying.`;
  }
}

/**
 * The OTLP/HTTP logs receiver: `POST /v1/logs` on node:http. Listens on the
 * configured address and keeps trying every few seconds when it cannot (the
 * port may be freed); each request is handled by handleExport.
 */
export class OtlpReceiver implements RunningSource {
  private server: Server | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly o: OtlpReceiverOptions) {}

  get activity(): SourceActivity {
    return this.o.activity;
  }

  readersChanged(): void {}

  async start(): Promise<void> {
    const s = this.o.settings;
    this.o.activity.warning = receiverExposureWarning(s);
    if (s.requireToken && !this.o.token) {
      // Not listening at all: every request would be refused anyway.
      this.o.activity.setProblem(
        this.o.tokenProblem ??
          'This receiver requires a token, but the token is missing from the OS keychain. Edit the source and enter it again.',
      );
      return;
    }
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const s = this.o.settings;
    const bearer = s.requireToken && this.o.token ? new BearerCheck(this.o.token) : null;
    const server = createServer(
      { requestTimeout: 60_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 },
      (req, res) => {
        handleExport(req, res, {
          sourceId: this.o.sourceId,
          sourceName: this.o.sourceName,
          target: this.o.target,
          activity: this.o.activity,
          maxBodyBytes: s.maxBodyBytes,
          bearer,
        }).catch((err: unknown) => {
          // A bug, not bad input: answer 500 and keep serving.
          this.o.log.error('OTLP receiver request failed', { error: (err as Error).stack });
          if (!res.headersSent) {
            const body = encodeRpcStatus({ code: 13, message: 'Internal error in the receiver.' });
            res.writeHead(500, { 'Content-Type': 'application/x-protobuf' }).end(body);
          }
        });
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(s.port, s.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      this.o.activity.setProblem(listenProblem(err as NodeJS.ErrnoException, s.host, s.port));
      this.o.activity.endpoint = null;
      if (!this.stopped) {
        this.retry = setTimeout(() => void this.listen(), this.o.relistenMs ?? 5_000);
        this.retry.unref?.();
      }
      return;
    }
    if (this.stopped) {
      server.close();
      return;
    }
    server.on('error', (err) => this.o.log.warn('OTLP receiver error', { error: err.message }));
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    const host = s.host.includes(':') ? `[${s.host}]` : s.host;
    this.o.activity.endpoint = `http://${host}:${port}${logsPath}`;
    this.o.activity.setProblem(null);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const server = this.server;
    this.server = null;
    this.o.activity.endpoint = null;
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
