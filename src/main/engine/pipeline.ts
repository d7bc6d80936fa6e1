import type { Database } from 'better-sqlite3';
import {
  streamStatusLabels,
  type LogAgeState,
  type StreamRuntime,
  type StreamStatus,
} from '../../shared/api/engine';
import type { HistoryPoint, HistoryRange } from '../../shared/api/history';
import type { Stream } from '../../shared/api/streams';
import { indexExportRequest } from '../../shared/otlp';
import type { RecordBatch } from '../../shared/otlp/record-batch';
import type { CompiledProcessing } from '../../shared/processing';
import type { Sender } from '../destinations/sender';
import type { Logger } from '../base/log';
import type { DeadLetterStore } from './dead-letters';
import type { EventLog } from './events/event-log';
import { RecordBuffer, type AppendOutcome, type FullPolicy } from './buffer/buffer';
import { Sampler } from './exporter/sampler';
import { logAgeState, logAgeWarning } from './exporter/log-age';
import { deriveStatus } from './exporter/status';
import { StreamExporter } from './exporter/stream-exporter';
import type { HistoryStore } from './metrics/history-store';
import { StreamMetrics } from './metrics/stream-metrics';

export interface PipelineDeps {
  db: Database;
  events: EventLog;
  deadLetters: DeadLetterStore;
  history: HistoryStore;
  log: Logger;
  now(): number;
  random(): number;
  capBytes(): number;
  /** A source's full-buffer policy, from its configuration (asked only when the buffer is full). */
  policyOf(sourceId: string): FullPolicy;
  openSender(stream: Stream): Promise<Sender>;
  compileProcessing(stream: Stream): Promise<CompiledProcessing | null>;
  deadLettersChanged(streamId: string): void;
  /** Keep exporters for their figures (backlog) but never start them: nothing is sent. */
  passive?: boolean;
}

interface StreamState {
  stream: Stream;
  exporter: StreamExporter;
  metrics: StreamMetrics;
  sampler: Sampler;
  status: StreamStatus | null;
  oldestMs: number | null;
  /** Dynatrace streams: the backlog against the log age (docs/exporter.md, "Log age"). */
  logAge: LogAgeState | null;
}

/** How often the log-age outlook is worked out (it reads every backlog segment's row). */
const logAgeEveryMs = 10_000;

/**
 * Sources -> buffer -> one exporter per stream. Routes each source's records
 * to the streams that read it, keeps each stream's metrics, derives statuses
 * once a second and logs their transitions, and deletes what every reader has
 * passed.
 */
export class Pipeline {
  readonly buffer: RecordBuffer;
  private readonly states = new Map<string, StreamState>();
  private readers = new Map<string, string[]>();
  private collectPending = false;
  private logAgeAt = 0;

  constructor(private readonly deps: PipelineDeps) {
    this.buffer = new RecordBuffer(deps.db, {
      readersOf: (sourceId) => this.readers.get(sourceId) ?? [],
      policyOf: deps.policyOf,
      capBytes: deps.capBytes,
      now: deps.now,
      inFlightUpTo: (streamId) => this.states.get(streamId)?.exporter.inFlightUpTo ?? 0,
      onDropped: (streamId, records, bytes) => this.dropped(streamId, records, bytes),
    });
  }

  /** Brings exporters in line with the stream configurations. */
  sync(streams: readonly Stream[]): void {
    const readers = new Map<string, string[]>();
    for (const s of streams) {
      for (const src of s.sourceIds) readers.set(src, [...(readers.get(src) ?? []), s.id]);
    }
    this.readers = readers;
    const seen = new Set<string>();
    for (const stream of streams) {
      seen.add(stream.id);
      const state = this.states.get(stream.id);
      if (!state) {
        this.add(stream);
      } else if (JSON.stringify(state.stream) !== JSON.stringify(stream)) {
        const sourcesChanged =
          JSON.stringify(state.stream.sourceIds) !== JSON.stringify(stream.sourceIds);
        const activeChanged = state.stream.active !== stream.active;
        state.stream = stream;
        state.exporter.update(stream);
        if (sourcesChanged) this.recountBacklog(state);
        // A pause or resume is logged when it happens, not at the next tick.
        if (activeChanged) this.noteStatus(state, this.deps.now());
      }
    }
    for (const [id, state] of this.states) {
      if (seen.has(id)) continue;
      this.states.delete(id);
      this.buffer.forgetCursor(id);
      void state.exporter.close();
      this.collectPending = true;
    }
  }

