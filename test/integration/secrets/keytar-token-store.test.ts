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

describe('KeytarTokenStore without a reachable keychain', () => {
  it('says the keychain is unavailable and how to fix it, instead of failing obscurely', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'test/fixtures/scripts/keychain-status.ts')],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        env: {
          ...process.env,
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/sluice-test-bus',
          DISPLAY: '',
        },
      },
    );
    expect(result.stderr).toBe('');
    const { status, setError } = JSON.parse(result.stdout) as {
      status: { available: boolean; message: string };
      setError: { code: string; message: string } | null;
    };
    expect(status.available).toBe(false);
    expect(status.message).toMatch(/Secret Service such as gnome-keyring/);
    expect(setError?.code).toBe('keychain-unavailable');
  });
});
