import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../../support/app-internals';
import type { App } from '../../../../src/main/app/app';
import { EngineError } from '../../../../src/main/base/errors';
import { dynatraceSettings, openTestEngine } from '../../../support/engine';
import { FakeMemoryTokenStore } from '../../../support/memory-token-store';

let engine: App | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('StreamService (real SQLite, fake keychain)', () => {
  it('creates, lists, updates, pauses and deletes a stream, announcing each change', async () => {
    const t = openTestEngine();
    engine = t.engine;
    const changes: string[][] = [];
    engine.subscribe((m) => {
      if (m.event === 'streams.changed') changes.push(m.payload.ids);
    });
    const created = await engine.createStream(dynatraceSettings(), {}, true);
    expect(created).toMatchObject({
      name: 'Production logs',
      active: true,
      destination: { tool: 'dynatrace', model: 'tenant-default' },
    });
    expect(created.credentials).toEqual({ token: { set: false, hint: null } });
    expect(engine.listStreams().map((s) => s.id)).toEqual([created.id]);

    const renamed = await engine.updateStream(created.id, dynatraceSettings({ name: 'Prod' }), {});
    expect(renamed.name).toBe('Prod');
    expect(engine.setStreamActive(created.id, false).active).toBe(false);
    expect(engine.snapshot().streams).toMatchObject([
      {
        id: created.id,
        status: 'inactive',
        statusReason: expect.stringContaining('Paused by the user.'),
        sending: 'paused',
      },
    ]);

    await appInternals(engine).streams.delete(created.id);
    expect(engine.listStreams()).toEqual([]);
    expect(changes).toEqual([[created.id], [created.id], [created.id], [created.id]]);
  });

  it('logs a pause and a resume as status changes when they happen, even before the first tick', async () => {
    const t = openTestEngine();
    engine = t.engine;
    const s = await engine.createStream(dynatraceSettings(), {}, true);
    const statusLines = () =>
      appInternals(engine!)
        .eventLog.list({ streamId: s.id, beforeId: null, kinds: ['status'], limit: 10 })
        .map((e) => e.message)
        .reverse();
    // No tick has run: the status the stream started with is the baseline.
    engine.setStreamActive(s.id, false);
    expect(statusLines()).toEqual([
      'Status is now Inactive: Paused by the user. No data is sent; records keep being buffered.',
    ]);
    engine.setStreamActive(s.id, true);
    appInternals(engine).pipeline.tick(); // a tick that sees no change adds nothing
    expect(statusLines()).toEqual([
      'Status is now Inactive: Paused by the user. No data is sent; records keep being buffered.',
      'Status is now Active.',
    ]);
  });

  it('keeps the token in the keychain and shows only the public token id', async () => {
    const tokens = new FakeMemoryTokenStore();
    const t = openTestEngine(tokens);
    engine = t.engine;
    const s = await engine.createStream(
      dynatraceSettings(),
      { token: 'dt0c01.PUBLICPART.SECRETPART' },
      true,
    );
    expect(s.credentials.token).toEqual({ set: true, hint: 'dt0c01.PUBLICPART' });
    expect(tokens.values.get(`${s.id}/token`)).toBe('dt0c01.PUBLICPART.SECRETPART');
    expect(JSON.stringify(engine.listStreams())).not.toContain('SECRETPART');

    const cleared = await engine.updateStream(s.id, dynatraceSettings(), {
      token: null,
    });
    expect(cleared.credentials.token).toEqual({ set: false, hint: null });
    expect(tokens.values.size).toBe(0);
  });

  it('refuses a duplicate name (case-insensitive) with a message that says what to do', async () => {
    engine = openTestEngine().engine;
    await engine.createStream(dynatraceSettings({ name: 'Prod' }), {}, true);
    const err = await engine
      .createStream(dynatraceSettings({ name: 'prod' }), {}, true)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('conflict');
    expect((err as EngineError).message).toMatch(/already exists\. Choose another name/);
  });

  it('saves nothing when the keychain refuses the token', async () => {
    const tokens = new FakeMemoryTokenStore();
    tokens.available = false;
    engine = openTestEngine(tokens).engine;
    await expect(
      engine.createStream(dynatraceSettings(), { token: 'dt0c01.A.B' }, true),
    ).rejects.toThrow();
    expect(engine.listStreams()).toEqual([]);
  });

  it('refuses a credential the destination does not have', async () => {
    engine = openTestEngine().engine;
    const err = (await engine
      .createStream(dynatraceSettings(), { password: 'x' }, true)
      .catch((e: unknown) => e)) as EngineError;
    expect(err.code).toBe('invalid-input');
    expect(err.issues?.[0]?.path).toBe('credentials.password');
  });

  it('keeps streams across a restart of the engine', async () => {
    const t = openTestEngine();
    const s = await t.engine.createStream(dynatraceSettings(), {}, false);
    await t.engine.close();
    engine = openTestEngine(t.tokens, t.dataDir).engine;
    expect(engine.getStream(s.id)).toMatchObject({
      name: 'Production logs',
      active: false,
    });
  });
});
