import type { DeadLetter, DeadLetterDetail, ReplayResult } from '../../shared/api/dead-letters';
import type { EngineSnapshot } from '../../shared/api/engine';
import type { EventMessage, EventName, EventPayload } from '../../shared/api/contract';
import type { StreamEvent } from '../../shared/api/event-log';
import type { HistoryPoint, HistoryRange } from '../../shared/api/history';
import type { AppSettings } from '../../shared/api/settings';
import type { SourceRuntime } from '../../shared/api/sources';
import type { Stream } from '../../shared/api/streams';
import type { TestStreamResult } from '../../shared/api/test-stream';
import { decodeExportRequest, exportRequestToJson } from '../../shared/otlp';
import type { RecordBatch } from '../../shared/otlp/record-batch';
import type { CompiledProcessing } from '../../shared/processing';
import { EngineError } from '../base/errors';
import type { Logger } from '../base/log';
import type { Sender } from '../destinations/sender';
import type { AppendOutcome, FullPolicy } from './buffer/buffer';
import { DeadLetterStore } from './dead-letters';
import { EngineNotes } from './events/engine-notes';
import { EventHub } from './events/event-hub';
import { EventLog, type NewEvent } from './events/event-log';
import { EngineThreadMonitor } from './metrics/engine-thread';
import { HistoryStore } from './metrics/history-store';
import { Pipeline } from './pipeline';
import type { BufferedRecord, IngestTarget, Sample } from './ports';
import { describeSettingsChange } from './settings-change';
import { SettingsStore } from './settings-store';
import type { StateStore } from './state-store';
import type { Store } from './store';

/** What the data plane needs from the layers above it, handed in when it is built. */
export interface EngineSupply {
  /** Makes a stream's sender, with its credentials (the catalog reads them). */
  openSender(stream: Stream): Promise<Sender>;
  /** A stream's processing rules compiled with its key (null: nothing to apply). */
  compileProcessing(stream: Stream): Promise<CompiledProcessing | null>;
  /** A source's full-buffer policy, from its definition (asked only when the buffer is full). */
  policyOf(sourceId: string): FullPolicy;
}

export interface EngineOptions {
  store: Store;
  /** The engine's own state (the running flag), in the store. */
  state: StateStore;
  log: Logger;
  supply: EngineSupply;
  now: () => number;
  random?: () => number;
  /** How often the snapshot event is published; 1 Hz in the app. */
  snapshotIntervalMs?: number;
  /** Keep exporters for their figures but start none: nothing is sent (docs/config.md). */
  passive?: boolean;
}

const dayMs = 24 * 3_600_000;

/**
 * The data plane: the buffer, one exporter per stream, metrics, the event
 * log, dead letters and the engine's settings, in the store it is given.
 * It knows streams only as the definitions it is synced with and sources
 * only as ids that write to it (IngestTarget); what it needs from above
 * arrives as EngineSupply. It never imports electron.
 */
export class Engine implements IngestTarget {
  private readonly hub = new EventHub();
  private readonly settingsStore: SettingsStore;
  private readonly eventLog: EventLog;
  private readonly deadLetters: DeadLetterStore;
  private readonly historyStore: HistoryStore;
  private readonly pipeline: Pipeline;
  private readonly notes: EngineNotes;
  private readonly thread = new EngineThreadMonitor();
  private readonly startedAt: number;
  private readonly now: () => number;
  private readonly passive: boolean;
  private snapshotSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private sourceRuntimes: () => SourceRuntime[] = () => [];
  private lastPruneAt = 0;

  constructor(private readonly o: EngineOptions) {
    const db = o.store.db;
    this.now = o.now;
    this.passive = o.passive ?? false;
    this.startedAt = this.now();
    this.settingsStore = new SettingsStore(db);
    this.eventLog = new EventLog(db, this.now, (e) => this.publish('events.added', e));
    this.deadLetters = new DeadLetterStore(db, this.now);
    this.notes = new EngineNotes(this.eventLog, o.state);
    this.historyStore = new HistoryStore(db);
    this.pipeline = new Pipeline({
      db,
      events: this.eventLog,
      deadLetters: this.deadLetters,
      history: this.historyStore,
      log: o.log,
      now: this.now,
      random: o.random ?? Math.random,
      capBytes: () => this.settingsStore.get().buffer.capBytes,
      policyOf: o.supply.policyOf,
      openSender: o.supply.openSender,
      compileProcessing: o.supply.compileProcessing,
      deadLettersChanged: (streamId) => this.publish('deadLetters.changed', { streamId }),
      passive: this.passive,
    });
    if (o.store.movedAsideTo) {
      this.eventLog.add({
        streamId: null,
        kind: 'error',
        level: 'error',
        message: `The buffer database could not be read and was moved aside to ${o.store.movedAsideTo}; a new one was started. Nothing was deleted.`,
      });
    }
  }

  // --- Events for the front doors, and the event log ---

  subscribe(listener: (message: EventMessage) => void): () => void {
    return this.hub.subscribe(listener);
  }

