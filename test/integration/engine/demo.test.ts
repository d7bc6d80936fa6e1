import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../support/app-internals';
import { createSender } from '../../../src/main/destinations/create-sender';
import { App } from '../../../src/main/app/app';
import { silentLogger } from '../../../src/main/base/log';
import { FakeMemoryTokenStore } from '../../support/memory-token-store';
import { eventually } from '../../support/scripted-sender';
import { tempDir } from '../../support/temp-dir';

let engine: App | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

/** A keychain that is not there, as on a fresh machine without a Secret Service (a named fake). */
function noKeychain(): FakeMemoryTokenStore {
  const store = new FakeMemoryTokenStore();
  store.available = false;
  return store;
}

function open(dataDir: string): App {
  const e = App.open({
    dataDir,
    tokens: noKeychain(),
    log: silentLogger,
    senderFactory: createSender,
  });
  e.start();
  return e;
}

describe('the demo stream', () => {
  it(
    'sends sample data into the local Dynatrace-compatible endpoint with zero configuration and no keychain',
    { timeout: 30_000 },
    async () => {
      const dataDir = tempDir();
      engine = open(dataDir);
      const result = await appInternals(engine).demo.start();
      const stream = engine.getStream(result.streamId);
      expect(stream).toMatchObject({
        active: true,
        stage: 'Development',
        destination: { tool: 'dynatrace', url: result.endpointUrl },
      });
      expect(stream.credentials.token).toEqual({
        set: true,
        hint: expect.stringMatching(/^dt0c01\.[A-Z0-9]{24}$/),
      });
      expect(appInternals(engine).sources.get(result.sourceId).settings.kind).toBe('sample');

      const endpoint = appInternals(engine).demo.running!;
      await eventually(() => expect(endpoint.records().length).toBeGreaterThan(0), 15_000);
      const [record] = endpoint.records();
      expect(record?.attributes['deployment.environment.name']).toBe('Development');
      expect(record?.attributes['dt.auth.origin']).toBe(stream.credentials.token?.hint);
      // Asking again returns the same demo rather than a second one.
      expect((await appInternals(engine).demo.start()).streamId).toBe(result.streamId);
      expect(engine.listStreams()).toHaveLength(1);
    },
  );

  it(
    'comes back after a restart with a fresh token held only in memory',
    { timeout: 30_000 },
    async () => {
      const dataDir = tempDir();
      engine = open(dataDir);
      const first = await appInternals(engine).demo.start();
      const firstToken = appInternals(engine).demo.running!.token;
      await engine.close();

      engine = open(dataDir);
      await eventually(() => expect(appInternals(engine!).demo.running).not.toBeNull());
      const endpoint = appInternals(engine).demo.running!;
      expect(endpoint.token).not.toBe(firstToken);
      await eventually(() =>
        expect(engine!.getStream(first.streamId).destination).toMatchObject({
          url: endpoint.url,
        }),
      );
      await eventually(() => expect(endpoint.records().length).toBeGreaterThan(0), 15_000);
    },
  );

  it('stops the endpoint when the demo stream is deleted', { timeout: 30_000 }, async () => {
    engine = open(tempDir());
    const { streamId } = await appInternals(engine).demo.start();
    const endpoint = appInternals(engine).demo.running!;
    await appInternals(engine).streams.delete(streamId);
    await eventually(() => expect(appInternals(engine!).demo.running).toBeNull());
    await expect(fetch(endpoint.url, { method: 'POST' })).rejects.toThrow();
  });
});
