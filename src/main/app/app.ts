import { isMainThread } from 'node:worker_threads';
import type { EventMessage, RequestArgument } from '../../shared/api/contract';
import type { AppInfo, EngineSnapshot, KeychainStatus } from '../../shared/api/engine';
import type { AppSettings, DemoResult } from '../../shared/api/settings';
import type { SourceConfig } from '../../shared/api/sources';
import type { Stream, StreamSettings } from '../../shared/api/streams';
import { CollectorExportError, exportCollectorConfig } from '../../shared/otelcol';
import { EngineError } from '../base/errors';
import type { Logger } from '../base/log';
import { appVersion } from '../base/version';
import { Catalog } from '../catalog/catalog';
import type { CatalogChange } from '../catalog/catalog-change';
import { configEvent } from '../catalog/catalog-change';
import { summarizeApply } from '../catalog/config/config-service';
import type { CredentialChanges } from '../catalog/credentials/credentials';
import type { Sender, SenderFactory } from '../destinations/sender';
import { Engine, FilePositionStore, openStore, StateStore, type Store } from '../engine';
import { SessionTokenStore } from '../secrets/session-token-store';
import type { TokenStore } from '../secrets/token-store';
import { SourceManager, type SourceManagerDeps } from '../sources';
import { DemoManager } from './demo';
import { tail } from './inspector-tail';
import { previewProcessing } from './processing/preview';
import { compileStreamProcessing } from './processing/stream-processing';
import { runTestStream } from './test-stream';

export interface AppOptions {
  dataDir: string;
  tokens: TokenStore;
  log: Logger;
  /** Makes the sender for a stream's destination (src/main/destinations). */
  senderFactory: SenderFactory;
  now?: () => number;
  random?: () => number;
  /** How often the snapshot event is published; 1 Hz in the app. */
  snapshotIntervalMs?: number;
  /** Create the "Sample data" source in a new data folder (docs/sources.md); default true. */
  createDefaultSources?: boolean;
  /** Faster polling for tests. */
  sourceTiming?: SourceManagerDeps['timing'];
  /** Where {"env": ...} credentials are read (docs/config.md); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * Configuration only: no source runs and nothing is sent. For a command
   * that acts on a data folder no instance is running on (docs/config.md).
   */
  passive?: boolean;
}

export interface CloseOptions {
  /**
   * How long each stream may take to finish the request it has in flight
   * (no new one starts) before it is cut short. 0: cut short at once.
   */
  drainMs?: number;
}

/**
 * What a request or a command does: one method per use case, over the
 * parts it assembles on the data folder's store, in stack order: the
 * catalog (definitions), the engine (the data plane), the sources that
 * write to it, and the demo. The hosts run it; the request handlers are one
 * line each (src/main/dispatch/request-handlers.ts).
 */
export class App {
  private readonly env: NodeJS.ProcessEnv;
  private readonly passive: boolean;
  private readonly tokens: SessionTokenStore;
  private readonly state: StateStore;
  private readonly catalog: Catalog;
  private readonly engine: Engine;
  private readonly sources: SourceManager;
  private readonly demo: DemoManager;
  private started = false;
  private closed = false;

