import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSender } from '../../../src/main/destinations/create-sender';
import { testStream } from '../../../src/main/destinations/connection-test';
import { KeytarTokenStore } from '../../../src/main/secrets/keytar-token-store';
import { credentialAccount } from '../../../src/main/secrets/token-store';
import { credentialHint } from '../../../src/shared/destinations/credential-hint';
import { destinationSchema } from '../../../src/shared/destinations/schema';
import { distinctiveToken, sampleBatch } from './support/batches';
import { json, startHttpServer } from './support/servers';

// The REAL OS keychain (gnome-keyring on the D-Bus session `npm test` starts;
// run alone with: dbus-run-session -- node scripts/lib/with-keyring.mjs npx vitest run <file>).
// A separate service name keeps test entries apart from a user's.
const store = new KeytarTokenStore('sluice-test');

describe('a token from the real keychain, through Test stream and the sender', () => {
  it('reaches the destination as the header, and nowhere else', async () => {
    const streamId = randomUUID();
    const account = credentialAccount(streamId, 'token');
    await store.set(account, distinctiveToken);
    const server = await startHttpServer((req, res) =>
      req.headers.authorization === `Api-Token ${distinctiveToken}`
        ? res.writeHead(200).end()
        : json(res, 401, { error: `unknown token ${String(req.headers.authorization)}` }),
    );
    const destination = destinationSchema.parse({
      tool: 'dynatrace',
      url: `${server.url}/api/v2/otlp/v1/logs`,
    });
    try {
      const token = await store.get(account);
      expect(token).toBe(distinctiveToken);
      const credentials = { token: token! };

      const ok = await testStream(destination, credentials, { env: {} });
      expect(ok.outcome).toBe('success');

      const sender = createSender({ id: streamId, destination }, { credentials, timeoutMs: 5_000 });
      expect((await sender.send(sampleBatch())).kind).toBe('accepted');
      await sender.close();

      // A changed token in the keychain: the 401 echoes it, the result does not.
      await store.set(account, `${distinctiveToken}X`);
      const failed = await testStream(
        destination,
        { token: (await store.get(account))! },
        { env: {} },
      );
      expect(failed).toMatchObject({ outcome: 'failure', httpStatus: 401 });
      expect(JSON.stringify([ok, failed])).not.toContain(distinctiveToken.split('.')[2]!);
      // Only the public token id is safe to show (and Test stream may show it).
      expect(credentialHint(distinctiveToken)).toBe(
        distinctiveToken.split('.').slice(0, 2).join('.'),
      );
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        `Api-Token ${distinctiveToken}`,
        `Api-Token ${distinctiveToken}`,
        `Api-Token ${distinctiveToken}X`,
      ]);
    } finally {
      await store.delete(account);
    }
    expect(await store.get(account)).toBeNull();
  });
});
