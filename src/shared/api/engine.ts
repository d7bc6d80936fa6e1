/** What the engine publishes once a second, and what app.info answers. */
import type { SourceRuntime } from './sources';

/**
 * Upper bounds, in seconds, of the request-duration histograms' buckets
 * (Prometheus's defaults, plus 30 s and 60 s: a destination's timeout is
 * 30 s unless configured otherwise). The last bucket, +Inf, is implied.
 */
export const requestDurationBounds = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
] as const;

/** Every request's duration since the engine started, as Prometheus histograms count them. */
export interface DurationHistogram {
  /**
   * Requests that took at most each bound of requestDurationBounds
   * (cumulative), then all of them (+Inf): one more entry than there are bounds.
   */
  cumulative: number[];
  count: number;
  sumSeconds: number;
}

/** How the engine's own thread is doing (in the app and `sluice serve`, the worker thread). */
export interface EngineThreadFigures {
  /** Event-loop delay over the last second: the 99th percentile and the maximum. */
  eventLoopLagP99Ms: number;
  eventLoopLagMaxMs: number;
  /** The engine thread's JavaScript heap in use. */
  heapUsedBytes: number;
}

export type StreamStatus = 'active' | 'active-with-errors' | 'inactive';

export const streamStatusLabels: Record<StreamStatus, string> = {
  active: 'Active',
  'active-with-errors': 'Active with errors',
  inactive: 'Inactive',
};

/**
 * What the stream's exporter is doing right now:
 * idle (nothing to send), sending, retrying (waiting to resend the same
 * batch), stopped (401/403/404: every batch would fail the same way, so it
 * waits for a configuration change or "Retry now"), paused (Inactive).
 */
export type SendingState = 'idle' | 'sending' | 'retrying' | 'stopped' | 'paused';

export interface LastError {
  /** Milliseconds since the epoch. */
  at: number;
  /** HTTP status, or null for network failures (DNS, refused, reset, timeout, TLS). */
  httpStatus: number | null;
  /** What happened, in words. */
  message: string;
  /** What to check or do about it. */
  advice: string;
  /** The destination's response body, cut to a few kilobytes; never contains our token. */
  responseBody: string | null;
}

/** Counters since the engine started; rates are per second over the last second. */
export interface StreamTotals {
  recordsIn: number;
  bytesIn: number;
  recordsOut: number;
  bytesOut: number;
  requests: number;
  errors: number;
  retries: number;
  /** Refused by the destination in a partial success. */
  rejected: number;
  deadLettered: number;
  /** Evicted from a full buffer under the drop-oldest policy before this stream sent them. */
  dropped: number;
  /** Left out by the stream's filters (not an error). */
  filtered: number;
}

/** Totals of a stream that has counted nothing yet. */
export function zeroTotals(): StreamTotals {
  return {
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
}

export interface StreamRates {
  recordsInPerSec: number;
  bytesInPerSec: number;
  recordsOutPerSec: number;
  bytesOutPerSec: number;
  errorsPerSec: number;
  retriesPerSec: number;
}

export interface StreamRuntime {
  id: string;
  status: StreamStatus;
  /** Why the status is what it is, in words (shown on the badge's hover/focus). */
  statusReason: string | null;
  sending: SendingState;
  /** When retrying: when the next attempt is due (ms since the epoch). */
  nextAttemptAt: number | null;
  lastError: LastError | null;
  rates: StreamRates;
  totals: StreamTotals;
  backlogRecords: number;
  backlogBytes: number;
  /** Age of the oldest record this stream has not delivered yet. */
  oldestBufferedAgeMs: number | null;
  /** Request latency over the last minute. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** Dynatrace streams: the oldest buffered record against the log-age limit; null for other tools. */
  logAge: LogAgeState | null;
  /**
   * Records the mapping says Dynatrace will cut, drop or change, by rule id
   * (WOULD_CHANGE_RULES in src/shared/dynatrace/predict.ts), since the engine started.
   */
  wouldChange: Record<string, number>;
  /** Every request to the destination since the engine started (Prometheus: a histogram). */
  requestDurations: DurationHistogram;
  /**
   * Records each processing rule changed in the last minute, by rule key
   * (its id, or rule-N; docs/processing.md). null when the stream has no
   * rules or its exporter does not count them.
   */
  processing: Record<string, number> | null;
}

export interface LogAgeState {
  /** Age of the oldest record this stream has not delivered yet; null when none is buffered. */
  oldestRecordAgeMs: number | null;
  /** Dynatrace discards records older than this (24 hours). */
  limitMs: number;
  /** When the backlog will reach the limit at the current drain rate, if within the next hour; else null. */
  crossesWithinMs: number | null;
}

export type BufferFullPolicy = 'block' | 'drop-oldest';

export interface BufferState {
  /** Bytes the buffer occupies on disk. */
  usedBytes: number;
  capBytes: number;
  records: number;
  /** True while at or over the cap. */
  full: boolean;
}

export interface EngineSnapshot {
  /** Milliseconds since the epoch when the snapshot was taken. */
  at: number;
  /** Increases by one per snapshot; lets a client notice missed beats. */
  seq: number;
  uptimeMs: number;
  buffer: BufferState;
  streams: StreamRuntime[];
  sources: SourceRuntime[];
  engine: EngineThreadFigures;
}

/**
 * Why the OS keychain cannot be used: the keychain library was not built,
 * no D-Bus session bus is reachable (gnome-keyring may well be installed),
 * nothing provides the Secret Service on the bus, the keyring is locked or
 * was never created, or something else (the message has the detail).
 */
export type KeychainCause =
  'ok' | 'not-installed' | 'no-dbus' | 'no-secret-service' | 'locked' | 'unknown';

export interface KeychainStatus {
  available: boolean;
  cause: KeychainCause;
  /** When unavailable: what is missing and how to fix it, in words. */
  message: string | null;
}

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  platform: string;
  nodeVersion: string;
  /** 'worker' in the app and `sluice serve` (the main thread stays free). */
  engineThread: 'main' | 'worker';
  keychain: KeychainStatus;
  /** Set when an unreadable buffer was moved aside at start: where it went. */
  movedAsideStore: string | null;
}
