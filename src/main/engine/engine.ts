import { isMainThread } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { AppInfo, EngineSnapshot } from '../../shared/api/engine';
import type { Stream } from '../../shared/api/streams';
import { credentialNames } from '../../shared/destinations/schema';
import type { Sender, SenderFactory } from '../destinations/sender';
import type { RequestArgument } from '../../shared/api/contract';
import type { TestStreamResult } from '../../shared/api/test-stream';
import type { DeadLetterDetail, ReplayResult } from '../../shared/api/dead-letters';
import type { AppSettings } from '../../shared/api/settings';
import { decodeExportRequest, exportRequestToJson } from '../../shared/otlp';
import { EngineError } from '../base/errors';
import type { Logger } from '../base/log';
import { credentialAccount, type TokenStore } from '../secrets/token-store';
import { appVersion } from '../base/version';
import { DeadLetterStore } from './dead-letters';
import { EngineNotes } from './events/engine-notes';
import { runTestStream } from './run-test-stream';
import { EventLog } from './events/event-log';
import { lockDataDir, type DataDirLock } from '../data-dir/data-dir-lock';
import { openDatabase } from './db/open-database';
import { EventHub } from './events/event-hub';
import { EngineThreadMonitor } from './metrics/engine-thread';
import { HistoryStore } from './metrics/history-store';
import { databasePath } from '../data-dir/paths';
import { Pipeline } from './pipeline';
import { compileStreamProcessing } from './processing/stream-processing';
import { SettingsStore } from './settings-store';
import { StreamRepository } from '../catalog/streams/stream-repository';
import { StreamService } from '../catalog/streams/stream-service';
import { DemoManager } from './demo';
import { describeSettingsChange } from './settings-change';
import { StateStore } from './state-store';
import { SessionTokenStore } from '../secrets/session-token-store';
import { ConfigService } from '../catalog/config/config-service';
import { CredentialEnvStore } from '../catalog/config/credential-env-store';
import type { Applied } from '../catalog/config/apply-config';
import { FilePositionStore, SourceManager, type SourceManagerDeps } from '../sources';
import { ensureDefaultSources } from '../catalog/sources/defaults';
import { SourceRepository } from '../catalog/sources/source-repository';
import { SourceService } from '../catalog/sources/source-service';

export interface EngineOptions {
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

const dayMs = 24 * 3_600_000;

/**
 * The engine: owns the buffer database (the one writer), the stream
 * configurations, the exporters and, as they land, the sources. It never
 * imports electron and runs in a worker thread or in-process.
 */
export class Engine {
  readonly events = new EventHub();
  readonly streams: StreamService;
  readonly settings: SettingsStore;
  readonly eventLog: EventLog;
  readonly deadLetters: DeadLetterStore;
  readonly pipeline: Pipeline;
  readonly sources: SourceService;
  readonly sourceManager: SourceManager;
  readonly demo: DemoManager;
  readonly config: ConfigService;
  /** The keychain, plus credentials held only in memory (demo, environment). */
  readonly tokens: SessionTokenStore;
  private readonly state: StateStore;
  private readonly history: HistoryStore;
  private readonly startedAt: number;
  private readonly now: () => number;
  private readonly envStore: CredentialEnvStore;
  private readonly passive: boolean;
  private readonly thread = new EngineThreadMonitor();
  private readonly notes: EngineNotes;
  private snapshotSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastPruneAt = 0;
  private closed = false;

