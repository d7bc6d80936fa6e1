import type { SourceRuntime } from '../../../shared/api/sources';
import { useConnection } from '../store/connection';
import { formatRate } from '../lib/format';

const stateLabels: Record<string, string> = {
  running: 'Running',
  idle: 'Idle',
  backpressure: 'Buffer full',
  error: 'Error',
  stopped: 'Stopped',
};

/** Where a receiver listens once it runs (older engines do not say). */
export function receiverEndpoint(rt: SourceRuntime | null): string | null {
  if (rt && 'endpoint' in rt && typeof rt.endpoint === 'string') return rt.endpoint;
  return null;
}

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
  const endpoint = receiverEndpoint(rt);
  return (
    <span className="source-status muted small" data-testid="source-status">
      {' '}
      ·{' '}
      <span className={`source-state source-state--${rt.state}`}>
        {stateLabels[rt.state] ?? rt.state}
      </span>
      {rt.recordsInPerSec > 0 ? ` · ${formatRate(rt.recordsInPerSec)} records/s` : ''}
      {endpoint ? (
        <>
          {' '}
          · <code data-testid="source-endpoint">{endpoint}</code>
        </>
      ) : null}
      {detailed && rt.message ? ` · ${rt.message}` : ''}
    </span>
  );
}
