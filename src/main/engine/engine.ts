import { isMainThread } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { AppInfo, EngineSnapshot, StreamRuntime } from '../../shared/api/engine';
import type { Logger } from '../log';
import type { TokenStore } from '../secrets/token-store';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { openDatabase } from './db/open-database';
import { EventHub } from './event-hub';
import { databasePath } from './paths';
import { StreamRepository } from './streams/stream-repository';
import { StreamService } from './streams/stream-service';
import { appVersion } from '../version';

export interface EngineOptions {
  dataDir: string;
  tokens: TokenStore;
  log: Logger;
  now?: () => Date;
  /** How often the snapshot event is published; 1 Hz in the app. */
  snapshotIntervalMs?: number;
}

/**
 * The engine: owns the buffer database (the one writer), the stream
 * configurations and, as later parts land, sources and exporters. It never
 * imports electron and can run in a worker thread or in-process.
 */
export class Engine {
  readonly events = new EventHub();
  readonly streams: StreamService;
  private readonly startedAt: number;
  private snapshotSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly options: EngineOptions,
    private readonly db: Database,
    private readonly lock: DataDirLock,
  ) {
    const now = options.now ?? (() => new Date());
    this.startedAt = now().getTime();
    this.streams = new StreamService({
      repo: new StreamRepository(db),
      tokens: options.tokens,
      now,
      changed: (ids) => this.events.emit('streams.changed', { ids }),
    });
  }

  static open(options: EngineOptions): Engine {
    const lock = lockDataDir(options.dataDir);
    try {
      const { db, movedAsideTo } = openDatabase(databasePath(options.dataDir), options.now);
      if (movedAsideTo) {
        options.log.warn(
          'The buffer database could not be read and was moved aside; a new one was started.',
          {
            movedTo: movedAsideTo,
          },
        );
      }
      return new Engine(options, db, lock);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  private now(): number {
    return (this.options.now ?? (() => new Date()))().getTime();
  }

  /** Starts the periodic snapshot. */
  start(): void {
    if (this.timer || this.closed) return;
    const interval = this.options.snapshotIntervalMs ?? 1_000;
    this.timer = setInterval(() => this.events.emit('engine.snapshot', this.snapshot()), interval);
    this.timer.unref?.();
  }

  snapshot(): EngineSnapshot {
    const streams: StreamRuntime[] = this.streams.list().map((s) => ({
      id: s.id,
      status: s.active ? 'active' : 'inactive',
      statusReason: s.active ? null : 'Paused by the user.',
    }));
    const at = this.now();
    return { at, seq: ++this.snapshotSeq, uptimeMs: at - this.startedAt, streams };
  }

  async info(): Promise<AppInfo> {
    return {
      name: 'Sluice',
      version: appVersion,
      dataDir: this.options.dataDir,
      platform: process.platform,
      nodeVersion: process.versions.node,
      engineThread: isMainThread ? 'main' : 'worker',
      keychain: await this.options.tokens.status(),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.db.close();
    this.lock.release();
  }
}
