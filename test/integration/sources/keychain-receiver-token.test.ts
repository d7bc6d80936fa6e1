import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../support/app-internals';
import { KeytarTokenStore } from '../../../src/main/secrets/keytar-token-store';
import { credentialAccount } from '../../../src/main/secrets/token-store';
import { sourceInputSchema } from '../../../src/shared/api/sources';
import { numberedRequestBytes } from '../../support/otlp-records';
import { addStream, endpointOf, openHarness, type Harness } from './support';

// The REAL OS keychain (gnome-keyring on the D-Bus session `npm test` starts;
// run alone with: dbus-run-session -- node scripts/lib/with-keyring.mjs npx vitest run <file>).
// A separate service name keeps test entries apart from a user's.
const store = new KeytarTokenStore('sluice-test');
// Run alone without a keyring (the quick pre-commit run), this says why it is
// skipped; `npm test` always has one, and test/integration/secrets fails if not.
const keychain = await store.status();
if (!keychain.available)
  console.warn(`Skipping the receiver-token keychain test: ${keychain.message}`);

let h: Harness | null = null;
afterEach(async () => {
  await h?.engine.close();
  h = null;
});

const post = (url: string, token: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${token}` },
    body: numberedRequestBytes(1, 1),
  }).then((r) => r.status);

describe.skipIf(!keychain.available)("a receiver's bearer token in the real keychain", () => {
  it('is stored, used, replaced and removed there, and nowhere else', async () => {
    h = openHarness({ tokens: store });
    const input = sourceInputSchema.parse({
      name: 'Guarded receiver',
      settings: { kind: 'otlp-receiver', host: '127.0.0.1', port: 0, requireToken: true },
    });
    const source = await h.engine.createSource(input, {
      token: 'first-token-value',
    });
    await addStream(h.engine, [source.id]);
    const account = credentialAccount(source.id, 'token');
    expect(await store.get(account)).toBe('first-token-value');
    expect(source.credentials).toEqual({ token: { set: true, hint: null } });

    const url = await endpointOf(h.engine, source.id);
    expect(await post(url, 'first-token-value')).toBe(200);

    await h.engine.updateSource(source.id, input, { token: 'second-token-value' });
    await appInternals(h.engine).sourceManager.sync(h.engine.listSources());
    const moved = await endpointOf(h.engine, source.id);
    expect(await post(moved, 'first-token-value')).toBe(401);
    expect(await post(moved, 'second-token-value')).toBe(200);

    const everythingShown = JSON.stringify([h.engine.listSources(), h.engine.snapshot()]);
    expect(everythingShown).not.toContain('token-value');

    await appInternals(h.engine).streams.delete(h.engine.listStreams()[0]!.id);
    await h.engine.deleteSource(source.id);
    expect(await store.get(account)).toBeNull();
  });
});
