/** What the engine publishes once a second, and what app.info answers. */
import type { SourceRuntime } from './sources';

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
