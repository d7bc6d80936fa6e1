import { plural } from '../../../shared/format/count';
import type { LastError } from '../../../shared/api/engine';
import type { SentRequestInfo } from '../../../shared/api/inspector';
import type { SendResult } from '../../destinations/sender';
import type { NewDeadLetter } from '../dead-letters';
import type { EventLog } from '../events/event-log';
import type { StreamMetrics } from '../metrics/stream-metrics';
import { buildRequest, type Entry } from './assemble';
import type { Answer } from './decide';
import { describeAnswer } from './describe-answer';
import type { DynatraceOutlook } from './dynatrace-outlook';
import { formatAge } from './log-age';
import type { Sampler } from './sampler';

export interface StreamReportDeps {
  events: EventLog;
  metrics: StreamMetrics;
  sampler: Sampler;
  now(): number;
}

type Accepted = Extract<SendResult, { kind: 'accepted' }>;

/**
 * What a stream says about what happens to its records (docs/exporter.md):
 * its counters, its Last error and recent problem (which the status is
 * derived from), its events, and the records it keeps for the live
 * inspector. The exporter's loop decides; this writes it down.
 */
export class StreamReport {
  lastError: LastError | null = null;
  /** The latest rejection, dead letter or drop, for "Active with errors" in the last 5 minutes. */
  lastProblem: { at: number; message: string } | null = null;
  /**
   * Failed attempts since sending last worked: one event when a failure
   * starts and one when it ends, however many requests and retries between.
   */
  private failingRetries: number | null = null;
  private requestSeq = 0;

  constructor(
    private readonly streamId: string,
    private readonly deps: StreamReportDeps,
  ) {}

  /** The destination took a request; `rejected` of its records were refused (a partial success). */
  accepted(
    entries: Entry[],
    body: Uint8Array,
    result: Accepted,
    rejected: number,
    outlook: DynatraceOutlook | null,
  ): void {
    if (this.failingRetries !== null) {
      const n = this.failingRetries;
      this.failingRetries = null;
      this.event(
        'info',
        'info',
        `Sending works again after ${n} ${n === 1 ? 'retry' : 'retries'}.`,
      );
    }
    const m = this.deps.metrics.totals;
    m.recordsOut += entries.length - rejected;
    m.bytesOut += result.bytesSent;
    if (rejected > 0) {
      m.rejected += rejected;
      const message = this.rejectionMessage(entries, rejected, result, outlook);
      this.problem(message, result.httpStatus, null);
      this.deps.events.add({
        streamId: this.streamId,
        kind: 'rejected',
        level: 'warn',
        message,
        httpStatus: result.httpStatus,
      });
    }
    const request = this.request(entries, body, {
      httpStatus: result.httpStatus,
      compressedBytes: result.bytesSent,
      outcome: rejected > 0 ? 'partially-accepted' : 'accepted',
    });
    // Records Dynatrace will change are kept as examples (each record once in the tail).
    const examples = entries.filter((e) => e.wouldChange);
    this.sample(examples.length > 0 ? entries.filter((e) => !e.wouldChange) : entries, request);
    if (examples.length > 0) this.sample(examples, request, true);
  }

  /** Dynatrace says how many it refused, not which: the mapping names the likely ones. */
  private rejectionMessage(
    entries: Entry[],
    rejected: number,
    result: Accepted,
    outlook: DynatraceOutlook | null,
  ): string {
    if (!outlook) {
      return `The destination accepted the request but rejected ${rejected} of ${entries.length} records${result.rejectionMessage ? `: ${result.rejectionMessage}` : '.'}`;
    }
    const why = outlook.explain(entries, rejected, result.rejectionMessage, this.deps.now());
    const explained = why.explained.map((x) => entries[x.index]!);
    for (const e of explained) e.wouldChange ??= ['timestamp.too-old'];
    return `${why.summary}${explained.length > 0 ? ' They are among the examples in the record inspector (rule timestamp.too-old).' : ''}`;
  }

  /** An attempt failed and will be retried. */
  retrying(answer: Answer, records: number): void {
    const m = this.deps.metrics.totals;
    m.errors++;
    m.retries++;
    const d = describeAnswer(answer);
    this.setError(d);
    const first = this.failingRetries === null;
    this.failingRetries = (this.failingRetries ?? 0) + 1;
    if (first) {
      this.deps.events.add({
        streamId: this.streamId,
        kind: 'error',
        level: 'error',
        message: `${d.message} Retrying the same ${plural(records, 'record')}. ${d.advice}`,
        httpStatus: d.httpStatus,
        responseBody: d.responseBody,
      });
    }
  }

  /** A request is sent in halves (said once per batch). */
  splitting(records: number, why: string): void {
    this.event(
      'info',
      'info',
      `${why} for ${records} records: sending them in halves, so that only the records refused on their own go to the dead letters.`,
    );
  }

  /** The destination refused in a way every request will share: sending stops. */
  stopped(answer: Answer): void {
    this.deps.metrics.totals.errors++;
    const d = describeAnswer(answer);
    this.setError(d);
    this.deps.events.add({
      streamId: this.streamId,
      kind: 'error',
      level: 'error',
      message: `${d.message} Sending is stopped until the destination settings change or you choose Retry now; records stay buffered. ${d.advice}`,
      httpStatus: d.httpStatus,
      responseBody: d.responseBody,
    });
  }

