import { EmptyState } from '../../components/EmptyState';
import { CollectorExportButton } from '../../components/CollectorExportDialog';
import { Button } from '../../components/ui/Button';
import { Notice } from '../../components/ui/Notice';
import { formatBytes, plural } from '../../lib/format';
import { isStale, useConnection, useLiveness } from '../../store/connection';
import { navigate } from '../../store/navigation';
import { useStreams } from '../../store/streams';
import { DemoButton } from './DemoButton';
import { StreamRow } from './StreamRow';

function BufferUse() {
  const buffer = useConnection((s) => s.snapshot?.buffer ?? null);
  const { state } = useLiveness();
  if (!buffer) return null;
  return (
    <span
      className={isStale(state) ? 'muted toolbar__meta figure--stale' : 'muted toolbar__meta'}
      data-testid="buffer-use"
    >
      Buffer: {formatBytes(buffer.usedBytes)} of {formatBytes(buffer.capBytes)} ·{' '}
      {plural(buffer.records, 'record')}
      {buffer.full ? <strong className="text-warn"> · full</strong> : null}
    </span>
  );
}

/**
 * The table every morning starts with. It is a real table to assistive
 * technology (explicit roles, since its rows are laid out as CSS grids),
 * and styles/streams.css gives each column a minimum width and rearranges
 * secondary figures as the window narrows, so it never scrolls sideways.
 */
export function StreamsOverview() {
  const { streams, loaded, error } = useStreams();

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
        <BufferUse />
      </div>
      <div className="streams__frame">
        <table className="streams__table" role="table" aria-label="Streams">
          <thead role="rowgroup">
            <tr role="row" className="streams__row streams__row--head" data-testid="streams-head">
              <th role="columnheader" scope="col" className="streams__cell" data-cell="name">
                Stream
              </th>
              <th role="columnheader" scope="col" className="streams__cell" data-cell="tool">
                Destination
              </th>
              <th role="columnheader" scope="col" className="streams__cell" data-cell="status">
                Status
              </th>
              <th role="columnheader" scope="col" className="streams__cell num" data-cell="rate">
                Records/s
              </th>
              <th role="columnheader" scope="col" className="streams__cell num" data-cell="backlog">
                Backlog
              </th>
              <th
                role="columnheader"
                scope="col"
                className="streams__cell num"
                data-cell="oldest"
                title="Age of the oldest record this stream has not delivered yet"
              >
                Oldest
              </th>
              <th role="columnheader" scope="col" className="streams__cell" data-cell="error">
                Last error
              </th>
              <th role="columnheader" scope="col" className="streams__cell" data-cell="actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {streams.map((s) => (
              <StreamRow key={s.id} stream={s} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
