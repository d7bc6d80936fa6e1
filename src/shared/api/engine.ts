/** What the engine publishes once a second, and what app.info answers. */

export type StreamStatus = 'active' | 'active-with-errors' | 'inactive';

export const streamStatusLabels: Record<StreamStatus, string> = {
  active: 'Active',
  'active-with-errors': 'Active with errors',
  inactive: 'Inactive',
};

export interface StreamRuntime {
  id: string;
  status: StreamStatus;
  /** Why the status is what it is, in words (shown on the badge's hover/focus). */
  statusReason: string | null;
}

export interface EngineSnapshot {
  /** Milliseconds since the epoch when the snapshot was taken. */
  at: number;
  /** Increases by one per snapshot; lets a client notice missed beats. */
  seq: number;
  uptimeMs: number;
  streams: StreamRuntime[];
}

export interface KeychainStatus {
  available: boolean;
  /** When unavailable: what is missing and how to fix it. */
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
}
