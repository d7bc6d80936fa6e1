import type { AppSettings } from '../../shared/api/settings';

const MB = 1024 * 1024;

function size(bytes: number): string {
  return bytes >= 1024 * MB && bytes % (1024 * MB) === 0
    ? `${bytes / (1024 * MB)} GB`
    : `${Math.round(bytes / MB)} MB`;
}

/**
 * The event log's sentence for an edit of the engine-wide settings, or null
 * when nothing that concerns the streams changed (the theme is the
 * window's business, not the streams').
 */
export function describeSettingsChange(before: AppSettings, after: AppSettings): string | null {
  const changes: string[] = [];
  if (before.buffer.capBytes !== after.buffer.capBytes) {
    changes.push(
      `the buffer's disk cap from ${size(before.buffer.capBytes)} to ${size(after.buffer.capBytes)}`,
    );
  }
  if (before.historyRetentionDays !== after.historyRetentionDays) {
    changes.push(
      `history kept from ${before.historyRetentionDays} to ${after.historyRetentionDays} days`,
    );
  }
  return changes.length === 0 ? null : `Settings edited: ${changes.join(', and ')}.`;
}
