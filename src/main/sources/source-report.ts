import type {
  SourceFileRuntime,
  SourceKind,
  SourceRuntime,
  SourceState,
  SourceTotals,
} from '../../shared/api/sources';
import type { AppendOutcome, EventSink } from '../engine/ports';
import { DurationCounter } from '../base/duration-counter';
import { RateWindow } from './rate-window';

const receiverIdle =
  'No stream reads this source: records sent to it are not stored, and clients are told so (partial success). Add it to a stream in its Source details.';

const idleMessages: Record<SourceKind, string> = {
  'otlp-receiver': receiverIdle,
  'otlp-grpc-receiver': receiverIdle,
  file: 'No stream reads this source: its files wait at their checkpoint. Add it to a stream in its Source details.',
  sample:
    'No stream reads this source, so it generates nothing. Add it to a stream in its Source details.',
};

const fullMessages: Record<SourceKind, string> = {
  'otlp-receiver':
    'The buffer is full (its disk cap is reached): clients are answered 503 with Retry-After and resend later. Raise the cap in Settings or fix the stream that is not sending.',
  'otlp-grpc-receiver':
    'The buffer is full (its disk cap is reached): clients are answered UNAVAILABLE with a retry delay and resend later. Raise the cap in Settings or fix the stream that is not sending.',
  file: 'The buffer is full (its disk cap is reached): reading is paused at the checkpoint and resumes when there is room.',
  sample: 'The buffer is full (its disk cap is reached): generation is paused.',
};

const refusalShownMs = 60_000;

export const zeroSourceTotals = (): SourceTotals => ({
  records: 0,
  bytes: 0,
  refused: 0,
  refusedRequests: 0,
  unrouted: 0,
  dropped: 0,
  truncated: 0,
});

/**
 * What one source has done and is doing: totals, rate, and the state shown
 * in the runtime. State changes worth knowing about (an error, the buffer
 * pushing back) are written to the engine's event log, once per change.
 */
export class SourceReport {
  readonly totals: SourceTotals;
  /** Receivers: where they listen. */
  endpoint: string | null = null;
  /** A standing caution shown beside the state. */
  warning: string | null = null;
  /** What a running source is waiting for (e.g. files that do not exist yet). */
  note: string | null = null;
  stopped = false;
  /** Receivers: how long each request took to answer (carried over a reconfiguration like the totals). */
  readonly requestDurations: DurationCounter;
  private readonly rate = new RateWindow();
  private problem: string | null = null;
  private blockedUntil = 0;
  private lastRefusal: { at: number; text: string } | null = null;

  constructor(
    readonly sourceId: string,
    readonly kind: SourceKind,
    private readonly name: string,
    private readonly events: EventSink,
    private readonly now: () => number,
    /** Totals carried over from before the source was reconfigured. */
    totals?: SourceTotals,
    requestDurations?: DurationCounter,
  ) {
    this.totals = totals ? { ...totals } : zeroSourceTotals();
    this.requestDurations = requestDurations ?? new DurationCounter();
  }

  /** A receiver answered a request (stored or refused) after `ms`. */
  requestTook(ms: number): void {
    this.requestDurations.observe(ms);
  }

  /** A commit (or a decision not to store): counts it and ends a backpressure episode. */
  stored(outcome: AppendOutcome): void {
    const now = this.now();
    this.totals.records += outcome.accepted;
    this.totals.bytes += outcome.bytes;
    this.totals.unrouted += outcome.unrouted;
    this.totals.dropped += outcome.dropped;
    this.rate.add(outcome.accepted, now);
    if (this.blockedUntil > 0 && outcome.accepted > 0) {
      this.blockedUntil = 0;
      this.event('info', 'The buffer has room again; records flow.');
    }
  }

  /** Records a client was told to send again (they were not stored). */
  refused(records: number): void {
    this.totals.refused += records;
  }

  /** The buffer refused a write under `block`: `records` were refused (0 when they stay in a file). */
  full(records: number, retryAfterMs: number): void {
    this.refused(records);
    if (this.blockedUntil === 0) this.event('warn', fullMessages[this.kind]);
    // Stay in backpressure a little past the retry hint, so the state does not flicker.
    this.blockedUntil = this.now() + retryAfterMs * 2;
  }

  /**
   * A receiver answered an error (`answer`: "HTTP 400", "gRPC INVALID_ARGUMENT");
   * the latest reason shows for a minute so the user can see why.
   */
  refusedRequest(answer: string, reason: string): void {
    this.totals.refusedRequests++;
    this.lastRefusal = {
      at: this.now(),
      text: `Last refused request: ${answer}. ${reason}`,
    };
  }

  truncated(records: number): void {
    this.totals.truncated += records;
  }

  /** Sets (or clears, with null) what keeps the source from working; logged on change. */
  setProblem(message: string | null): void {
    if (message === this.problem) return;
    const was = this.problem;
    this.problem = message;
    if (message !== null) this.event('error', message);
    else if (was !== null) this.event('info', 'Works again.');
  }

  /** A file became unreadable (message) or readable again (null): one event per change. */
  pathProblem(path: string, message: string | null): void {
    if (message !== null) this.event('warn', `Cannot read ${path}: ${message}`);
    else this.event('info', `${path} can be read again.`);
  }

  get hasProblem(): boolean {
    return this.problem !== null;
  }

  state(readers: number): { state: SourceState; message: string | null } {
    if (this.stopped) return { state: 'stopped', message: null };
    if (this.problem !== null) return { state: 'error', message: this.problem };
    if (this.now() < this.blockedUntil)
      return { state: 'backpressure', message: fullMessages[this.kind] };
    if (readers === 0) return { state: 'idle', message: idleMessages[this.kind] };
    const refusal =
      this.lastRefusal && this.now() - this.lastRefusal.at < refusalShownMs
        ? this.lastRefusal.text
        : null;
    return { state: 'running', message: refusal ?? this.note };
  }

  runtime(readers: number, files?: SourceFileRuntime[]): SourceRuntime {
    const { state, message } = this.state(readers);
    return {
      id: this.sourceId,
      kind: this.kind,
      state,
      message,
      warning: this.warning,
      endpoint: this.endpoint,
      recordsInPerSec: this.rate.perSecond(this.now()),
      totals: { ...this.totals },
      ...(files ? { files } : {}),
      requestDurations: this.requestDurations.figures(),
    };
  }

  private event(level: 'info' | 'warn' | 'error', message: string): void {
    this.events.add({
      streamId: null,
      kind: level === 'error' ? 'error' : 'info',
      level,
      message: `Source "${this.name}": ${message}`,
    });
  }
}