  publish<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.hub.emit(event, payload);
  }

  addEvent(event: NewEvent): StreamEvent {
    return this.eventLog.add(event);
  }

  listEvents(query: Parameters<EventLog['list']>[0]): StreamEvent[] {
    return this.eventLog.list(query);
  }

  /** "Test stream passed" or "failed" in the stream's event log. */
  noteTest(streamId: string, result: TestStreamResult, of: string): void {
    this.notes.tested(streamId, result, of);
  }

  // --- Sources write here ---

  ingest(sourceId: string, batch: RecordBatch, alsoInTransaction?: () => void): AppendOutcome {
    return this.pipeline.ingest(sourceId, batch, alsoInTransaction);
  }

  readersOf(sourceId: string): readonly string[] {
    return this.pipeline.readersOf(sourceId);
  }

  // --- Streams ---

  /** Brings the exporters in line with the stream definitions. */
  syncStreams(streams: readonly Stream[]): void {
    this.pipeline.sync(streams);
  }

  /** After a stop or during a backoff: send again now. False for a stream it does not run. */
  retryNow(streamId: string): boolean {
    return this.pipeline.retryNow(streamId);
  }

  /** Buffered records that only this stream still needs: what deleting it discards. */
  discardedIfRemoved(streamId: string): number {
    return this.pipeline.discardedIfRemoved(streamId);
  }

  history(streamId: string, range: HistoryRange): HistoryPoint[] {
    return this.pipeline.history(streamId, range);
  }

  /** The live inspector's samples of what a stream sent, after `afterId`. */
  samples(streamId: string, afterId: number, limit: number): Sample[] {
    return this.pipeline.sampler(streamId)?.after(afterId, limit) ?? [];
  }

  /**
   * The newest buffered records of some sources (only records a stream reads
   * are buffered), looking back at most `window` sequence numbers; read the
   * way the exporter reads them.
   */
  newestRecords(sourceIds: readonly string[], count: number, window: number): BufferedRecord[] {
    const buffer = this.pipeline.buffer;
    const from = Math.max(0, buffer.maxSeq() - window);
    const rows = [...buffer.storedRecords(sourceIds, from)];
    return rows.slice(-count).map((row) => ({
      record: row.bytes,
      resource: buffer.resource(row.resourceId),
      scope: buffer.scope(row.scopeId),
    }));
  }

  // --- Dead letters ---

  listDeadLetters(streamId: string): DeadLetter[] {
    return this.deadLetters.list(streamId);
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
      this.publish('deadLetters.changed', { streamId: id });
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
    for (const streamId of streams) this.publish('deadLetters.changed', { streamId });
    return { deleted };
  }

  // --- Settings ---

  settings(): AppSettings {
    return this.settingsStore.get();
  }

  /** Saves the settings; what changed goes to the event log. */
  updateSettings(settings: AppSettings): AppSettings {
    const before = this.settingsStore.get();
    const saved = this.settingsStore.set(settings);
    const changes = describeSettingsChange(before, saved);
    if (changes) {
      this.eventLog.add({ streamId: null, kind: 'config', level: 'info', message: changes });
    }
    this.publish('settings.changed', saved);
    return saved;
  }

  // --- Running ---

  /**
   * Starts the periodic work: the 1 Hz tick and snapshot, whose sources
   * part `sourceRuntimes` gives (the sources run above the engine).
   */
  start(sourceRuntimes: () => SourceRuntime[]): void {
    if (this.timer) return;
    this.sourceRuntimes = sourceRuntimes;
    if (!this.passive) this.notes.started();
    this.thread.start();
    const interval = this.o.snapshotIntervalMs ?? 1_000;
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
        const keep = this.settingsStore.get().historyRetentionDays * dayMs;
        this.eventLog.pruneOlderThan(now - keep);
        this.historyStore.pruneOlderThan(now - keep);
      }
      const snapshot = this.snapshot(this.sourceRuntimes());
      this.notes.beat(snapshot.streams);
      this.publish('engine.snapshot', snapshot);
    } catch (err) {
      this.o.log.error('Engine tick failed', { error: (err as Error).stack });
    }
  }

  /** The figures of this moment; `sources` are the sources' runtimes. */
  snapshot(sources: SourceRuntime[]): EngineSnapshot {
    const at = this.now();
    const buffer = this.pipeline.buffer;
    const capBytes = this.settingsStore.get().buffer.capBytes;
    const usedBytes = buffer.usedBytes();
    return {
      at,
      seq: ++this.snapshotSeq,
      uptimeMs: at - this.startedAt,
      buffer: { usedBytes, capBytes, records: buffer.records, full: buffer.isFull() },
      streams: this.pipeline.runtimes(),
      sources,
      engine: this.thread.figures(),
    };
  }

  /**
   * Stops the tick, then (`stopSources`) whatever writes to the engine, then
   * the exporters: nothing may be stored once they and the store close.
   * `drainMs`: how long each stream may take to finish the request it has
   * in flight (committing its outcome) before it is cut short. The caller
   * closes the store after.
   */
  async close(drainMs = 0, stopSources: () => Promise<void> = async () => {}): Promise<void> {
    const started = this.timer !== null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.thread.stop();
    await stopSources();
    await this.pipeline.close(drainMs);
    if (!this.passive && started) this.notes.stopped();
  }
}