  private constructor(
    private readonly o: AppOptions,
    private readonly store: Store,
  ) {
    const now = o.now ?? Date.now;
    this.env = o.env ?? process.env;
    this.passive = o.passive ?? false;
    this.tokens = new SessionTokenStore(o.tokens);
    this.state = new StateStore(store);
    this.catalog = new Catalog({
      store,
      tokens: this.tokens,
      env: this.env,
      now: () => new Date(now()),
      state: this.state,
    });
    const catalog = this.catalog;
    const tokens = this.tokens;
    this.engine = new Engine({
      store,
      state: this.state,
      log: o.log,
      now,
      ...(o.random ? { random: o.random } : {}),
      ...(o.snapshotIntervalMs ? { snapshotIntervalMs: o.snapshotIntervalMs } : {}),
      passive: this.passive,
      supply: {
        openSender: (stream) => openSender(catalog, o.senderFactory, stream),
        compileProcessing: (stream) => compileStreamProcessing(tokens, stream.id, stream),
        policyOf: (sourceId) => catalog.policyOf(sourceId),
      },
    });
    const engine = this.engine;
    this.sources = new SourceManager({
      target: engine,
      positions: new FilePositionStore(store),
      events: { add: (e) => engine.addEvent(e) },
      log: o.log,
      now,
      readCredential: (id, name) => catalog.sourceCredential(id, name),
      ...(o.sourceTiming ? { timing: o.sourceTiming } : {}),
    });
    this.demo = new DemoManager({ catalog, state: this.state, log: o.log });
    catalog.onChange((change) => this.catalogChanged(change));

    // Before any exporter or source starts: they read these credentials.
    const unset = catalog.loadFromEnvironment();
    // A passive engine (a command) sends nothing: its environment is not the one that matters.
    for (const { owner, variable } of this.passive ? [] : unset) {
      engine.addEvent({
        streamId: null,
        kind: 'config',
        level: 'warn',
        message: `The credential of ${owner} is read from the environment variable ${variable}, which is not set for this Sluice. Set it and start Sluice again.`,
      });
    }
    engine.syncStreams(catalog.listStreams());
    if (o.createDefaultSources !== false) catalog.ensureDefaultSources();
    if (!this.passive) void this.sources.sync(catalog.listSources());
  }

  /** Opens the data folder's store (locking it) and assembles the app on it. */
  static open(options: AppOptions): App {
    const now = options.now ?? Date.now;
    const store = openStore(options.dataDir, () => new Date(now()), options.log);
    try {
      return new App(options, store);
    } catch (err) {
      store.close();
      throw err;
    }
  }

  /** A definition changed: bring exporters and sources in line, tell the windows. */
  private catalogChanged(change: CatalogChange): void {
    for (const e of change.events ?? []) this.engine.addEvent(e);
    if (change.sources) {
      const { ids, restart } = change.sources;
      if (!this.passive) void this.sources.sync(this.catalog.listSources(), restart);
      this.engine.publish('sources.changed', { ids });
    }
    if (change.streams) {
      this.engine.syncStreams(this.catalog.listStreams());
      this.sources.readersChanged();
      void this.demo.streamsChanged();
      this.engine.publish('streams.changed', { ids: change.streams });
    }
  }

  // --- Running ---

  /** Starts the periodic work: the 1 Hz tick and snapshot; brings the demo's endpoint back. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.engine.start(() => this.sources.runtimes());
    void this.demo.restore();
  }

  subscribe(listener: (message: EventMessage) => void): () => void {
    return this.engine.subscribe(listener);
  }

  async close(options: CloseOptions = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Sources first: nothing may be stored once the exporters and the store close.
    await this.engine.close(options.drainMs ?? 0, () => this.sources.close());
    await this.demo.close();
    this.store.close();
  }

  async info(): Promise<AppInfo> {
    return {
      name: 'Sluice',
      version: appVersion,
      dataDir: this.o.dataDir,
      platform: process.platform,
      nodeVersion: process.versions.node,
      engineThread: isMainThread ? 'main' : 'worker',
      keychain: await this.tokens.status(),
      movedAsideStore: this.store.movedAsideTo,
    };
  }

  keychainStatus(): Promise<KeychainStatus> {
    return this.tokens.status();
  }

  snapshot(): EngineSnapshot {
    return this.engine.snapshot(this.sources.runtimes());
  }

  // --- Streams ---

  listStreams(): Stream[] {
    return this.catalog.listStreams();
  }

  getStream(id: string): Stream {
    return this.catalog.getStream(id);
  }

  createStream(settings: StreamSettings, credentials: CredentialChanges, active: boolean) {
    return this.catalog.createStream(settings, credentials, active);
  }

  updateStream(id: string, settings: StreamSettings, credentials: CredentialChanges) {
    return this.catalog.updateStream(id, settings, credentials);
  }

  duplicateStream(id: string, name: string | null): Promise<Stream> {
    return this.catalog.duplicateStream(id, name);
  }

  setStreamActive(id: string, active: boolean): Stream {
    return this.catalog.setStreamActive(id, active);
  }

  /** After a stop (401/403/404) or during a backoff: try sending again now. */
  retryNow(id: string): null {
    this.catalog.getStream(id);
    this.engine.retryNow(id);
    return null;
  }