  private constructor(
    private readonly options: EngineOptions,
    private readonly db: Database,
    private readonly lock: DataDirLock,
    private readonly movedAsideStore: string | null,
  ) {
    this.now = options.now ?? Date.now;
    this.passive = options.passive ?? false;
    this.startedAt = this.now();
    this.settings = new SettingsStore(db);
    this.state = new StateStore(db);
    this.tokens = new SessionTokenStore(options.tokens);
    this.eventLog = new EventLog(db, this.now, (e) => this.events.emit('events.added', e));
    this.deadLetters = new DeadLetterStore(db, this.now);
    this.notes = new EngineNotes(this.eventLog, this.state);
    this.history = new HistoryStore(db);
    this.pipeline = new Pipeline({
      db,
      events: this.eventLog,
      deadLetters: this.deadLetters,
      history: this.history,
      log: options.log,
      now: this.now,
      random: options.random ?? Math.random,
      capBytes: () => this.settings.get().buffer.capBytes,
      policyOf: (sourceId) => this.sources.policyOf(sourceId),
      openSender: (stream) => this.openSender(stream),
      compileProcessing: (stream) => compileStreamProcessing(this.tokens, stream.id, stream),
      deadLettersChanged: (streamId) => this.events.emit('deadLetters.changed', { streamId }),
      passive: this.passive,
    });
    const streamRepo = new StreamRepository(db);
    const sourceRepo = new SourceRepository(db);
    this.envStore = new CredentialEnvStore(db);
    this.streams = new StreamService({
      repo: streamRepo,
      tokens: this.tokens,
      now: () => new Date(this.now()),
      changed: (ids) => this.streamsChanged(ids),
      sourceExists: (id) => this.sources.list().some((s) => s.id === id),
      logEvent: (e) => this.eventLog.add(e),
      sourceName: (id) => this.sources.list().find((s) => s.id === id)?.name ?? null,
    });
    this.sourceManager = new SourceManager({
      target: this.pipeline,
      positions: new FilePositionStore(db),
      events: this.eventLog,
      log: options.log,
      now: this.now,
      readCredential: (id, name) => this.sources.readCredential(id, name),
      ...(options.sourceTiming ? { timing: options.sourceTiming } : {}),
    });
    this.sources = new SourceService({
      repo: sourceRepo,
      tokens: this.tokens,
      now: () => new Date(this.now()),
      readersOf: (id) => this.streams.list().filter((s) => s.sourceIds.includes(id)),
      changed: (ids, restart) => this.sourcesChanged(ids, restart),
      stopping: (id) => this.sourceManager.stop(id),
      logEvent: (e) => this.eventLog.add(e),
    });
    this.config = new ConfigService({
      streamRepo,
      sourceRepo,
      envStore: this.envStore,
      streams: this.streams,
      sources: this.sources,
      tokens: this.tokens,
      env: options.env ?? process.env,
      now: () => new Date(this.now()),
      applied: (applied, summary) => this.configApplied(applied, summary),
    });
    if (movedAsideStore) {
      this.eventLog.add({
        streamId: null,
        kind: 'error',
        level: 'error',
        message: `The buffer database could not be read and was moved aside to ${movedAsideStore}; a new one was started. Nothing was deleted.`,
      });
    }
    // Before any exporter or source starts: they read these credentials.
    const unset = this.config.loadFromEnvironment();
    // A passive engine (a command) sends nothing: its environment is not the one that matters.
    for (const { owner, variable } of this.passive ? [] : unset) {
      this.eventLog.add({
        streamId: null,
        kind: 'config',
        level: 'warn',
        message: `The credential of ${owner} is read from the environment variable ${variable}, which is not set for this Sluice. Set it and start Sluice again.`,
      });
    }
    this.pipeline.sync(this.streams.list());
    this.demo = new DemoManager({
      streams: this.streams,
      sources: this.sources,
      state: this.state,
      tokens: this.tokens,
      log: options.log,
    });
    if (options.createDefaultSources !== false) ensureDefaultSources(this.state, this.sources);
    if (!this.passive) void this.sourceManager.sync(this.sources.list());
  }

  private streamsChanged(ids: string[]): void {
    this.pipeline.sync(this.streams.list());
    this.sourceManager.readersChanged();
    void this.demo.streamsChanged();
    this.events.emit('streams.changed', { ids });
  }

  private sourcesChanged(ids: string[], restart: string[]): void {
    if (!this.passive) void this.sourceManager.sync(this.sources.list(), restart);
    this.events.emit('sources.changed', { ids });
  }

  private configApplied(applied: Applied, summary: string): void {
    this.sourcesChanged(applied.sourceIds, applied.restartSourceIds);
    this.streamsChanged(applied.streamIds);
    this.eventLog.add({
      streamId: null,
      kind: 'config',
      level: 'info',
      message: `A configuration file was applied: ${summary}.`,
    });
  }

