import type { Database } from 'better-sqlite3';
import type { LastError, SendingState } from '../../../shared/api/engine';
import type { SentRequestInfo } from '../../../shared/api/inspector';
import type { Stream } from '../../../shared/api/streams';
import type { SendResult, Sender } from '../../destinations/sender';
import type { Logger } from '../../log';
import type { DeadLetterStore, NewDeadLetter } from '../activity/dead-letters';
import type { EventLog } from '../activity/event-log';
import type { RecordBuffer } from '../buffer/buffer';
import type { StreamMetrics } from '../metrics/stream-metrics';
import { BatchAssembler, buildRequest, type Entry } from './assemble';
import { backoffDelayMs, defaultRetryWindowMs } from './backoff';
import { ReadLimit } from './read-limit';
import type { Sampler } from './sampler';
import { WakeSignal } from './wake-signal';
import { formatDuration } from '../../../shared/format/duration';

export interface ExporterDeps {
  db: Database;
  buffer: RecordBuffer;
  events: EventLog;
  deadLetters: DeadLetterStore;
  metrics: StreamMetrics;
  sampler: Sampler;
  log: Logger;
  /** Builds the stream's sender, reading its credentials from the keychain. */
  openSender(stream: Stream): Promise<Sender>;
  now(): number;
  random(): number;
  /** The cursor moved: the engine may delete records every reader has passed. */
  cursorMoved(): void;
  deadLettersChanged(streamId: string): void;
}

type Outcome = 'done' | 'stopped' | 'interrupted';

// While a stream is stopped because its credentials could not be read, the
// keychain may get unlocked: look again this often.
const credentialRecheckMs = 30_000;
const idleWaitMs = 1_000;

/**
 * One stream's sending loop (ARCHITECTURE.md, "Exporter"): read after the
 * cursor, assemble a request, send it, and act on the answer. The cursor
 * moves only in the transaction that records the outcome, so a crash at any
 * point resends at most the batch in flight: at-least-once.
 */
export class StreamExporter {
  sending: SendingState = 'idle';
  lastError: LastError | null = null;
  /** The latest rejection or dead letter, for "Active with errors" in the last 5 minutes. */
  lastProblem: { at: number; message: string } | null = null;
  nextAttemptAt: number | null = null;

  private stream: Stream;
  private assembler: BatchAssembler;
  private sender: Sender | null = null;
  private stopKind: 'destination' | 'credentials' | null = null;
  private generation = 0;
  private abort = new AbortController();
  private readonly signal = new WakeSignal();
  private closed = false;
  /** Finishing the request in flight; no new one starts. */
  private draining = false;
  private running: Promise<void> | null = null;
  private pendingDeadLetters: NewDeadLetter[] = [];
  private requestSeq = 0;
  private readonly readLimit = new ReadLimit();

  constructor(
    stream: Stream,
    private readonly deps: ExporterDeps,
  ) {
    this.stream = stream;
    this.assembler = new BatchAssembler(stream, deps.buffer);
  }

