import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SluiceApi } from '../../../shared/api/client';
import { isLoopbackHost } from '../../../shared/destinations/loopback';
import { EngineError } from '../../base/errors';
import type { Logger } from '../../base/log';
import { serveMonitoring } from './monitoring-routes';

export interface MetricsServer {
  /** http://address:port */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Standard port for a Prometheus exporter is chosen by the user; loopback unless told otherwise. */
export const defaultMetricsAddress = '127.0.0.1';

/**
 * `sluice run --metrics-port N`: /metrics, /healthz and /readyz, without a
 * token (as Prometheus exporters are scraped), on 127.0.0.1 unless
 * `--metrics-address` widens it. They show stream and source names and
 * figures, never a credential or a record.
 */
export async function startMetricsServer(options: {
  api: SluiceApi;
  address: string;
  port: number;
  log: Logger;
}): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (serveMonitoring(req, res, options.api, options.log)) return;
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Sluice serves /metrics, /healthz and /readyz here.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new EngineError(
          'conflict',
          err.code === 'EADDRINUSE'
            ? `Cannot serve metrics on ${options.address}:${options.port}: the port is in use. Choose another --metrics-port.`
            : `Cannot serve metrics on ${options.address}:${options.port}: ${err.message}.`,
        ),
      ),
    );
    server.listen(options.port, options.address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.address.includes(':') ? `[${options.address}]` : options.address;
  if (!isLoopbackHost(options.address)) {
    options.log.warn('Metrics are served beyond this machine', { address: options.address, port });
  }
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
