import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startDynatraceLocal, type DynatraceLocal } from '../../../src/main/tools/dynatrace-local';
import { startServeWithKeychain, type Serve } from './serve';

/** 100 characters, the longest name a stream may have. */
export const longStreamName =
  'Customer portal production logs to the Dynatrace ActiveGate in the Frankfurt data centre, EU tenant';

export interface BusyStreams {
  serve: Serve;
  /** Accepts the streams' token. */
  good: DynatraceLocal;
  /** Expects another token: answers 401 with Dynatrace's message. */
  refusing: DynatraceLocal;
  names: {
    healthy: string;
    long: string;
    unreachable: string;
    unauthorized: string;
    paused: string;
  };
  stop(): Promise<void>;
}

/** A port nothing listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 9;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `sluice serve` with five streams in the states an administrator meets:
 * delivering, delivering under a 100-character name, failing to connect,
 * refused with HTTP 401, and paused. Applied from a configuration file,
 * with the token from an environment variable, so no wizard run is needed.
 */
export async function startBusyStreams(): Promise<BusyStreams> {
  const token = `dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.${'S'.repeat(64)}`;
  const [good, refusing, deadPort] = await Promise.all([
    startDynatraceLocal({ port: 0, token }),
    startDynatraceLocal({ port: 0, token: `dt0c01.ZZZZZZZZZZZZZZZZZZZZZZZZ.${'Z'.repeat(64)}` }),
    closedPort(),
  ]);
  const names = {
    healthy: 'Orders to Dynatrace',
    long: longStreamName,
    unreachable: 'Collector on the build server',
    unauthorized: 'Payments (wrong token)',
    paused: 'Paused archive',
  };
  const credentials = { token: { env: 'SLUICE_E2E_TOKEN' } };
  const dynatrace = (url: string) => ({ tool: 'dynatrace', url });
  const config = {
    version: 1,
    streams: [
      {
        name: names.healthy,
        destination: dynatrace(good.url),
        credentials,
        sources: ['Sample data'],
      },
      { name: names.long, destination: dynatrace(good.url), credentials, sources: ['Sample data'] },
      {
        name: names.unreachable,
        destination: {
          tool: 'otlp',
          url: `http://127.0.0.1:${deadPort}/v1/logs`,
          headerName: '',
        },
        sources: ['Sample data'],
      },
      {
        name: names.unauthorized,
        destination: dynatrace(refusing.url),
        credentials,
        sources: ['Sample data'],
      },
      {
        name: names.paused,
        active: false,
        destination: dynatrace(good.url),
        credentials,
        sources: ['Sample data'],
      },
    ],
  };
  // The file lives in the data folder, which the serve removes when it stops.
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
  const configPath = join(dataDir, 'e2e-config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const serve = await startServeWithKeychain({
    dataDir,
    args: ['--config', configPath],
    env: { SLUICE_E2E_TOKEN: token },
  }).catch(async (err: unknown) => {
    await Promise.all([good.close(), refusing.close()]);
    throw err;
  });
  return {
    serve,
    good,
    refusing,
    names,
    async stop() {
      await Promise.all([serve.stop(), good.close(), refusing.close()]);
    },
  };
}
