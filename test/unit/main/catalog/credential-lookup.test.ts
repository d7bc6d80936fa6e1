import { describe, expect, it } from 'vitest';
import { appInternals } from '../../../support/app-internals';
import { FakeMemoryTokenStore } from '../../../support/memory-token-store';
import { configEngine, dtUrl, envToken } from './config/support';

const receiverToken = 'receiver-env-token-0123456789';
const staleStreamToken = `dt0c01.STALEPUBLIC0123456789ABC.${'S'.repeat(64)}`;
const staleReceiverToken = 'stale-receiver-token-left-in-the-keychain';

/** A receiver that requires a token and a stream, both reading their token from the environment. */
const envDocument = {
  version: 1,
  sources: [
    {
      name: 'Receiver',
      settings: { kind: 'otlp-receiver', port: 0, requireToken: true },
      credentials: { token: { env: 'RX_TOKEN' } },
    },
  ],
  streams: [
    {
      name: 'Production',
      destination: { tool: 'dynatrace', url: dtUrl },
      credentials: { token: { env: 'DT_API_TOKEN' } },
      sources: ['Receiver'],
    },
  ],
};

/**
 * A stream's sender and a receiver's token check read credentials through
 * one lookup (catalog/credentials/credential-vault.ts). They used to be two:
 * the stream's refused a credential whose environment variable was not set,
 * while the receiver's asked the keychain directly and so accepted a token
 * an earlier configuration had left there. These cases put such a stale
 * entry in the (FAKE) keychain and ask both.
 */
describe('credential lookups of streams and sources agree', () => {
  async function setUp() {
    const tokens = new FakeMemoryTokenStore();
    const first = configEngine({
      tokens,
      env: { DT_API_TOKEN: envToken, RX_TOKEN: receiverToken },
    });
    const applied = await first.apply({ document: envDocument });
    expect(applied.errors).toEqual([]);
    const internals = appInternals(first.engine);
    const stream = internals.catalog.listStreams()[0]!;
    const source = internals.catalog.listSources().find((s) => s.name === 'Receiver')!;
    await first.close();
    // What an earlier {"keychain": true} configuration could leave behind
    // (forgetting a keychain entry is best effort).
    await tokens.set(`${stream.id}/token`, staleStreamToken);
    await tokens.set(`${source.id}/token`, staleReceiverToken);
    return { tokens, dataDir: first.dataDir, streamId: stream.id, sourceId: source.id };
  }

  it('both refuse a credential whose variable is not set, never taking the stale keychain entry', async () => {
    const { tokens, dataDir, streamId, sourceId } = await setUp();
    const { engine } = configEngine({ tokens, dataDir, env: {} });
    const catalog = appInternals(engine).catalog;

    const streamLookup = catalog.streamCredentials(catalog.getStream(streamId));
    await expect(streamLookup).rejects.toThrow('environment variable DT_API_TOKEN');
    const sourceLookup = catalog.sourceCredential(sourceId, 'token');
    await expect(sourceLookup).rejects.toThrow('environment variable RX_TOKEN');
  });

  it('both read the variable when it is set, not the stale keychain entry', async () => {
    const { tokens, dataDir, streamId, sourceId } = await setUp();
    const { engine } = configEngine({
      tokens,
      dataDir,
      env: { DT_API_TOKEN: envToken, RX_TOKEN: receiverToken },
    });
    const catalog = appInternals(engine).catalog;

    expect(await catalog.streamCredentials(catalog.getStream(streamId))).toEqual({
      token: envToken,
    });
    expect(await catalog.sourceCredential(sourceId, 'token')).toBe(receiverToken);
  });

  it('a receiver whose variable is not set says so, naming the variable, and does not listen', async () => {
    const { tokens, dataDir, sourceId } = await setUp();
    const { engine } = configEngine({ tokens, dataDir, env: {} });
    const sources = appInternals(engine).sourceManager;
    await sources.sync(engine.listSources(), [sourceId]);
    const runtime = sources.runtime(sourceId)!;
    expect(runtime).toMatchObject({ state: 'error', endpoint: null });
    expect(runtime.message).toContain('environment variable RX_TOKEN');
    expect(runtime.message).not.toContain('keychain did not answer');
  });
});
