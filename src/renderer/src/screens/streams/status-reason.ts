import type { StreamRuntime } from '../../../../shared/api/engine';
import type { Stream } from '../../../../shared/api/streams';

/**
 * Why an Inactive stream is inactive. A stream that has been Inactive since
 * it was created (a duplicate, or `"active": false` in a configuration file)
 * was never paused by anyone: saying "Paused by the user" would be wrong.
 * Its settings were not touched since either (every change moves updatedAt).
 */
export function inactiveReason(stream: Stream): string {
  return stream.createdAt === stream.updatedAt
    ? 'Inactive since it was created: nothing is sent until you resume it. Records keep being buffered.'
    : 'Paused by the user. No data is sent; records keep being buffered.';
}

/** The status badge's reason: the engine's, except for a stream never resumed since it was created. */
export function statusReason(stream: Stream, rt: StreamRuntime | null): string | null {
  if (!stream.active) return inactiveReason(stream);
  return rt?.statusReason ?? null;
}
