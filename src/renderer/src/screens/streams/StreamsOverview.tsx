import { memo, useState } from 'react';
import type { Stream } from '../../../../shared/api/streams';
import { toolLabels } from '../../../../shared/destinations/schema';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Sparkline } from '../../components/Sparkline';
import { CollectorExportButton } from '../../components/CollectorExportDialog';
import { Button } from '../../components/ui/Button';
import { Notice } from '../../components/ui/Notice';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { formatBytes, formatCount, formatDuration, formatRate } from '../../lib/format';
import { useConnection } from '../../store/connection';
import { messageOf } from '../../store/errors';
import { navigate, openStream } from '../../store/navigation';
import { useRates } from '../../store/rates';
import { refreshStreams, useStreams } from '../../store/streams';
import { toast } from '../../store/toasts';
import { setActive } from './actions';

const noRates: number[] = [];

/** One row; it subscribes to its own stream's figures so the others do not re-render. */
const StreamRow = memo(function StreamRow({ stream }: { stream: Stream }) {
  const rt = useConnection((s) => s.snapshot?.streams.find((r) => r.id === stream.id) ?? null);
  const rates = useRates((s) => s.recordsOut[stream.id] ?? noRates);
  const status = rt?.status ?? (stream.active ? 'active' : 'inactive');
  const reason = rt?.statusReason ?? (stream.active ? null : 'Paused by the user.');
  return (
    <tr className="streams__row" data-testid="stream-row" data-stream-id={stream.id}>
      <th scope="row" className="streams__name" title={stream.name}>
        <a
          href={`#/streams/${encodeURIComponent(stream.id)}`}
          onClick={(e) => {
            e.preventDefault();
            openStream(stream.id);
          }}
        >
          {stream.name}
        </a>
      </th>
      <td>{toolLabels[stream.destination.tool]}</td>
      <td>
        <StatusBadge status={status} reason={reason} />
      </td>
      <td className="num streams__rate">
        <Sparkline values={rates} label={`${stream.name} records per second`} />
        <span className="fixed-num fixed-num--rate" data-testid="records-per-sec">
          {formatRate(rt?.rates.recordsOutPerSec ?? 0)}
        </span>
      </td>
      <td className="num" data-testid="backlog">
        <span className="fixed-num fixed-num--count">{formatCount(rt?.backlogRecords ?? 0)}</span>
        <span className="fixed-num fixed-num--bytes muted small">
          {formatBytes(rt?.backlogBytes ?? 0)}
        </span>
      </td>
      <td className="num">
        {rt?.oldestBufferedAgeMs != null ? formatDuration(rt.oldestBufferedAgeMs) : '—'}
      </td>
      <td className="streams__error">
        {rt?.lastError ? (
          <span className="clip" title={`${rt.lastError.message} ${rt.lastError.advice}`}>
            {rt.lastError.httpStatus ? `HTTP ${rt.lastError.httpStatus}: ` : ''}
            {rt.lastError.message}
          </span>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td className="streams__actions">
        {stream.active ? (
          <Button
            size="small"
            onClick={() => void setActive(stream, false)}
            aria-label={`Pause ${stream.name}`}
          >
            Pause
          </Button>
        ) : (
          <Button
            size="small"
            onClick={() => void setActive(stream, true)}
            aria-label={`Resume ${stream.name}`}
          >
            Resume
          </Button>
        )}
        <Button
          size="small"
          variant="ghost"
          onClick={() => openStream(stream.id)}
          aria-label={`Open ${stream.name}`}
        >
          Open
        </Button>
      </td>
    </tr>
  );
});

export function DemoButton(props: { variant?: 'primary' | 'secondary' }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.request('demo.start');
      await refreshStreams();
      toast(`The demo stream is sending sample data to ${result.endpointUrl}.`);
      openStream(result.streamId);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant={props.variant ?? 'secondary'} busy={busy} onClick={() => void start()}>
        Start the demo stream
      </Button>
      {error ? (
        <div className="empty__notice">
          <Notice kind="info" title="The demo stream could not start" testId="demo-error">
            {error}
          </Notice>
        </div>
      ) : null}
    </>
  );
}

export function StreamsOverview() {
  const { streams, loaded, error } = useStreams();
  const buffer = useConnection((s) => s.snapshot?.buffer ?? null);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!loaded) return <p className="muted">Loading streams…</p>;
  if (streams.length === 0) {
    return (
      <EmptyState
        title="No streams yet"
        actions={
          <>
            <Button variant="primary" onClick={() => navigate('streams', { view: 'new' })}>
              Create a stream
            </Button>
            <DemoButton />
          </>
        }
      >
        <p>
          A stream sends the logs of your applications to an APM tool such as Dynatrace. It reads
          from sources (an OTLP receiver, log files, or built-in sample data), buffers records
          safely on this machine, and delivers them even when the destination is slow or down.
        </p>
        <p>
          Create a stream to choose a destination and test it, or start the demo stream to see
          sample data flow into a local Dynatrace-compatible endpoint with no setup at all.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="streams">
      <div className="toolbar toolbar--wrap">
        <Button variant="primary" onClick={() => navigate('streams', { view: 'new' })}>
          Create stream
        </Button>
        <CollectorExportButton />
        {buffer ? (
          <span className="muted toolbar__meta" data-testid="buffer-use">
            Buffer: {formatBytes(buffer.usedBytes)} of {formatBytes(buffer.capBytes)} ·{' '}
            {formatCount(buffer.records)} records
            {buffer.full ? <strong className="text-warn"> · full</strong> : null}
          </span>
        ) : null}
      </div>
      <div className="table-wrap">
        <table className="table streams__table" aria-label="Streams">
          <colgroup>
            <col className="col-name" />
            <col className="col-tool" />
            <col className="col-status" />
            <col className="col-rate" />
            <col className="col-backlog" />
            <col className="col-age" />
            <col className="col-error" />
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Destination</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Records/s
              </th>
              <th scope="col" className="num">
                Backlog
              </th>
              <th scope="col" className="num">
                <span title="Age of the oldest record this stream has not delivered yet">
                  Oldest
                </span>
              </th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {streams.map((s) => (
              <StreamRow key={s.id} stream={s} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
