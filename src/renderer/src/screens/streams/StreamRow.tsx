import { memo } from 'react';
import type { LastError } from '../../../../shared/api/engine';
import type { Stream } from '../../../../shared/api/streams';
import { toolLabels } from '../../../../shared/destinations/schema';
import { Sparkline } from '../../components/Sparkline';
import { Button } from '../../components/ui/Button';
import { StatusBadge } from '../../components/ui/StatusBadge';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
  formatTime,
  plural,
} from '../../lib/format';
import { connectionState, isStale, useConnection } from '../../store/connection';
import { openStream } from '../../store/navigation';
import { useRates } from '../../store/rates';
import { setActive } from './actions';
import { statusReason } from './status-reason';

const noRates: number[] = [];

/** The last error as one line of text: what the cell shows, and (with the advice) its tooltip. */
export function lastErrorText(e: LastError): { shown: string; full: string } {
  const shown = `${e.httpStatus !== null ? `HTTP ${e.httpStatus}: ` : ''}${e.message}`;
  return { shown, full: `${shown} What to do: ${e.advice} (at ${formatTime(e.at)})` };
}

/**
 * One stream in the overview: a grid row whose cells keep their places
 * however wide the window (styles/streams.css moves the destination under
 * the name, the age under the backlog, and the last error to a line of its
 * own as the window narrows). It subscribes to its own stream's figures so
 * the other rows do not re-render at every beat.
 */
export const StreamRow = memo(function StreamRow({ stream }: { stream: Stream }) {
  const rt = useConnection((s) => s.snapshot?.streams.find((r) => r.id === stream.id) ?? null);
  const seenAt = useConnection((s) => s.snapshot?.at ?? null);
  const state = useConnection(connectionState);
  const rates = useRates((s) => s.recordsOut[stream.id] ?? noRates);
  const stale = isStale(state);
  const status = rt?.status ?? (stream.active ? 'active' : 'inactive');
  const reason = statusReason(stream, rt);
  const error = rt?.lastError ? lastErrorText(rt.lastError) : null;
  const backlog = rt?.backlogRecords ?? 0;
  const backlogBytes = formatBytes(rt?.backlogBytes ?? 0);
  return (
    <tr
      role="row"
      className={stale ? 'streams__row streams__row--stale' : 'streams__row'}
      data-testid="stream-row"
      data-stream-id={stream.id}
      data-stream-name={stream.name}
      data-stale={stale || undefined}
    >
      <th role="rowheader" scope="row" className="streams__cell" data-cell="name">
        <a
          className="streams__name"
          href={`#/streams/${encodeURIComponent(stream.id)}`}
          title={stream.name}
          onClick={(e) => {
            e.preventDefault();
            openStream(stream.id);
          }}
        >
          {stream.name}
        </a>
      </th>
      <td role="cell" className="streams__cell streams__tool" data-cell="tool">
        {toolLabels[stream.destination.tool]}
      </td>
      <td role="cell" className="streams__cell" data-cell="status">
        <StatusBadge
          status={status}
          reason={reason}
          staleSince={stale && seenAt !== null ? seenAt : null}
        />
      </td>
      <td role="cell" className="streams__cell num streams__rate" data-cell="rate">
        <Sparkline values={rates} label={`${stream.name} records per second`} stale={stale} />
        <span className="fixed-num fixed-num--rate figure" data-testid="records-per-sec">
          {formatRate(rt?.rates.recordsOutPerSec ?? 0)}
        </span>
      </td>
      <td
        role="cell"
        className="streams__cell num figure"
        data-cell="backlog"
        data-testid="backlog"
        aria-label={`${plural(backlog, 'record')}, ${backlogBytes}`}
      >
        <span className="fixed-num fixed-num--count">{formatCount(backlog)}</span>
        <span className="muted small" aria-hidden="true">
          {' · '}
        </span>
        <span className="fixed-num fixed-num--bytes muted small">{backlogBytes}</span>
      </td>
      <td role="cell" className="streams__cell num figure streams__age" data-cell="oldest">
        <span className="streams__age-label muted small">oldest </span>
        {rt?.oldestBufferedAgeMs != null ? formatDuration(rt.oldestBufferedAgeMs) : '—'}
      </td>
      <td
        role="cell"
        className={error ? 'streams__cell streams__error' : 'streams__cell streams__error--none'}
        data-cell="error"
      >
        {error ? (
          <span className="streams__error-text" title={error.full} data-full-text={error.full}>
            <span className="streams__error-label small" aria-hidden="true">
              Last error:
            </span>
            {error.shown}
          </span>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td role="cell" className="streams__cell streams__actions" data-cell="actions">
        <Button
          size="small"
          onClick={() => void setActive(stream, !stream.active)}
          aria-label={`${stream.active ? 'Pause' : 'Resume'} ${stream.name}`}
          needsEngine
        >
          {stream.active ? 'Pause' : 'Resume'}
        </Button>
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
