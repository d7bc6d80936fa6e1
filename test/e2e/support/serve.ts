import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  projectRoot,
  sluiceBin,
  startProcess,
  startServe,
  type RunningProcess,
} from '../../support/sluice-process';

export type Serve = RunningProcess & { url: URL; dataDir: string };

/**
 * `sluice serve` with a working keychain: the wizard stores API tokens there.
 * Under `npm test` the whole run already has a private, unlocked keyring
 * (SLUICE_TEST_KEYRING); run directly (`npx vitest run test/e2e`) it gets its
 * own D-Bus session bus and a throw-away gnome-keyring, both stopped with it.
 */
export async function startServeWithKeychain(
  options: { args?: string[]; env?: NodeJS.ProcessEnv; dataDir?: string } = {},
): Promise<Serve> {
  // Not tempDir(): that one is removed after each test, and a serve outlives tests.
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
  const args = options.args ?? [];
  const env = options.env ?? {};
  const removeData = (): void => rmSync(dataDir, { recursive: true, force: true });
  if (process.env.SLUICE_TEST_KEYRING || process.env.DBUS_SESSION_BUS_ADDRESS) {
    const serve = await startServe(dataDir, args, env);
    const stopServe = serve.stop;
    return Object.assign(serve, {
      dataDir,
      async stop(signal?: NodeJS.Signals) {
        const code = await stopServe(signal);
        removeData();
        return code;
      },
    });
  }
  const bus = spawnSync(
    'dbus-daemon',
    ['--session', '--fork', '--print-address=1', '--print-pid=1'],
    {
      encoding: 'utf8',
    },
  );
  const [address, pidText] = bus.stdout.trim().split('\n');
  const busPid = Number(pidText);
  if (bus.status !== 0 || !address || !Number.isInteger(busPid)) {
    throw new Error(`Could not start a D-Bus session bus for the keychain: ${bus.stderr}`);
  }
  const proc = startProcess(
    [process.execPath, sluiceBin, 'serve', '--port', '0', '--data-dir', dataDir, ...args],
    {
      script: join(projectRoot, 'scripts', 'lib', 'with-keyring.mjs'),
      env: { ...env, DBUS_SESSION_BUS_ADDRESS: address },
    },
  );
  const stopBus = (): void => {
    try {
      process.kill(busPid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  try {
    const m = await proc.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/);
    const stopProc = proc.stop;
    return Object.assign(proc, {
      url: new URL(m[0]),
      dataDir,
      async stop(signal?: NodeJS.Signals) {
        const code = await stopProc(signal);
        stopBus();
        removeData();
        return code;
      },
    });
  } catch (err) {
    await proc.stop();
    stopBus();
    removeData();
    throw err;
  }
}
