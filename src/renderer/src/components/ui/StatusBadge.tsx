import { useId } from 'react';
import { streamStatusLabels, type StreamStatus } from '../../../../shared/api/engine';

/**
 * Active / Active with errors / Inactive, as the seed names them. The reason
 * shows on hover and on keyboard focus, and is the badge's description for
 * screen readers.
 */
export function StatusBadge(props: { status: StreamStatus; reason: string | null }) {
  const tipId = useId();
  const label = streamStatusLabels[props.status];
  if (!props.reason) {
    return (
      <span className={`badge badge--${props.status}`} data-testid="status-badge">
        {label}
      </span>
    );
  }
  return (
    <span className="tip">
      <span
        className={`badge badge--${props.status}`}
        tabIndex={0}
        aria-describedby={tipId}
        data-testid="status-badge"
      >
        {label}
      </span>
      <span role="tooltip" id={tipId} className="tip__text">
        {props.reason}
      </span>
    </span>
  );
}
