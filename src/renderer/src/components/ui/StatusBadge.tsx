import { useId } from 'react';
import { streamStatusLabels, type StreamStatus } from '../../../../shared/api/engine';
import { formatTime } from '../../lib/format';

/**
 * Active / Active with errors / Inactive, as the seed names them. The reason
 * shows on hover and on keyboard focus, and is the badge's description for
 * screen readers. `staleSince` (the time of the last figures) marks a status
 * that is no longer known to be current: the engine stopped answering.
 */
export function StatusBadge(props: {
  status: StreamStatus;
  reason: string | null;
  staleSince?: number | null;
}) {
  const tipId = useId();
  const label = streamStatusLabels[props.status];
  const stale = props.staleSince != null;
  const reason = stale
    ? `Last known at ${formatTime(props.staleSince!)}: ${props.reason ?? label}. The Sluice engine is not connected, so this may have changed.`
    : props.reason;
  const className = `badge badge--${props.status}${stale ? ' badge--stale' : ''}`;
  if (!reason) {
    return (
      <span className={className} data-testid="status-badge">
        {label}
      </span>
    );
  }
  return (
    <span className="tip">
      <span className={className} tabIndex={0} aria-describedby={tipId} data-testid="status-badge">
        {label}
      </span>
      <span role="tooltip" id={tipId} className="tip__text">
        {reason}
      </span>
    </span>
  );
}
