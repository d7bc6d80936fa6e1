import { afterEach, describe, expect, it } from 'vitest';
import { appInternals } from '../../../support/app-internals';
import { createDispatcher } from '../../../../src/main/dispatch/dispatcher';
import { createRequestHandlers } from '../../../../src/main/dispatch/request-handlers';
import type { App } from '../../../../src/main/app/app';
import { EngineError } from '../../../../src/main/base/errors';
import { silentLogger } from '../../../../src/main/base/log';
import { ensureSampleSource } from '../../../../src/main/catalog/sources/defaults';
import { sourceInputSchema, type SourceInput } from '../../../../src/shared/api/sources';
import { dynatraceSettings, openTestEngine } from '../../../support/engine';
import { FakeMemoryTokenStore } from '../../../support/memory-token-store';
import { tempDir } from '../../../support/temp-dir';

let engine: App | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const input = (o: SourceInput) => sourceInputSchema.parse(o);
const receiver = (name: string, o: Record<string, unknown> = {}) =>
  input({ name, settings: { kind: 'otlp-receiver', port: 0, ...o } });
const sample = (name: string) => input({ name, settings: { kind: 'sample' } });

async function refusal(p: Promise<unknown>): Promise<EngineError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EngineError);
  return err as EngineError;
}

describe('default sources', () => {
  it('a new data folder gets "Sample data" (5 records/s), once, and no receiver', async () => {
    const dataDir = tempDir();
    engine = openTestEngine(undefined, dataDir).engine;
    expect(engine.listSources()).toMatchObject([
      {
        name: 'Sample data',
        settings: { kind: 'sample', recordsPerSecond: 5 },
        fullPolicy: 'drop-oldest',
      },
    ]);
    // Idle until a stream reads it: nothing is generated.
    expect(engine.snapshot().sources).toMatchObject([{ state: 'stopped', message: 'Starting.' }]);
    await appInternals(engine).sourceManager.sync(engine.listSources());
    expect(engine.snapshot().sources).toMatchObject([{ kind: 'sample', state: 'idle' }]);
    await engine.deleteSource(engine.listSources()[0]!.id);
    await engine.close();
    engine = openTestEngine(undefined, dataDir).engine;
    expect(engine.listSources()).toEqual([]); // the user's deletion is respected
  });

  it('ensureSampleSource finds the sample source, or makes one for the demo', async () => {
    engine = openTestEngine().engine;
    const existing = engine.listSources()[0]!;
    expect(ensureSampleSource(appInternals(engine).sources).id).toBe(existing.id);
    await engine.deleteSource(existing.id);
    await engine.createSource(receiver('Sample data'), {}); // the name is taken
    const made = ensureSampleSource(appInternals(engine).sources);
    expect(made).toMatchObject({ name: 'Sample data 2', settings: { kind: 'sample' } });
  });
});

