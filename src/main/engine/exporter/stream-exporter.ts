import type { Database } from 'better-sqlite3';
import type { LastError, SendingState } from '../../../shared/api/engine';
import type { Stream } from '../../../shared/api/streams';
import { requestLimitsOf } from '../../../shared/destinations/limits-of';
import { createWireProcessor, ruleKey, type CompiledProcessing } from '../../../shared/processing';
import type { SendResult, Sender } from '../../destinations/sender';
import type { NewDeadLetter } from '../dead-letters';
import type { Logger } from '../../base/log';
import type { DeadLetterStore } from '../dead-letters';
import type { EventLog } from '../events/event-log';
import type { RecordBuffer } from '../buffer/buffer';
import type { StreamMetrics } from '../metrics/stream-metrics';
import { BatchAssembler, type Assembled, type Entry } from './assemble';
import { defaultRetryWindowMs } from './backoff';
import type { Answer, RetryPolicy } from './decide';
import { deliver, type DeliveryContext } from './deliver';
import { describeAnswer } from './describe-answer';
import { replayDeadLetter } from './replay';
import type { Sampler } from './sampler';
import { SegmentReader } from './segment-reader';
import { InFlightWindow, type Ticket } from './in-flight';
import { StreamReport } from './stream-report';
import { WakeSignal } from './wake-signal';

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
  /** The stream's processing rules compiled with its key from the keychain (null: none). */
  compileProcessing(stream: Stream): Promise<CompiledProcessing | null>;
  now(): number;
  random(): number;
  /** The cursor moved: the engine may delete records every reader has passed. */
  cursorMoved(): void;
  deadLettersChanged(streamId: string): void;
}

// While a stream is stopped because its credentials could not be read, the
// keychain may get unlocked: look again this often.
const credentialRecheckMs = 30_000;
const idleWaitMs = 1_000;
type Accepted = Extract<SendResult, { kind: 'accepted' }>;

// After an error Sluice hit itself outside any one record (a database error):
// wait this long before trying again.
const internalErrorWaitMs = 5_000;

/**
 * One stream's sending loop (docs/exporter.md): take records after the read
 * position into batches, keep up to `maxInFlight` requests going, and move
 * the cursor over the batches that are settled, oldest first. The cursor
 * moves only in the transaction that records the outcome of every batch up
 * to it, so a crash at any point resends at most what was in flight:
 * at-least-once.
 */
export class StreamExporter implements DeliveryContext {
  sending: SendingState = 'idle';
  /** Counters, Last error, events and the inspector's records: what the stream says. */
  readonly report: StreamReport;

  private stream: Stream;
  private assembler: BatchAssembler;
  private readonly reader: SegmentReader;
  private readonly window = new InFlightWindow();
  private sender: Sender | null = null;
  private opening: Promise<Sender> | null = null;
  /** The assembler has the stream's processing rules (compiled when first needed). */
  private processingReady = false;
  /** Rule keys by the index `changedByRule` uses. */
  private ruleKeys: string[] = [];
  private stopKind: 'destination' | 'credentials' | null = null;
  private generation = 0;
  private abort = new AbortController();
  /** Wakes the loop: new records, a settled batch, a control action. */
  private readonly loopSignal = new WakeSignal();
  /** Wakes backoffs: only control actions (retry now, pause, new settings, shutdown). */
  private readonly backoffSignal = new WakeSignal();
  private readonly retryDue = new Set<number>();
  private closed = false;
  /** Finishing the requests in flight; no new one starts. */
  private draining = false;
  private running: Promise<void> | null = null;
  private lastInternalError: string | null = null;

  constructor(
    stream: Stream,
    private readonly deps: ExporterDeps,
  ) {
    this.stream = stream;
    this.assembler = new BatchAssembler(stream, deps.buffer);
    this.reader = new SegmentReader(deps.buffer, stream.sourceIds, deps.buffer.cursor(stream.id));
    this.report = new StreamReport(stream.id, deps);
  }

  get lastError(): LastError | null {
    return this.report.lastError;
  }

  get lastProblem(): { at: number; message: string } | null {
    return this.report.lastProblem;
  }

  get id(): string {
    return this.stream.id;
  }

  get streamId(): string {
    return this.stream.id;
  }