  private add(stream: Stream): void {
    this.buffer.startCursor(stream.id);
    const metrics = new StreamMetrics();
    const sampler = new Sampler();
    const exporter = new StreamExporter(stream, {
      db: this.deps.db,
      buffer: this.buffer,
      events: this.deps.events,
      deadLetters: this.deps.deadLetters,
      metrics,
      sampler,
      log: this.deps.log,
      openSender: this.deps.openSender,
      compileProcessing: this.deps.compileProcessing,
      now: this.deps.now,
      random: this.deps.random,
      cursorMoved: () => {
        this.collectPending = true;
      },
      deadLettersChanged: this.deps.deadLettersChanged,
    });
    const state: StreamState = {
      stream,
      exporter,
      metrics,
      sampler,
      status: null,
      oldestMs: null,
      logAge: null,
    };
    this.states.set(stream.id, state);
    this.recountBacklog(state);
    // The starting status is the baseline, so the first change (even one
    // before the first tick, like a pause a moment after start) is logged.
    state.status = this.statusOf(state, this.deps.now()).status;
    if (!this.deps.passive) exporter.start();
  }

  private recountBacklog(state: StreamState): void {
    const b = this.buffer.backlog(state.stream.id, state.stream.sourceIds);
    state.metrics.backlogRecords = b.records;
    state.metrics.backlogBytes = b.bytes;
    state.oldestMs = b.oldestMs;
  }

  readersOf(sourceId: string): readonly string[] {
    return this.readers.get(sourceId) ?? [];
  }

  /**
   * Stores a source's records; when it returns, they are committed and the
   * source may acknowledge them. `alsoInTransaction` commits with them (a file
   * position). Throws BufferFullError under the `block` policy when full.
   */
  ingest(sourceId: string, batch: RecordBatch, alsoInTransaction?: () => void): AppendOutcome {
    const outcome = this.buffer.append(sourceId, batch, alsoInTransaction);
    if (outcome.accepted > 0) {
      for (const id of this.readersOf(sourceId)) {
        const state = this.states.get(id);
        if (!state) continue;
        state.metrics.recordIn(outcome.accepted, outcome.bytes);
        state.exporter.wake();
      }
    }
    return outcome;
  }

  /** The same, for a binary protobuf ExportLogsServiceRequest. Throws OtlpDecodeError. */
  ingestRequest(sourceId: string, request: Uint8Array): AppendOutcome {
    return this.ingest(sourceId, indexExportRequest(request));
  }

  private dropped(streamId: string, records: number, bytes: number): void {
    const state = this.states.get(streamId);
    if (!state || records === 0) return;
    state.metrics.totals.dropped += records;
    state.metrics.passed(records, bytes);
    const message = `The buffer reached its disk cap: ${records} of the oldest undelivered ${records === 1 ? 'record was' : 'records were'} dropped (the source's policy is drop-oldest).`;
    state.exporter.report.problem(message, null, null);
    this.deps.events.add({ streamId, kind: 'dropped', level: 'warn', message });
  }

  /** Once a second: rates, statuses (transitions become events), history rows, deletion. */
  tick(): void {
    const now = this.deps.now();
    const logAgeDue = now - this.logAgeAt >= logAgeEveryMs;
    if (logAgeDue) this.logAgeAt = now;
    for (const state of this.states.values()) {
      const row = state.metrics.tick(now);
      if (row) this.deps.history.add(state.stream.id, row);
      state.oldestMs = this.buffer.backlogOldest(state.stream.id, state.stream.sourceIds);
      if (logAgeDue) this.updateLogAge(state, now);
      this.noteStatus(state, now);
    }
    if (this.collectPending) {
      this.collectPending = false;
      this.buffer.collect();
    }
  }