  static open(options: EngineOptions): Engine {
    const lock = lockDataDir(options.dataDir);
    try {
      const now = options.now ?? Date.now;
      const { db, movedAsideTo } = openDatabase(
        databasePath(options.dataDir),
        () => new Date(now()),
      );
      if (movedAsideTo) {
        options.log.warn(
          'The buffer database could not be read and was moved aside; a new one was started.',
          {
            movedTo: movedAsideTo,
          },
        );
      }
      return new Engine(options, db, lock, movedAsideTo);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  /** A stream's stored credentials, from the keychain. Engine-only. */
  private async readCredentials(stream: Stream): Promise<Record<string, string>> {
    const credentials: Record<string, string> = {};
    for (const name of credentialNames[stream.destination.tool]) {
      const variable = this.envStore.get(stream.id, name);
      if (variable !== null && !this.tokens.isInMemory(credentialAccount(stream.id, name))) {
        throw new EngineError(
          'unavailable',
          `The ${name === 'token' ? 'API token' : name} of this stream is read from the environment variable ${variable}, which was not set when Sluice started. Set it and start Sluice again.`,
        );
      }
      if (!stream.credentials[name]?.set) continue;
      const value = await this.tokens.get(credentialAccount(stream.id, name));
      if (value === null) {
        throw new EngineError(
          'keychain-unavailable',
          `The ${name === 'token' ? 'API token' : name} of this stream is missing from the OS keychain. Edit the stream and enter it again.`,
        );
      }
      credentials[name] = value;
    }
    return credentials;
  }

  /** Reads the stream's credentials from the keychain and makes its sender. */
  private async openSender(stream: Stream): Promise<Sender> {
    const credentials = await this.readCredentials(stream);
    return this.options.senderFactory(stream, {
      credentials,
      timeoutMs: stream.delivery.timeoutMs,
    });
  }

  /** "Test stream": see run-test-stream.ts. */
  testStream(input: RequestArgument<'streams.test'>): Promise<TestStreamResult> {
    return runTestStream(
      {
        stream: (id) => this.streams.get(id),
        readCredentials: (stream) => this.readCredentials(stream),
        env: this.options.env ?? process.env,
        notes: this.notes,
        compileProcessing: (id, settings) => compileStreamProcessing(this.tokens, id, settings),
      },
      input,
    );
  }

  deadLetterDetail(id: number): DeadLetterDetail {
    const dl = this.deadLetters.get(id);
    if (!dl)
      throw new EngineError(
        'not-found',
        'That dead letter no longer exists (it may have been replayed or deleted).',
      );
    const { request, ...rest } = dl;
    let requestJson: unknown;
    try {
      requestJson = exportRequestToJson(decodeExportRequest(request));
    } catch {
      requestJson = null;
    }
    return { ...rest, requestJson };
  }

  replayDeadLetters(ids: readonly number[]): ReplayResult {
    const { streamIds, queued } = this.deadLetters.requestReplay(ids);
    for (const id of streamIds) {
      this.pipeline.wake(id);
      this.events.emit('deadLetters.changed', { streamId: id });
    }
    return { queued };
  }

  deleteDeadLetters(ids: readonly number[]): { deleted: number } {
    const streams = new Set<string>();
    let deleted = 0;
    for (const id of ids) {
      const dl = this.deadLetters.get(id);
      if (dl && this.deadLetters.delete(id)) {
        deleted++;
        streams.add(dl.streamId);
      }
    }
    for (const streamId of streams) this.events.emit('deadLetters.changed', { streamId });
    return { deleted };
  }

  updateSettings(settings: AppSettings): AppSettings {
    const before = this.settings.get();
    const saved = this.settings.set(settings);
    const changes = describeSettingsChange(before, saved);
    if (changes) {
      this.eventLog.add({ streamId: null, kind: 'config', level: 'info', message: changes });
    }
    this.events.emit('settings.changed', saved);
    return saved;
  }

  /** Starts the periodic work: the 1 Hz tick and snapshot. */
  start(): void {
    if (this.timer || this.closed) return;
    if (!this.passive) this.notes.started();
    void this.demo.restore();
    this.thread.start();
    const interval = this.options.snapshotIntervalMs ?? 1_000;
    this.timer = setInterval(() => this.tick(), interval);
    this.timer.unref?.();
  }

  private tick(): void {
    try {
      this.pipeline.tick();
      this.pipeline.buffer.measure();
      this.thread.sample();
      const now = this.now();
      if (now - this.lastPruneAt > 3_600_000) {
        this.lastPruneAt = now;
        const keep = this.settings.get().historyRetentionDays * dayMs;
        this.eventLog.pruneOlderThan(now - keep);
        this.history.pruneOlderThan(now - keep);
      }
      const snapshot = this.snapshot();
      this.notes.beat(snapshot.streams);
      this.events.emit('engine.snapshot', snapshot);
    } catch (err) {
      this.options.log.error('Engine tick failed', { error: (err as Error).stack });
    }
  }

  snapshot(): EngineSnapshot {
    const at = this.now();
    const buffer = this.pipeline.buffer;
    const capBytes = this.settings.get().buffer.capBytes;
    const usedBytes = buffer.usedBytes();
    return {
      at,
      seq: ++this.snapshotSeq,
      uptimeMs: at - this.startedAt,
      buffer: { usedBytes, capBytes, records: buffer.records, full: buffer.isFull() },
      streams: this.pipeline.runtimes(),
      sources: this.sourceManager.runtimes(),
      engine: this.thread.figures(),
    };
  }

  async info(): Promise<AppInfo> {
    return {
      name: 'Sluice',
      version: appVersion,
      dataDir: this.options.dataDir,
      platform: process.platform,
      nodeVersion: process.versions.node,
      engineThread: isMainThread ? 'main' : 'worker',
      keychain: await this.tokens.status(),
      movedAsideStore: this.movedAsideStore,
    };
  }

  async close(options: CloseOptions = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.thread.stop();
    // Sources first: nothing may be stored once the exporters and database close.
    await this.sourceManager.close();
    await this.pipeline.close(options.drainMs ?? 0);
    await this.demo.close();
    if (!this.passive && this.timer) {
      this.notes.stopped();
    }
    this.db.close();
    this.lock.release();
  }
}
