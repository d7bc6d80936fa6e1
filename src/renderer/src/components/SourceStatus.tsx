import { sourceStateLabels } from '../../../shared/api/sources';
import { useConnection } from '../store/connection';
import { formatRate } from '../lib/format';

/** A source's state, rate, (for a receiver) address and, when detailed, what it is waiting for: from the 1 Hz snapshot. */
export function SourceStatus({
  sourceId,
  detailed = true,
}: {
  sourceId: string;
  detailed?: boolean;
}) {
  const rt = useConnection((s) => s.snapshot?.sources.find((r) => r.id === sourceId) ?? null);
  if (!rt) return null;
  const endpoint = rt.endpoint;
  return (
    <span className="source-status muted small" data-testid="source-status">
      <span className={`source-state source-state--${rt.state}`}>
        {sourceStateLabels[rt.state]}
      </span>
      {rt.recordsInPerSec > 0 ? ` · ${formatRate(rt.recordsInPerSec)} records/s` : ''}
      {endpoint ? (
        <>
          {' '}
          · <code data-testid="source-endpoint">{endpoint}</code>
        </>
      ) : null}
      {detailed && rt.message ? ` · ${rt.message}` : ''}
      {rt.warning ? <strong className="text-warn"> · {rt.warning}</strong> : null}
    </span>
  );
}
