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

function idleRuntime(id: string, active: boolean): StreamRuntime {
  const zero = {
    recordsIn: 0,
    bytesIn: 0,
    recordsOut: 0,
    bytesOut: 0,
    requests: 0,
    errors: 0,
    retries: 0,
    rejected: 0,
    deadLettered: 0,
    dropped: 0,
    filtered: 0,
  };
  return {
    id,
    status: active ? 'active' : 'inactive',
    statusReason: active ? null : 'Paused by the user.',
    sending: active ? 'idle' : 'paused',
    nextAttemptAt: null,
    lastError: null,
    rates: {
      recordsInPerSec: 0,
      bytesInPerSec: 0,
      recordsOutPerSec: 0,
      bytesOutPerSec: 0,
      errorsPerSec: 0,
      retriesPerSec: 0,
    },
    totals: zero,
    backlogRecords: 0,
    backlogBytes: 0,
    oldestBufferedAgeMs: null,
    latencyP50Ms: null,
    latencyP95Ms: null,
  };
}

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
    private readonly movedAsideStore: string | null,
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
      return new Engine(options, db, lock, movedAsideTo);
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
    const streams: StreamRuntime[] = this.streams.list().map((s) => idleRuntime(s.id, s.active));
    const at = this.now();
    return {
      at,
      seq: ++this.snapshotSeq,
      uptimeMs: at - this.startedAt,
      buffer: { usedBytes: 0, capBytes: 0, records: 0, full: false },
      streams,
      sources: [],
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
      keychain: await this.options.tokens.status(),
      movedAsideStore: this.movedAsideStore,
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
