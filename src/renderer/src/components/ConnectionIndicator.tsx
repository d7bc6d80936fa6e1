import { connectionState, useConnection, type ConnectionState } from '../store/connection';
import { formatDuration } from '../../../shared/format/duration';

const labels: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  stale: 'Engine not responding',
  offline: 'Disconnected, retrying…',
  expired: 'Restarted: open its new link',
};

/** Fed by the 1 Hz snapshot: green while beats arrive, amber when they stop. */
export function ConnectionIndicator() {
  const state = useConnection(connectionState);
  const uptime = useConnection((s) => s.snapshot?.uptimeMs ?? null);
  const title =
    state === 'live' && uptime !== null
      ? `Connected to the engine; up ${formatDuration(uptime)}`
      : labels[state];
  return (
    <div
      className={`connection connection--${state}`}
      role="status"
      aria-live="polite"
      title={title}
      data-testid="connection"
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{labels[state]}</span>
    </div>
  );
}