describe('SourceService (real SQLite, fake keychain)', () => {
  it('creates, lists, updates and deletes sources, announcing each change', async () => {
    engine = openTestEngine().engine;
    const changes: string[][] = [];
    engine.subscribe((m) => {
      if (m.event === 'sources.changed') changes.push(m.payload.ids);
    });
    const files = await engine.createSource(
      input({ name: 'App logs', settings: { kind: 'file', paths: ['/var/log/app/*.log'] } }),
      {},
    );
    expect(files).toMatchObject({
      name: 'App logs',
      fullPolicy: 'block',
      credentials: {},
      settings: {
        kind: 'file',
        startAt: 'end',
        format: 'text',
        maxRecordBytes: 262_144,
        jsonMapping: { body: ['message', 'msg', 'log', 'body'] },
      },
    });
    const updated = await engine.updateSource(
      files.id,
      input({
        name: 'App logs',
        settings: { kind: 'file', paths: ['/srv/*.log'], format: 'json' },
      }),
      {},
    );
    expect(updated.settings).toMatchObject({ paths: ['/srv/*.log'], format: 'json' });
    expect(engine.listSources().map((s) => s.name)).toEqual(['Sample data', 'App logs']);
    await engine.deleteSource(files.id);
    expect(engine.listSources().map((s) => s.name)).toEqual(['Sample data']);
    expect(changes).toEqual([[files.id], [files.id], [files.id]]);
  });

  it('refuses a duplicate name regardless of case', async () => {
    engine = openTestEngine().engine;
    const err = await refusal(engine.createSource(sample('SAMPLE DATA'), {}));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/already exists\. Choose another name/);
    expect(err.issues).toEqual([{ path: 'source.name', message: expect.any(String) }]);
  });

  it('refuses to delete a source streams read, naming them', async () => {
    engine = openTestEngine().engine;
    const id = engine.listSources()[0]!.id;
    await engine.createStream(dynatraceSettings({ name: 'Prod', sourceIds: [id] }), {}, true);
    await engine.createStream(dynatraceSettings({ name: 'QA', sourceIds: [id] }), {}, true);
    const err = await refusal(engine.deleteSource(id));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe(
      'The source "Sample data" is read by the streams "Prod", "QA". Remove it from their Source details first.',
    );
    expect(engine.listSources()).toHaveLength(1);
  });

  it("keeps a receiver's token in the keychain, requires one when asked, and removes stale ones", async () => {
    const tokens = new FakeMemoryTokenStore();
    engine = openTestEngine(tokens).engine;
    const noToken = await refusal(engine.createSource(receiver('R', { requireToken: true }), {}));
    expect(noToken).toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'credentials.token', message: expect.any(String) }],
    });
    const secret = 'receiver-secret-token';
    const r = await engine.createSource(receiver('R', { requireToken: true }), {
      token: secret,
    });
    expect(r.credentials).toEqual({ token: { set: true, hint: null } });
    expect(tokens.values.get(`${r.id}/token`)).toBe(secret);
    expect(JSON.stringify(engine.listSources())).not.toContain(secret);
    // Clearing the token while it is required is refused; turning the requirement off is fine.
    await refusal(
      engine.updateSource(r.id, receiver('R', { requireToken: true }), {
        token: null,
      }),
    );
    // Becoming another kind of source removes the token with it.
    await engine.updateSource(r.id, sample('R'), {});
    expect(tokens.values.size).toBe(0);
    expect(appInternals(engine).sources.get(r.id).credentials).toEqual({});
    const unknown = await refusal(engine.updateSource(r.id, sample('R'), { token: 'x' }));
    expect(unknown.message).toMatch(/has no credential named "token"/);
  });

  it('saves nothing when the keychain refuses the token', async () => {
    const tokens = new FakeMemoryTokenStore();
    engine = openTestEngine(tokens).engine;
    tokens.available = false;
    await expect(
      engine.createSource(receiver('R', { requireToken: true }), {
        token: 'some-token',
      }),
    ).rejects.toThrow();
    expect(engine.listSources().map((s) => s.name)).toEqual(['Sample data']);
  });

  it('refuses a second receiver on the same address and port', async () => {
    engine = openTestEngine().engine;
    await engine.createSource(receiver('A', { port: 14318 }), {});
    const err = await refusal(engine.createSource(receiver('B', { port: 14318 }), {}));
    expect(err.message).toBe(
      'The receiver "A" already listens on 127.0.0.1:14318. Choose another port.',
    );
  });

  it('refuses an OTLP/gRPC receiver on the port of an OTLP/HTTP one: both need it', async () => {
    engine = openTestEngine().engine;
    await engine.createSource(receiver('HTTP', { port: 14317 }), {});
    const grpc = input({
      name: 'gRPC',
      settings: { kind: 'otlp-grpc-receiver', port: 14317 },
    });
    const err = await refusal(engine.createSource(grpc, {}));
    expect(err.message).toBe(
      'The receiver "HTTP" already listens on 127.0.0.1:14317. Choose another port.',
    );
  });
});

describe('the sources requests through the contract', () => {
  it('validates input with the schema and answers in the envelope', async () => {
    engine = openTestEngine().engine;
    const dispatch = createDispatcher(createRequestHandlers(engine), silentLogger);
    const created = await dispatch('sources.create', {
      source: { name: 'Receiver', settings: { kind: 'otlp-receiver', port: 0 } },
    });
    expect(created).toMatchObject({
      ok: true,
      value: {
        name: 'Receiver',
        fullPolicy: 'block',
        settings: { host: '127.0.0.1', maxBodyBytes: 16 * 1024 * 1024, requireToken: false },
      },
    });
    const relative = await dispatch('sources.create', {
      source: { name: 'Files', settings: { kind: 'file', paths: ['logs/*.log'] } },
    });
    expect(relative).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/Use an absolute path/) },
    });
    const badPattern = await dispatch('sources.create', {
      source: {
        name: 'Files',
        settings: { kind: 'file', paths: ['/x/*.log'], multilineStart: '(' },
      },
    });
    expect(badPattern).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not a valid regular expression/) },
    });
    const id = (created as { value: { id: string } }).value.id;
    const updated = await dispatch('sources.update', {
      id,
      source: {
        name: 'Receiver',
        settings: { kind: 'otlp-receiver', port: 0 },
        fullPolicy: 'drop-oldest',
      },
      credentials: {},
    });
    expect(updated).toMatchObject({ ok: true, value: { id, fullPolicy: 'drop-oldest' } });
    await appInternals(engine).sourceManager.sync(engine.listSources());
    const snapshot = await dispatch('engine.snapshot', undefined);
    expect(snapshot).toMatchObject({
      ok: true,
      value: {
        sources: [
          { kind: 'sample', state: 'idle' },
          { id, kind: 'otlp-receiver', state: 'idle', endpoint: expect.stringMatching(/^http:/) },
        ],
      },
    });
    expect(await dispatch('sources.list', undefined)).toMatchObject({
      ok: true,
      value: [{ name: 'Sample data' }, { name: 'Receiver' }],
    });
    expect(await dispatch('sources.delete', { id })).toEqual({ ok: true, value: { id } });
    expect(await dispatch('sources.delete', { id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