  get policy(): RetryPolicy {
    const { retry } = this.stream.delivery;
    return {
      windowMs: retry.windowMs ?? defaultRetryWindowMs(this.stream.destination.tool),
      initialDelayMs: retry.initialDelayMs,
      maxDelayMs: retry.maxDelayMs,
    };
  }

  /** The log age past which records are held back (null: none, or the stream sends them anyway). */
  get logAgeMs(): number | null {
    const outlook = this.assembler.outlook;
    return outlook && outlook.holdsBackOld ? outlook.logAgeMs : null;
  }

  /** The destination's log age, held back or not (null: the destination has none). */
  get logAgeLimitMs(): number | null {
    return this.assembler.outlook?.logAgeMs ?? null;
  }

  /** When the next retry is due, while one is waiting. */
  get nextAttemptAt(): number | null {
    return this.retryDue.size === 0 ? null : Math.min(...this.retryDue);
  }

  /** The newest seq this stream holds in memory to send (see RecordBuffer's inFlightUpTo). */
  get inFlightUpTo(): number {
    return this.reader.loadedUpTo;
  }

  now(): number {
    return this.deps.now();
  }

  random(): number {
    return this.deps.random();
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** New settings: a new sender and a fresh start (a stop is lifted: the user changed something). */
  update(stream: Stream): void {
    this.stream = stream;
    this.assembler = new BatchAssembler(stream, this.deps.buffer);
    this.processingReady = false;
    this.interrupt();
    this.stopKind = null;
    if (this.sending === 'stopped') this.sending = 'idle';
  }

  /** New records were buffered for this stream. */
  wake(): void {
    this.loopSignal.wake('data');
  }

  /** "Retry now": lift a stop and skip the current backoffs. */
  retryNow(): void {
    this.stopKind = null;
    if (this.sending === 'stopped') this.sending = 'idle';
    this.backoffSignal.wake('control');
    this.loopSignal.wake('control');
  }

  /**
   * Stops the loop. With `drainMs`, requests already in flight may finish
   * and their outcome is committed (so they are not sent again after a
   * restart); no new request starts, backoffs end at once, and whatever is
   * still running after `drainMs` is cut short as without it.
   */
  async close(drainMs = 0): Promise<void> {
    if (drainMs > 0 && this.running && !this.closed) {
      this.draining = true;
      this.backoffSignal.stop();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(this.window.pending()).then(() => this.commitSettled()),
        new Promise((resolve) => (timer = setTimeout(resolve, drainMs))),
      ]);
      clearTimeout(timer);
    }
    this.closed = true;
    this.loopSignal.stop();
    this.backoffSignal.stop();
    this.interrupt();
    await this.running;
    await this.sender?.close();
  }

  /** Cuts short everything in flight; the next batches start again from the cursor. */
  private interrupt(): void {
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
    this.window.clear();
    this.reader.reset(this.deps.buffer.cursor(this.id), this.stream.sourceIds);
    const old = this.sender;
    this.sender = null;
    void old?.close();
    this.backoffSignal.wake('control');
    this.loopSignal.wake('control');
  }

  private async loop(): Promise<void> {
    while (!this.closed && !this.draining) {
      try {
        await this.step();
        this.lastInternalError = null;
        // Let timers and I/O run between steps: a sender that answers
        // without I/O must not starve the rest of the engine.
        await new Promise((resolve) => setImmediate(resolve));
      } catch (err) {
        await this.internalError(err as Error);
      }
    }
  }

  private async step(): Promise<void> {
    if (!this.stream.active) {
      this.sending = 'paused';
      return this.loopSignal.sleep(Infinity, false);
    }
    if (this.stopKind) {
      this.sending = 'stopped';
      if (this.stopKind === 'credentials') {
        await this.loopSignal.sleep(credentialRecheckMs, false);
        this.stopKind = null;
      } else {
        await this.loopSignal.sleep(Infinity, false);
      }
      return;
    }
    if (this.sending === 'paused' || this.sending === 'stopped') this.sending = 'idle';

    if (this.window.size === 0) {
      const replay = this.deps.deadLetters.nextReplay(this.id);
      if (replay) return replayDeadLetter(this, this.replayDeps(), replay);
    }

    if (!this.processingReady && !(await this.prepareProcessing())) return;
    // Settled batches first: their slots are needed for the next ones.
    this.commitSettled();
    this.fillWindow();
    if (this.window.size === 0) {
      this.sending = 'idle';
      return this.loopSignal.sleep(idleWaitMs, true);
    }
    if (this.retryDue.size === 0) this.sending = 'sending';
    // New records matter only while there is room for another request.
    await this.loopSignal.sleep(Infinity, this.hasRoom());
  }

  private hasRoom(): boolean {
    // While a request backs off the destination is struggling: do not add more.
    return this.window.size < this.stream.delivery.maxInFlight && this.retryDue.size === 0;
  }

  /** Starts batches while there is room and something to send. */
  private fillWindow(): void {
    const { maxBatchRecords, maxBatchBytes } = this.stream.delivery;
    // A stream saved before the destination's limits were known may ask for more.
    const limits = requestLimitsOf(this.stream.destination);
    const records = Math.min(maxBatchRecords, limits.maxRecordsPerRequest);
    const bytes = Math.min(maxBatchBytes, limits.maxRequestBytes);
    while (this.hasRoom()) {
      const now = this.deps.now();
      const batch = this.assembler.assemble(this.reader, records, bytes, now);
      if (batch.looked === 0) return;
      this.countChanges(batch);
      const held = this.report.unprocessable(batch.unprocessable);
      if (batch.expired.length > 0) held.push(this.expired(batch.expired, now));
      const ticket = this.window.open(batch, held);
      if (batch.entries.length > 0) {
        ticket.promise = this.run(ticket, batch);
      } else {
        // Everything filtered out or set aside: settled already.
        ticket.done = true;
        this.commitSettled();
      }
    }
  }

  private async run(ticket: Ticket, batch: Assembled): Promise<void> {
    const generation = this.generation;
    const outcome = await deliver(this, batch.entries, batch.body);
    if (generation !== this.generation) return; // cut short: it starts again from the cursor
    if (outcome.kind === 'done') {
      ticket.deadLetters.push(...outcome.deadLetters);
      ticket.done = true;
    }
    this.loopSignal.wake('control');
  }

  /** What Dynatrace will change, and what the stream's rules changed, per rule (the stream's figures). */
  private countChanges(batch: Assembled): void {
    const m = this.deps.metrics;
    const now = this.deps.now();
    for (const e of batch.entries) {
      if (e.wouldChange)
        for (const rule of e.wouldChange) m.wouldChange[rule] = (m.wouldChange[rule] ?? 0) + 1;
      if (e.changedByRule)
        for (const i of e.changedByRule)
          m.processing.add(this.ruleKeys[i] ?? `rule-${i + 1}`, 1, now);
    }
  }

  /**
   * Compiles the stream's processing rules with its key (a rule that hashes
   * reads the key from the keychain). A keychain that cannot be read stops
   * the stream as missing credentials do: nothing is sent unmasked.
   */
  private async prepareProcessing(): Promise<boolean> {
    const generation = this.generation;
    let compiled: CompiledProcessing | null;
    try {
      compiled = await this.deps.compileProcessing(this.stream);
    } catch (err) {
      if (generation !== this.generation) return false;
      const message = `The key of this stream's keyed-hash masking could not be read: ${(err as Error).message}`;
      this.report.cannotSend(message, message);
      this.halt('credentials');
      return false;
    }
    if (generation !== this.generation) return false;
    this.assembler.setProcessor(compiled ? createWireProcessor(compiled) : null);
    this.ruleKeys = compiled ? compiled.rules.map((rule, i) => ruleKey(rule, i)) : [];
    this.processingReady = true;
    return true;
  }

  /** Records past the log age: one dead letter for them (DeliveryContext too). */
  expired(entries: Entry[], now: number): NewDeadLetter {
    return this.report.expired(entries, now, this.assembler.outlook?.logAgeMs ?? 0);
  }

  /** Records the outcome of the settled batches at the front of the window and moves the cursor. */
  private commitSettled(): void {
    const settled = this.window.takeSettled();
    if (!settled) return;
    const dead = settled.deadLetters;
    this.deps.db.transaction(() => {
      for (const d of dead) this.deps.deadLetters.add(d);
      this.deps.buffer.setCursor(this.id, settled.lastSeq);
    })();
    const m = this.deps.metrics;
    m.totals.filtered += settled.filtered;
    m.passed(settled.looked, settled.storedBytes);
    if (dead.length > 0) {
      this.report.committed(dead);
      this.deps.deadLettersChanged(this.id);
    }
    this.deps.cursorMoved();
  }

  // --- DeliveryContext --------------------------------------------------------

  /** One request; null when it was cut short by pause, new settings or shutdown. */
  async send(body: Uint8Array, records: number): Promise<Answer | null> {
    const generation = this.generation;
    if (this.closed || this.draining || !this.stream.active) return null;
    const sender = await this.ensureSender();
    if (!sender || generation !== this.generation) return null;
    const started = performance.now();
    const signal = this.abort.signal;
    try {
      const result = await sender.send({ body, recordCount: records }, signal);
      // A request that never got an answer (refused, reset, DNS) is not a
      // request the destination saw, nor a latency.
      this.deps.metrics.request(
        performance.now() - started,
        this.deps.now(),
        result.httpStatus !== null,
      );
      return result;
    } catch (err) {
      if (signal.aborted) return null;
      // Senders classify failures themselves; a throw is a fault of ours,
      // which the delivery narrows down to the records that cause it.
      this.deps.log.warn('A sender threw instead of answering', {
        stream: this.id,
        error: (err as Error).stack,
      });
      return { kind: 'internal-error', message: (err as Error).message };
    }
  }

  async backoff(delayMs: number): Promise<boolean> {
    const generation = this.generation;
    const due = this.deps.now() + delayMs;
    this.retryDue.add(due);
    this.sending = 'retrying';
    await this.backoffSignal.sleep(delayMs, false);
    this.retryDue.delete(due);
    return generation === this.generation && !this.closed && !this.draining;
  }

  accepted(entries: Entry[], body: Uint8Array, result: Accepted, rejected: number): void {
    this.report.accepted(entries, body, result, rejected, this.assembler.outlook);
  }

  retrying(answer: Answer, records: number): void {
    this.report.retrying(answer, records);
  }

  splitting(records: number, why: string, top: boolean): void {
    if (top) this.report.splitting(records, why);
  }

  stop(answer: Answer): void {
    this.report.stopped(answer);
    this.halt('destination');
  }

  failed(answer: Answer): void {
    this.report.failed(answer);
  }

  deadLettered(entries: Entry[], body: Uint8Array, httpStatus: number | null): void {
    this.report.deadLettered(entries, body, httpStatus);
  }

  // --- helpers ----------------------------------------------------------------

  /** Sending stops: nothing in flight counts; the data stays buffered for later. */
  private halt(kind: 'destination' | 'credentials'): void {
    this.stopKind = kind;
    this.sending = 'stopped';
    this.interrupt();
  }

  private async ensureSender(): Promise<Sender | null> {
    if (this.sender) return this.sender;
    // Requests starting together share one sender (and one keychain read).
    const generation = this.generation;
    this.opening ??= this.deps.openSender(this.stream).finally(() => (this.opening = null));
    try {
      const sender = await this.opening;
      if (generation !== this.generation) {
        void sender.close();
        return null;
      }
      this.sender = sender;
      return this.sender;
    } catch (err) {
      if (generation !== this.generation) return null;
      if (this.stopKind === 'credentials') return null;
      const message = (err as Error).message;
      this.report.cannotSend(message, `Cannot send: ${message}`);
      this.halt('credentials');
      return null;
    }
  }

  /** An error outside any one record: counted, shown, logged once, and tried again shortly. */
  private async internalError(err: Error): Promise<void> {
    const message = `Sluice hit an internal error while sending (${err.message}).`;
    if (message !== this.lastInternalError) {
      this.lastInternalError = message;
      this.deps.log.error('Exporter step failed', { stream: this.id, error: err.stack });
      this.report.event('error', 'error', message);
    }
    this.report.internalError(message);
    this.interrupt();
    this.sending = 'retrying';
    const due = this.deps.now() + internalErrorWaitMs;
    this.retryDue.add(due);
    await this.backoffSignal.sleep(internalErrorWaitMs, false);
    this.retryDue.delete(due);
  }

  private replayDeps() {
    return {
      deadLetters: this.deps.deadLetters,
      events: this.deps.events,
      metrics: this.deps.metrics,
      changed: () => this.deps.deadLettersChanged(this.id),
      stop: (answer: Answer) => {
        this.report.setError(describeAnswer(answer));
        this.halt('destination');
      },
    };
  }
}