  get id(): string {
    return this.stream.id;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** New settings: a new sender and a fresh start (a stop is lifted: the user changed something). */
  update(stream: Stream): void {
    this.stream = stream;
    this.assembler = new BatchAssembler(stream, this.deps.buffer);
    this.interrupt();
    this.stopKind = null;
    if (this.sending === 'stopped') this.sending = 'idle';
  }

  /** New records were buffered for this stream. */
  wake(): void {
    this.signal.wake('data');
  }

  /** "Retry now": lift a stop and skip the current backoff. */
  retryNow(): void {
    this.stopKind = null;
    if (this.sending === 'stopped') this.sending = 'idle';
    this.signal.wake('control');
  }

  /**
   * Stops the loop. With `drainMs`, a request already in flight may finish
   * and its outcome is committed (so it is not sent again after a restart);
   * no new request starts, waits end at once, and whatever is still running
   * after `drainMs` is cut short as without it.
   */
  async close(drainMs = 0): Promise<void> {
    if (drainMs > 0 && this.running && !this.closed) {
      this.draining = true;
      this.signal.stop();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.running,
        new Promise((resolve) => (timer = setTimeout(resolve, drainMs))),
      ]);
      clearTimeout(timer);
    }
    this.closed = true;
    this.interrupt();
    await this.running;
    await this.sender?.close();
  }

  private interrupt(): void {
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
    const old = this.sender;
    this.sender = null;
    void old?.close();
    this.signal.wake('control');
  }

  private async loop(): Promise<void> {
    while (!this.closed && !this.draining) {
      try {
        await this.step();
        // Let timers and I/O run between batches: a sender that answers
        // without I/O must not starve the rest of the engine.
        await new Promise((resolve) => setImmediate(resolve));
      } catch (err) {
        // A bug or a database error: say so, wait, and carry on rather than
        // leaving the stream silently dead.
        this.deps.log.error('Exporter step failed', {
          stream: this.id,
          error: (err as Error).stack,
        });
        this.setError({
          httpStatus: null,
          message: `Sluice hit an internal error while sending (${(err as Error).message}).`,
          advice: 'It retries by itself; if this repeats, the log file has the details.',
          responseBody: null,
        });
        await this.signal.sleep(5_000, false);
      }
    }
  }

  private async step(): Promise<void> {
    if (!this.stream.active) {
      this.sending = 'paused';
      return this.signal.sleep(Infinity, false);
    }
    if (this.stopKind) {
      this.sending = 'stopped';
      if (this.stopKind === 'credentials') {
        await this.signal.sleep(credentialRecheckMs, false);
        this.stopKind = null;
      } else {
        await this.signal.sleep(Infinity, false);
      }
      return;
    }
    if (this.sending === 'paused' || this.sending === 'stopped') this.sending = 'idle';

    const replay = this.deps.deadLetters.nextReplay(this.id);
    if (replay) return this.replay(replay);

    const { sourceIds, delivery } = this.stream;
    const cursor = this.deps.buffer.cursor(this.id);
    const limit = this.readLimit.next(delivery.maxBatchRecords, delivery.maxBatchBytes);
    const rows = this.deps.buffer.read(sourceIds, cursor, limit);
    if (rows.length === 0) {
      this.sending = 'idle';
      return this.signal.sleep(idleWaitMs, true);
    }
    const batch = this.assembler.assemble(rows);
    this.readLimit.observe(batch.entries.length + batch.filtered, batch.body.length);
    const outcome =
      batch.entries.length > 0 ? await this.deliver(batch.entries, batch.body) : 'done';
    if (outcome !== 'done') {
      this.pendingDeadLetters = [];
      return;
    }
    this.commit(
      batch.lastSeq,
      batch.entries.length + batch.filtered,
      batch.entries.reduce((n, e) => n + e.storedBytes, batch.filteredBytes),
      batch.filtered,
    );
  }

  /** Sends entries until they are accepted, dead-lettered, or sending stops. */
  private async deliver(entries: Entry[], body = buildRequest(entries)): Promise<Outcome> {
    const generation = this.generation;
    const { retry } = this.stream.delivery;
    const windowMs = retry.windowMs ?? defaultRetryWindowMs(this.stream.destination.tool);
    let attempt = 0;
    let firstFailureAt: number | null = null;

    for (;;) {
      if (this.closed || this.draining || generation !== this.generation || !this.stream.active)
        return 'interrupted';
      const sender = await this.ensureSender();
      if (!sender) return 'stopped';
      this.sending = 'sending';
      const result = await this.sendOnce(sender, entries.length, body);
      if (result === null) return 'interrupted';

      switch (result.kind) {
        case 'accepted':
          if (attempt > 0) {
            this.deps.events.add({
              streamId: this.id,
              kind: 'info',
              level: 'info',
              message: `Sending works again after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}.`,
            });
          }
          this.accepted(entries, body, result);
          return 'done';

        case 'too-large': {
          this.deps.metrics.totals.errors++;
          if (entries.length === 1) {
            this.deadLetter(
              entries,
              body,
              result.httpStatus,
              `The destination refused this record as too large (HTTP ${result.httpStatus}) even on its own.`,
              result.responseBody,
            );
            return 'done';
          }
          const mid = Math.ceil(entries.length / 2);
          this.deps.events.add({
            streamId: this.id,
            kind: 'info',
            level: 'info',
            message: `The destination answered HTTP ${result.httpStatus} (payload too large) for ${entries.length} records: sending them in two halves.`,
            httpStatus: result.httpStatus,
          });
          for (const half of [entries.slice(0, mid), entries.slice(mid)]) {
            const r = await this.deliver(half);
            if (r !== 'done') return r;
          }
          return 'done';
        }

        case 'retryable': {
          const now = this.deps.now();
          this.deps.metrics.totals.errors++;
          this.setError(result);
          firstFailureAt ??= now;
          if (now - firstFailureAt >= windowMs) {
            this.deadLetter(
              entries,
              body,
              result.httpStatus,
              `Every attempt failed for ${formatDuration(windowMs)} (the retry window); the last one: ${result.message}`,
              result.responseBody,
            );
            return 'done';
          }
          if (attempt === 0) {
            this.deps.events.add({
              streamId: this.id,
              kind: 'error',
              level: 'error',
              message: `${result.message} Retrying the same ${entries.length} records. ${result.advice}`,
              httpStatus: result.httpStatus,
              responseBody: result.responseBody,
            });
          }
          const delay =
            result.retryAfterMs ??
            backoffDelayMs(attempt, retry.initialDelayMs, retry.maxDelayMs, this.deps.random);
          attempt++;
          this.deps.metrics.totals.retries++;
          this.sending = 'retrying';
          this.nextAttemptAt = now + delay;
          await this.signal.sleep(delay, false);
          this.nextAttemptAt = null;
          continue;
        }

        case 'refused':
          this.deps.metrics.totals.errors++;
          this.setError(result);
          if (result.stopSending) {
            this.stopKind = 'destination';
            this.sending = 'stopped';
            this.deps.events.add({
              streamId: this.id,
              kind: 'error',
              level: 'error',
              message: `${result.message} Sending is stopped until the destination settings change or you choose Retry now; records stay buffered. ${result.advice}`,
              httpStatus: result.httpStatus,
              responseBody: result.responseBody,
            });
            return 'stopped';
          }
          this.deadLetter(entries, body, result.httpStatus, result.message, result.responseBody);
          return 'done';
      }
    }
  }

  /** One request; null when it was cut short by pause, new settings or shutdown. */
  private async sendOnce(
    sender: Sender,
    recordCount: number,
    body: Uint8Array,
  ): Promise<SendResult | null> {
    const started = performance.now();
    try {
      const result = await sender.send({ body, recordCount }, this.abort.signal);
      this.deps.metrics.request(performance.now() - started, this.deps.now());
      return result;
    } catch (err) {
      if (this.abort.signal.aborted) return null;
      // Senders classify failures themselves; a throw is a bug, treated as retryable.
      return {
        kind: 'retryable',
        httpStatus: null,
        retryAfterMs: null,
        message: `The request failed: ${(err as Error).message}.`,
        advice: 'It will be retried.',
        responseBody: null,
      };
    }
  }

  private async ensureSender(): Promise<Sender | null> {
    if (this.sender) return this.sender;
    try {
      this.sender = await this.deps.openSender(this.stream);
      return this.sender;
    } catch (err) {
      this.stopKind = 'credentials';
      this.sending = 'stopped';
      this.setError({
        httpStatus: null,
        message: (err as Error).message,
        advice: 'Sluice looks again every 30 seconds, or choose Retry now.',
        responseBody: null,
      });
      this.deps.events.add({
        streamId: this.id,
        kind: 'error',
        level: 'error',
        message: `Cannot send: ${(err as Error).message}`,
      });
      return null;
    }
  }

  private accepted(
    entries: Entry[],
    body: Uint8Array,
    result: Extract<SendResult, { kind: 'accepted' }>,
  ): void {
    const m = this.deps.metrics.totals;
    const rejected = Math.min(result.rejectedRecords, entries.length);
    m.recordsOut += entries.length - rejected;
    m.bytesOut += result.bytesSent;
    if (rejected > 0) {
      m.rejected += rejected;
      const message = `The destination accepted the request but rejected ${rejected} of ${entries.length} records${result.rejectionMessage ? `: ${result.rejectionMessage}` : '.'}`;
      this.lastProblem = { at: this.deps.now(), message };
      this.deps.events.add({
        streamId: this.id,
        kind: 'rejected',
        level: 'warn',
        message,
        httpStatus: result.httpStatus,
      });
    }
    this.sample(entries, body, {
      httpStatus: result.httpStatus,
      compressedBytes: result.bytesSent,
      outcome: rejected > 0 ? 'partially-accepted' : 'accepted',
    });
  }

  private sample(
    entries: Entry[],
    body: Uint8Array,
    r: Pick<SentRequestInfo, 'httpStatus' | 'compressedBytes' | 'outcome'>,
  ): void {
    const request: SentRequestInfo = {
      id: ++this.requestSeq,
      at: this.deps.now(),
      recordCount: entries.length,
      bytes: body.length,
      ...r,
    };
    this.deps.sampler.add(
      entries.map((e) => ({
        seq: e.seq,
        resource: e.resource,
        resourceSchemaUrl: e.resourceSchemaUrl ?? '',
        scope: e.scope,
        scopeSchemaUrl: e.scopeSchemaUrl ?? '',
        record: e.record,
      })),
      request,
    );
  }

  private deadLetter(
    entries: Entry[],
    body: Uint8Array,
    httpStatus: number | null,
    reason: string,
    responseBody: string | null,
  ): void {
    this.pendingDeadLetters.push({
      streamId: this.id,
      httpStatus,
      reason,
      responseBody,
      recordCount: entries.length,
      request: body,
    });
    this.sample(entries, body, { httpStatus, compressedBytes: null, outcome: 'dead-lettered' });
  }

  /** Records the outcome of a batch and moves the cursor, in one transaction. */
  private commit(
    lastSeq: number,
    passedRecords: number,
    passedBytes: number,
    filtered: number,
  ): void {
    const dead = this.pendingDeadLetters;
    this.pendingDeadLetters = [];
    this.deps.db.transaction(() => {
      for (const d of dead) this.deps.deadLetters.add(d);
      this.deps.buffer.setCursor(this.id, lastSeq);
    })();
    const m = this.deps.metrics;
    m.totals.filtered += filtered;
    m.passed(passedRecords, passedBytes);
    if (dead.length > 0) {
      const records = dead.reduce((n, d) => n + d.recordCount, 0);
      m.totals.deadLettered += records;
      const last = dead[dead.length - 1]!;
      const message = `${records} ${records === 1 ? 'record was' : 'records were'} moved to the dead letters: ${last.reason}`;
      this.lastProblem = { at: this.deps.now(), message };
      this.deps.events.add({
        streamId: this.id,
        kind: 'dead-letter',
        level: 'error',
        message,
        httpStatus: last.httpStatus,
        responseBody: last.responseBody,
      });
      this.deps.deadLettersChanged(this.id);
    }
    this.deps.cursorMoved();
  }

  /** Sends a dead letter the user asked to replay; it is deleted once accepted. */
  private async replay(dl: NonNullable<ReturnType<DeadLetterStore['nextReplay']>>): Promise<void> {
    const sender = await this.ensureSender();
    if (!sender) return;
    this.sending = 'sending';
    const result = await this.sendOnce(sender, dl.recordCount, dl.request);
    if (result === null) return;
    if (result.kind === 'accepted') {
      this.deps.deadLetters.delete(dl.id);
      this.deps.metrics.totals.recordsOut +=
        dl.recordCount - Math.min(result.rejectedRecords, dl.recordCount);
      this.deps.metrics.totals.bytesOut += result.bytesSent;
      this.deps.events.add({
        streamId: this.id,
        kind: 'info',
        level: 'info',
        message: `Dead letter #${dl.id} was replayed: the destination accepted its ${dl.recordCount} records.`,
        httpStatus: result.httpStatus,
      });
    } else {
      this.deps.metrics.totals.errors++;
      const message =
        result.kind === 'too-large'
          ? `HTTP ${result.httpStatus}: payload too large`
          : result.message;
      this.deps.deadLetters.replayFailed(
        dl.id,
        `Replay failed: ${message}`,
        result.httpStatus,
        result.responseBody,
      );
      this.deps.events.add({
        streamId: this.id,
        kind: 'error',
        level: 'error',
        message: `Replaying dead letter #${dl.id} failed: ${message} It is kept; replay it again later.`,
        httpStatus: result.httpStatus,
        responseBody: result.responseBody,
      });
      if (result.kind === 'refused' && result.stopSending) {
        this.setError(result);
        this.stopKind = 'destination';
      }
    }
    this.deps.deadLettersChanged(this.id);
  }

  private setError(e: Omit<LastError, 'at'>): void {
    this.lastError = {
      at: this.deps.now(),
      httpStatus: e.httpStatus,
      message: e.message,
      advice: e.advice,
      responseBody: e.responseBody,
    };
  }
}