  /** Deletes a stream, saying how many buffered records went with it (only it still needed them). */
  async deleteStream(id: string): Promise<{ id: string; discardedRecords: number }> {
    const discardedRecords = this.engine.discardedIfRemoved(id);
    await this.catalog.deleteStream(id);
    return { id, discardedRecords };
  }

  /** "Test stream": see test-stream.ts. */
  testStream(input: RequestArgument<'streams.test'>) {
    return runTestStream(
      {
        stream: (id) => this.catalog.getStream(id),
        readCredentials: (stream) => this.catalog.streamCredentials(stream),
        env: this.env,
        noteTest: (streamId, result, of) => this.engine.noteTest(streamId, result, of),
        compileProcessing: (id, settings) => compileStreamProcessing(this.tokens, id, settings),
      },
      input,
    );
  }

  streamHistory({ streamId, range }: RequestArgument<'streams.history'>) {
    this.catalog.getStream(streamId);
    return this.engine.history(streamId, range);
  }

  listEvents(query: RequestArgument<'events.list'>) {
    return this.engine.listEvents(query);
  }

  // --- Dead letters ---

  listDeadLetters(streamId: string) {
    return this.engine.listDeadLetters(streamId);
  }

  deadLetterDetail(id: number) {
    return this.engine.deadLetterDetail(id);
  }

  replayDeadLetters(ids: readonly number[]) {
    return this.engine.replayDeadLetters(ids);
  }

  deleteDeadLetters(ids: readonly number[]) {
    return this.engine.deleteDeadLetters(ids);
  }

  // --- Sources ---

  listSources() {
    return this.catalog.listSources();
  }

  createSource(config: SourceConfig, credentials: CredentialChanges) {
    return this.catalog.createSource(config, credentials);
  }

  updateSource(id: string, config: SourceConfig, credentials: CredentialChanges) {
    return this.catalog.updateSource(id, config, credentials);
  }

  /** Refused while streams read it; the source stops before its definition goes. */
  async deleteSource(id: string): Promise<{ id: string }> {
    await this.catalog.deleteSource(id, () => this.sources.stop(id));
    return { id };
  }

  // --- The inspector and the rule editor ---

  inspectorTail({ streamId, afterId, limit }: RequestArgument<'inspector.tail'>) {
    const stream = this.catalog.getStream(streamId);
    return tail(stream, this.engine.samples(streamId, afterId, limit), afterId);
  }

  previewProcessing(input: RequestArgument<'processing.preview'>) {
    return previewProcessing(
      {
        tokens: this.tokens,
        stream: (id) => this.catalog.getStream(id),
        newestRecords: (ids, count, window) => this.engine.newestRecords(ids, count, window),
        now: Date.now,
      },
      input,
    );
  }

  // --- Settings ---

  settings(): AppSettings {
    return this.engine.settings();
  }

  updateSettings(settings: AppSettings): AppSettings {
    return this.engine.updateSettings(settings);
  }

  // --- Configuration files ---

  exportConfig() {
    return this.catalog.exportConfig();
  }

  exportCollectorConfig(options: RequestArgument<'config.exportCollector'>) {
    try {
      return exportCollectorConfig(this.catalog.exportConfig(), options);
    } catch (err) {
      // What cannot be exported as asked is the user's to fix, said in full.
      if (err instanceof CollectorExportError) throw new EngineError('invalid-input', err.message);
      throw err;
    }
  }

  async applyConfig(input: RequestArgument<'config.apply'>) {
    const result = await this.catalog.applyConfig(input);
    if (result.applied) {
      const summary = summarizeApply(result);
      this.engine.addEvent(configEvent(null, `A configuration file was applied: ${summary}.`));
    }
    return result;
  }

  // --- The demo ---

  /** Creates the demo stream (or returns the one that exists); the offer is not made again. */
  async startDemo(): Promise<DemoResult> {
    const result = await this.demo.start();
    const settings = this.engine.settings();
    if (settings.demoOffered) this.engine.updateSettings({ ...settings, demoOffered: false });
    return result;
  }
}

/** Reads the stream's credentials (the catalog) and makes its sender. */
async function openSender(
  catalog: Catalog,
  senderFactory: SenderFactory,
  stream: Stream,
): Promise<Sender> {
  const credentials = await catalog.streamCredentials(stream);
  return senderFactory(stream, { credentials, timeoutMs: stream.delivery.timeoutMs });
}