  /** Sending cannot start (no credentials, no key): said once, until it works. */
  cannotSend(message: string, eventMessage: string): void {
    this.setError({
      httpStatus: null,
      message,
      advice: 'Sluice looks again every 30 seconds, or choose Retry now.',
      responseBody: null,
    });
    this.event('error', 'error', eventMessage);
  }

  /** A request failed for good (its records go to the dead letters). */
  failed(answer: Answer): void {
    this.deps.metrics.totals.errors++;
    this.setError(describeAnswer(answer));
  }

  /** Records on their way to the dead letters, into the inspector's tail. */
  deadLettered(entries: Entry[], body: Uint8Array, httpStatus: number | null): void {
    this.sample(
      entries,
      this.request(entries, body, { httpStatus, compressedBytes: null, outcome: 'dead-lettered' }),
    );
  }

  /** Records Sluice could not prepare: each to the dead letters on its own, with the reason. */
  unprocessable(items: readonly { entry: Entry; reason: string }[]): NewDeadLetter[] {
    return items.map(({ entry, reason }) => {
      this.deps.metrics.totals.errors++;
      return this.deadLetter(
        [entry],
        `Sluice could not prepare this record for sending: ${reason}`,
      );
    });
  }

  /** Records past the log age: one dead letter for them, with the reason (docs/exporter.md, "Log age"). */
  expired(entries: Entry[], now: number, logAgeMs: number): NewDeadLetter {
    const ages = entries.map((e) => now - e.timeMs);
    const youngest = formatAge(Math.min(...ages));
    const oldest = formatAge(Math.max(...ages));
    const span = youngest === oldest ? oldest : `${youngest} to ${oldest}`;
    const what = entries.length === 1 ? 'this record is' : `these ${entries.length} records are`;
    return this.deadLetter(
      entries,
      `Dynatrace discards records older than ${formatAge(logAgeMs)} on arrival; ${what} ${span} old, so ${entries.length === 1 ? 'it was' : 'they were'} kept here instead of sent. To send such records anyway, set the stream's log-age handling to "send".`,
    );
  }

  private deadLetter(entries: Entry[], reason: string): NewDeadLetter {
    const request = buildRequest(entries);
    this.deadLettered(entries, request, null);
    return {
      streamId: this.streamId,
      httpStatus: null,
      reason,
      responseBody: null,
      recordCount: entries.length,
      request,
    };
  }

  /** Dead letters committed: counted, said, and the stream shows it for a while. */
  committed(dead: readonly NewDeadLetter[]): void {
    const records = dead.reduce((n, d) => n + d.recordCount, 0);
    this.deps.metrics.totals.deadLettered += records;
    const last = dead[dead.length - 1]!;
    const message = `${records} ${records === 1 ? 'record was' : 'records were'} moved to the dead letters: ${last.reason}`;
    this.problem(message, last.httpStatus, last.responseBody);
    this.deps.events.add({
      streamId: this.streamId,
      kind: 'dead-letter',
      level: 'error',
      message,
      httpStatus: last.httpStatus,
      responseBody: last.responseBody,
    });
  }

  /** An error outside any one record (a database error): counted and shown. */
  internalError(message: string): void {
    this.deps.metrics.totals.errors++;
    this.setError({
      httpStatus: null,
      message,
      advice: 'It retries by itself; if this repeats, the log file has the details.',
      responseBody: null,
    });
  }

  /** A condition the status shows while it lasts: Last error says it too, once. */
  warn(message: string): void {
    if (this.lastError?.message === message) return;
    this.setError({
      httpStatus: null,
      message,
      advice: 'The stream page shows the age of the oldest buffered record against the limit.',
      responseBody: null,
    });
  }

  /** A rejection, dead letter or drop: Active with errors for a while, with Last error filled. */
  problem(message: string, httpStatus: number | null, responseBody: string | null): void {
    this.lastProblem = { at: this.deps.now(), message };
    this.setError({
      httpStatus,
      message,
      advice: 'The stream keeps sending; the dead letters and the event log have the details.',
      responseBody,
    });
  }

  setError(e: Omit<LastError, 'at'>): void {
    this.lastError = { at: this.deps.now(), ...e };
  }

  event(kind: 'info' | 'error', level: 'info' | 'error', message: string): void {
    this.deps.events.add({ streamId: this.streamId, kind, level, message });
  }

  private request(
    entries: Entry[],
    body: Uint8Array,
    r: Pick<SentRequestInfo, 'httpStatus' | 'compressedBytes' | 'outcome'>,
  ): SentRequestInfo {
    return {
      id: ++this.requestSeq,
      at: this.deps.now(),
      recordCount: entries.length,
      bytes: body.length,
      ...r,
    };
  }

  /** Into the live inspector's tail; `examples`: kept apart, as examples of what Dynatrace changes. */
  private sample(entries: Entry[], request: SentRequestInfo, examples = false): void {
    // As read from the buffer: the inspector shows the stream's rules applied to it.
    const samples = entries.map((e) => ({
      seq: e.seq,
      resource: e.unprocessed?.resource ?? e.resource,
      resourceSchemaUrl: e.resourceSchemaUrl ?? '',
      scope: e.unprocessed?.scope ?? e.scope,
      scopeSchemaUrl: e.scopeSchemaUrl ?? '',
      record: e.unprocessed?.record ?? e.record,
    }));
    if (examples) this.deps.sampler.addExamples(samples, request);
    else this.deps.sampler.add(samples, request);
  }
}
