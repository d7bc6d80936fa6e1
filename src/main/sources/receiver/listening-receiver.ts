import { receiverExposureWarning, type ReceiverSettings } from '../../../shared/api/sources';
import type { Logger } from '../../base/log';
import type { SourceReport } from '../source-report';
import type { IngestTarget } from '../../engine/ports';
import type { RunningSource } from '../running-source';
import { BearerCheck } from './bearer';

export interface ReceiverOptions<S extends ReceiverSettings> {
  sourceId: string;
  sourceName: string;
  settings: S;
  target: IngestTarget;
  report: SourceReport;
  log: Logger;
  /** The bearer token from the keychain, when the settings require one (null if missing). */
  token: string | null;
  /** Why the token could not be read (the keychain did not answer), if so. */
  tokenProblem?: string | null;
  /** How long to wait before trying to listen again after a failure (port in use). */
  relistenMs?: number;
}

/** Why a receiver cannot listen, in words an administrator can act on. */
export function listenProblem(err: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${host}:${port}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `Cannot listen on ${where}: another program uses this port (a local OpenTelemetry Collector listens on 4317 and 4318 too). Stop it or choose another port. Retrying.`;
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

/** host:port as a URL authority (IPv6 literals in brackets). */
export function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * What the OTLP/HTTP and OTLP/gRPC receivers share: the exposure warning, a
 * required token that is missing (then nothing listens), and listening on
 * the configured address, trying again every few seconds when it cannot
 * (the port may be freed). Subclasses bind and unbind their own server.
 */
export abstract class ListeningReceiver<S extends ReceiverSettings> implements RunningSource {
  private retry: NodeJS.Timeout | null = null;
  protected stopped = false;

  constructor(protected readonly o: ReceiverOptions<S>) {}

  get report(): SourceReport {
    return this.o.report;
  }

  readersChanged(): void {}

  /**
   * Listens with `bearer` (null: no token required) and resolves with the
   * endpoint clients send to; rejects with the listen error.
   */
  protected abstract bind(bearer: BearerCheck | null): Promise<string>;

  /** Stops listening; requests in flight get a moment to finish. Idempotent. */
  protected abstract unbind(): Promise<void>;

  async start(): Promise<void> {
    const s = this.o.settings;
    this.o.report.warning = receiverExposureWarning(s);
    if (s.requireToken && !this.o.token) {
      // Not listening at all: every request would be refused anyway.
      this.o.report.setProblem(
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
    let endpoint: string;
    try {
      endpoint = await this.bind(bearer);
    } catch (err) {
      this.o.report.setProblem(listenProblem(err as NodeJS.ErrnoException, s.host, s.port));
      this.o.report.endpoint = null;
      if (!this.stopped) {
        this.retry = setTimeout(() => void this.listen(), this.o.relistenMs ?? 5_000);
        this.retry.unref?.();
      }
      return;
    }
    if (this.stopped) {
      await this.unbind();
      return;
    }
    this.o.report.endpoint = endpoint;
    this.o.report.setProblem(null);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.o.report.endpoint = null;
    await this.unbind();
  }
}