  /** The backlog of a Dynatrace stream against the log age, at the rate it has been draining. */
  private updateLogAge(state: StreamState, now: number): void {
    const limitMs = state.exporter.logAgeLimitMs;
    if (limitMs === null) {
      state.logAge = null;
      return;
    }
    state.logAge = logAgeState({
      nowMs: now,
      limitMs,
      drainPerSec: state.stream.active ? state.metrics.recentOutRate(60) : 0,
      stretches: this.buffer.backlogStretches(state.stream.id, state.stream.sourceIds),
    });
    const warning = logAgeWarning(state.logAge, state.exporter.logAgeMs !== null);
    if (warning) state.exporter.report.warn(warning);
  }

  /** Derives the stream's status; a change becomes an event (what `sluice run` prints). */
  private noteStatus(state: StreamState, now: number): void {
    const { status, reason } = this.statusOf(state, now);
    if (state.status !== null && state.status !== status) {
      this.deps.events.add({
        streamId: state.stream.id,
        kind: 'status',
        level: status === 'active-with-errors' ? 'warn' : 'info',
        message: `Status is now ${streamStatusLabels[status]}${reason ? `: ${reason}` : '.'}`,
      });
    }
    state.status = status;
  }

  private statusOf(state: StreamState, now: number) {
    const e = state.exporter;
    return deriveStatus({
      active: state.stream.active,
      sending: e.sending,
      lastError: e.lastError,
      lastProblem: e.lastProblem,
      warning: logAgeWarning(state.logAge, e.logAgeMs !== null),
      now,
    });
  }

  runtimes(): StreamRuntime[] {
    const now = this.deps.now();
    return [...this.states.values()].map((state) => {
      const { status, reason } = this.statusOf(state, now);
      const e = state.exporter;
      const m = state.metrics;
      const latency = m.latencyPercentiles(now);
      return {
        id: state.stream.id,
        status,
        statusReason: reason,
        // The loop notices a pause at its next step; the answer is already known.
        sending: state.stream.active ? e.sending : 'paused',
        nextAttemptAt: e.nextAttemptAt,
        lastError: e.lastError,
        rates: m.currentRates(),
        totals: { ...m.totals },
        backlogRecords: m.backlogRecords,
        backlogBytes: m.backlogBytes,
        oldestBufferedAgeMs: state.oldestMs === null ? null : Math.max(0, now - state.oldestMs),
        latencyP50Ms: latency.p50,
        latencyP95Ms: latency.p95,
        logAge: state.logAge,
        wouldChange: { ...m.wouldChange },
        requestDurations: m.requestDurations.figures(),
        processing: this.processingCounts(state, now),
      };
    });
  }

  /** What each rule changed in the last minute; null when the stream has no rules. */
  private processingCounts(state: StreamState, now: number): Record<string, number> | null {
    const s = state.stream;
    if ((s.processing?.length ?? 0) === 0 && !s.delivery.outsystemsTruncation) return null;
    return state.metrics.processing.totals(now);
  }

  retryNow(streamId: string): boolean {
    const state = this.states.get(streamId);
    state?.exporter.retryNow();
    return state !== undefined;
  }

  /** Wakes a stream so it picks up dead letters queued for replay. */
  wake(streamId: string): void {
    this.states.get(streamId)?.exporter.retryNow();
  }

  history(streamId: string, range: HistoryRange): HistoryPoint[] {
    if (range === '5m') return this.states.get(streamId)?.metrics.liveHistory() ?? [];
    return this.deps.history.range(streamId, range, this.deps.now());
  }

  sampler(streamId: string): Sampler | null {
    return this.states.get(streamId)?.sampler ?? null;
  }

  discardedIfRemoved(streamId: string): number {
    const state = this.states.get(streamId);
    return state ? this.buffer.discardedIfRemoved(streamId, state.stream.sourceIds) : 0;
  }

  /** `drainMs`: how long a request in flight may take to finish (see StreamExporter.close). */
  async close(drainMs = 0): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.exporter.close(drainMs)));
    this.states.clear();
  }
}
