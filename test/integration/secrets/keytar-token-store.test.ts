import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeytarTokenStore } from '../../../src/main/secrets/keytar-token-store';
import { projectRoot } from '../../support/sluice-process';

// The REAL OS keychain: gnome-keyring's Secret Service on the D-Bus session
// that `npm test` starts (scripts/lib/with-keyring.mjs). A separate service
// name keeps test entries apart from a user's real Sluice entries.
const store = new KeytarTokenStore('sluice-test');

describe('KeytarTokenStore with the real keychain', () => {
  it('reports the keychain as available (run through npm test, which starts one)', async () => {
    const status = await store.status();
    expect(status.message).toBeNull();
    expect(status.available).toBe(true);
  });

  it('stores, reads, replaces and deletes a secret', async () => {
    const account = `${randomUUID()}/token`;
    const secret = `dt0c01.TEST.${randomUUID()}`;
    expect(await store.has(account)).toBe(false);
    await store.set(account, secret);
    expect(await store.get(account)).toBe(secret);
    await store.set(account, `${secret}-2`);
    expect(await store.get(account)).toBe(`${secret}-2`);
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps accounts apart', async () => {
    const a = `${randomUUID()}/token`;
    const b = `${randomUUID()}/token`;
    await store.set(a, 'one');
    await store.set(b, 'two');
    expect([await store.get(a), await store.get(b)]).toEqual(['one', 'two']);
    await store.delete(a);
    await store.delete(b);
  });
});

interface Reported {
  status: { available: boolean; cause: string; message: string };
  setError: { code: string; message: string } | null;
}

/** What the store reports in a child process with this D-Bus environment. */
function reportWith(env: NodeJS.ProcessEnv): Reported {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'test/fixtures/scripts/keychain-status.ts')],
    { cwd: projectRoot, encoding: 'utf8', env },
  );
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Reported;
}

describe('KeytarTokenStore without a reachable keychain', () => {
  it('with no D-Bus session at all: says so (not "install gnome-keyring") and offers the environment variable', () => {
    const { DBUS_SESSION_BUS_ADDRESS: _bus, ...env } = process.env;
    const { status, setError } = reportWith({ ...env, DISPLAY: '' });
    expect(status).toMatchObject({ available: false, cause: 'no-dbus' });
    expect(status.message).toMatch(/no D-Bus session bus \(DBUS_SESSION_BUS_ADDRESS is not set\)/);
    expect(status.message).toMatch(/dbus-run-session -- sluice serve/);
    expect(status.message).toMatch(/environment variable/);
    expect(status.message).not.toMatch(/apt-get install gnome-keyring/);
    expect(setError?.code).toBe('keychain-unavailable');
    expect(setError?.message).toBe(status.message);
  });

  it('with a D-Bus address that leads nowhere: the same cause, naming the address', () => {
    const { status } = reportWith({
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/sluice-test-bus',
      DISPLAY: '',
    });
    expect(status).toMatchObject({ available: false, cause: 'no-dbus' });
    expect(status.message).toContain('/nonexistent/sluice-test-bus');
  });

  it('with a D-Bus session but no unlocked keyring: unavailable before any save is tried', () => {
    // A session bus of our own, with no keyring unlocked on it. Listing
    // entries works on such a bus; only a write shows the problem, so the
    // status must write (it used to say "available" and Save then failed).
    const bus = spawnSync(
      'dbus-daemon',
      ['--session', '--fork', '--print-address=1', '--print-pid=1'],
      {
        encoding: 'utf8',
      },
    );
    const [address, pid] = bus.stdout.trim().split('\n');
    try {
      const { status, setError } = reportWith({
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: address,
        XDG_DATA_HOME: join(projectRoot, 'test-results', 'no-keyring'),
      });
      expect(status.available).toBe(false);
      expect(['locked', 'no-secret-service']).toContain(status.cause);
      expect(status.message).toMatch(/environment variable/);
      expect(setError?.code).toBe('keychain-unavailable');
    } finally {
      process.kill(Number(pid), 'SIGTERM');
    }
  });
});
