import { describe, expect, it, vi } from 'vitest';
import { appInternals } from '../../../../support/app-internals';
import { StreamRepository } from '../../../../../src/main/catalog/streams/stream-repository';
import { EngineError } from '../../../../../src/main/base/errors';
import { describeIssue } from '../../../../../src/shared/config';
import { FakeMemoryTokenStore } from '../../../../support/memory-token-store';
import { configEngine, document, dtUrl, envToken, stdinToken } from './support';

const names = (list: { name: string }[]) => list.map((s) => s.name).sort();

describe('ConfigService.apply (real SQLite, fake keychain)', () => {
  it('creates sources and streams by name; an env token is held in memory only', async () => {
    const { engine, tokens, apply } = configEngine({ env: { DT_API_TOKEN: envToken } });
    const result = await apply({ document: document() });
    expect(result).toMatchObject({ valid: true, applied: true, errors: [], warnings: [] });
    expect(result.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      'create source App logs',
      'create stream Production',
    ]);
    const [stream] = engine.listStreams();
    expect(stream!.sourceIds).toHaveLength(2);
    expect(stream!.credentials.token).toEqual({
      set: true,
      hint: 'dt0c01.ENVPUBLIC0123456789ABCDE',
    });
    expect(appInternals(engine).tokens.isInMemory(`${stream!.id}/token`)).toBe(true);
    expect(tokens.values.size).toBe(0);
    expect(
      appInternals(engine).eventLog.list({
        streamId: null,
        beforeId: null,
        kinds: ['config'],
        limit: 5,
      })[0]?.message,
    ).toBe('A configuration file was applied: 1 source created, 1 stream created.');
  });

  it('is idempotent, and export -> import changes nothing', async () => {
    const { engine, apply } = configEngine({ env: { DT_API_TOKEN: envToken } });
    await apply({ document: document() });
    const second = await apply({ document: document() });
    expect(second.applied).toBe(false);
    expect(second.changes.every((c) => c.action === 'unchanged')).toBe(true);

    engine.setStreamActive(engine.listStreams()[0]!.id, false);
    const exported = engine.exportConfig();
    expect(exported.streams[0]).toMatchObject({
      active: false,
      credentials: { token: { env: 'DT_API_TOKEN' } },
    });
    const roundTrip = await apply({ document: exported, dryRun: true });
    expect(roundTrip.errors).toEqual([]);
    expect(roundTrip.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain(envToken.slice(30));
  });

  it('a dry run reports the changes and changes nothing', async () => {
    const { engine, apply } = configEngine({ env: { DT_API_TOKEN: envToken } });
    const result = await apply({ document: document(), dryRun: true });
    expect(result).toMatchObject({ valid: true, applied: false });
    expect(result.changes).toHaveLength(2);
    expect(names(engine.listStreams())).toEqual([]);
    expect(names(engine.listSources())).toEqual(['Sample data']);
  });

  it('refuses the whole file when one part is wrong: nothing is half-applied', async () => {
    const { engine, apply } = configEngine({ env: { DT_API_TOKEN: envToken } });
    const doc = document();
    (doc.streams as unknown[]).push({
      name: 'Broken',
      destination: { tool: 'dynatrace', url: 'http://example.com/x' },
    });
    const result = await apply({ document: doc });
    expect(result.valid).toBe(false);
    expect(result.errors.map(describeIssue)).toEqual([
      expect.stringMatching(
        /^streams\[1\]\.destination\.url: example\.com would be reached over plain http/,
      ),
    ]);
    expect(names(engine.listStreams())).toEqual([]);
    expect(names(engine.listSources())).toEqual(['Sample data']);
  });

  it('with requireEnv (run --config), an unset variable refuses the start', async () => {
    const { apply } = configEngine();
    const lenient = await apply({ document: document(), dryRun: true });
    expect(lenient.valid).toBe(true);
    expect(lenient.warnings.map(describeIssue)).toContain(
      'streams[0].credentials.token: The environment variable DT_API_TOKEN is not set for this engine: the stream "Production" has no value until Sluice starts with it set.',
    );
    const strict = await apply({ document: document(), requireEnv: true });
    expect(strict.errors.map(describeIssue)).toEqual([
      'streams[0].credentials.token: The environment variable DT_API_TOKEN is not set. Set it before starting Sluice.',
    ]);
  });

  it('{"keychain": true} needs a stored value, or one supplied with the file', async () => {
    const { engine, tokens, apply } = configEngine();
    const missing = await apply({ document: document({ keychain: true }) });
    expect(missing.errors.map(describeIssue)).toEqual([
      expect.stringMatching(
        /^streams\[0\]\.credentials\.token: The stream "Production" has nothing stored in this machine's keychain\. Supply the value once with --token-stdin/,
      ),
    ]);
    const supplied = await apply({
      document: document({ keychain: true }),
      secrets: [{ stream: 'production', value: stdinToken }],
    });
    expect(supplied.applied).toBe(true);
    const [stream] = engine.listStreams();
    expect(tokens.values.get(`${stream!.id}/token`)).toBe(stdinToken);
    expect(stream!.credentials.token!.hint).toBe('dt0c01.STDINPUBLIC0123456789ABC');
    // Stored now: the same file without the secret changes nothing.
    const again = await apply({ document: document({ keychain: true }), dryRun: true });
    expect(again.changes.every((c) => c.action === 'unchanged')).toBe(true);
  });

  it('switching a token from the keychain to the environment removes it from the keychain', async () => {
    const { engine, tokens, apply } = configEngine({ env: { DT_API_TOKEN: envToken } });
    await apply({
      document: document({ keychain: true }),
      secrets: [{ stream: 'Production', value: stdinToken }],
    });
    const id = engine.listStreams()[0]!.id;
    const result = await apply({ document: document({ env: 'DT_API_TOKEN' }) });
    expect(result.changes[1]).toMatchObject({
      action: 'update',
      fields: ['credentials.token.keychain', 'credentials.token.env'],
    });
    expect(tokens.values.has(`${id}/token`)).toBe(false);
    expect(appInternals(engine).tokens.isInMemory(`${id}/token`)).toBe(true);
    expect(await appInternals(engine).tokens.get(`${id}/token`)).toBe(envToken);
  });

  it('refuses before changing anything when the keychain is unavailable', async () => {
    const tokens = new FakeMemoryTokenStore();
    tokens.available = false;
    const { engine, apply } = configEngine({ tokens });
    const err = await apply({
      document: document({ keychain: true }),
      secrets: [{ stream: 'Production', value: stdinToken }],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('keychain-unavailable');
    expect((err as EngineError).message).toMatch(/^Nothing was changed/);
    expect(names(engine.listStreams())).toEqual([]);
    expect(names(engine.listSources())).toEqual(['Sample data']);
  });

  it('puts the keychain back when the keychain refuses midway', async () => {
    /** Answers the availability probe, then refuses the second write. */
    class FakeRefusingSecondWrite extends FakeMemoryTokenStore {
      writes = 0;
      override async set(account: string, secret: string): Promise<void> {
        if (++this.writes === 2) throw new Error('fake keychain: locked');
        return super.set(account, secret);
      }
    }
    const tokens = new FakeRefusingSecondWrite();
    const { engine, apply } = configEngine({ tokens });
    const doc = document({ keychain: true });
    (doc.streams as Record<string, unknown>[]).push({
      name: 'Second',
      destination: { tool: 'dynatrace', url: dtUrl },
      credentials: { token: { keychain: true } },
    });
    const err = await apply({
      document: doc,
      secrets: [
        { stream: 'Production', value: stdinToken },
        { stream: 'Second', value: stdinToken },
      ],
    }).catch((e: unknown) => e);
    expect((err as EngineError).message).toMatch(
      /^Nothing was changed: the keychain refused the token/,
    );
    expect(tokens.values.size).toBe(0);
    expect(names(engine.listStreams())).toEqual([]);
    expect(names(engine.listSources())).toEqual(['Sample data']);
  });

  it('undoes the keychain write when the database refuses the change', async () => {
    const { engine, tokens, apply } = configEngine();
    const insert = vi.spyOn(StreamRepository.prototype, 'insert').mockImplementationOnce(() => {
      throw new Error('fake: disk I/O error');
    });
    try {
      const err = await apply({
        document: document({ keychain: true }),
        secrets: [{ stream: 'Production', value: stdinToken }],
      }).catch((e: unknown) => e);
      expect((err as Error).message).toBe('fake: disk I/O error');
    } finally {
      insert.mockRestore();
    }
    expect(tokens.values.size).toBe(0);
    // The source created in the same transaction was rolled back with it.
    expect(names(engine.listSources())).toEqual(['Sample data']);
    expect(names(engine.listStreams())).toEqual([]);
  });

  it('checks receivers: a required token, and a port already taken', async () => {
    const { apply } = configEngine();
    const result = await apply({
      document: {
        version: 1,
        sources: [
          { name: 'A', settings: { kind: 'otlp-receiver', port: 4999, requireToken: true } },
          { name: 'B', settings: { kind: 'otlp-receiver', port: 4999 } },
        ],
      },
    });
    expect(result.errors.map(describeIssue)).toEqual([
      'sources[0].credentials.token: The source "A" requires a token: add "token": {"env": "NAME"} (or {"keychain": true} for one already stored), or set requireToken to false.',
      'sources[1].settings.port: The receiver "A" also listens on 127.0.0.1:4999. Choose another port.',
    ]);
  });

  it('reads env credentials when the engine opens, and says so when one is missing', async () => {
    const first = configEngine({ env: { DT_API_TOKEN: envToken } });
    await first.apply({ document: document() });
    const id = first.engine.listStreams()[0]!.id;
    await first.close();

    const withEnv = configEngine({ dataDir: first.dataDir, env: { DT_API_TOKEN: envToken } });
    expect(await appInternals(withEnv.engine).tokens.get(`${id}/token`)).toBe(envToken);
    await withEnv.close();

    const configEvents = (e: typeof first.engine) =>
      appInternals(e).eventLog.list({
        streamId: null,
        beforeId: null,
        kinds: ['config'],
        limit: 5,
      });
    // A command (passive) has no say about the environment of the instance that sends.
    const command = configEngine({ dataDir: first.dataDir });
    expect(configEvents(command.engine)).toHaveLength(1); // only "applied"
    await command.close();

    const without = configEngine({ dataDir: first.dataDir, passive: false });
    expect(without.engine.getStream(id).credentials.token).toEqual({
      set: false,
      hint: null,
    });
    const events = appInternals(without.engine).eventLog.list({
      streamId: null,
      beforeId: null,
      kinds: ['config'],
      limit: 5,
    });
    expect(events[0]?.message).toBe(
      'The credential of the stream "Production" is read from the environment variable DT_API_TOKEN, which is not set for this Sluice. Set it and start Sluice again.',
    );
    await expect(without.engine.testStream({ id })).rejects.toThrow(
      'The API token of this stream is read from the environment variable DT_API_TOKEN, which was not set when Sluice started.',
    );
  });
});
