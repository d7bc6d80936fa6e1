import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeadLetter, DeadLetterDetail } from '../../../../shared/api/dead-letters';
import { api } from '../../api';
import { Button } from '../../components/ui/Button';
import { confirmAction } from '../../components/ui/confirm';
import { Dialog } from '../../components/ui/Dialog';
import { Notice } from '../../components/ui/Notice';
import { formatBytes, formatCount, formatDateTime, plural } from '../../lib/format';
import { messageOf } from '../../store/errors';
import { navigate } from '../../store/navigation';
import { toast } from '../../store/toasts';
import { openInOffline } from '../inspector/inspector-store';

/** Batches the destination refused for good: inspect, replay, delete. */
export function DeadLetters({ streamId }: { streamId: string }) {
  const [list, setList] = useState<DeadLetter[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [detail, setDetail] = useState<DeadLetterDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    try {
      const items = await api.request('deadLetters.list', { streamId });
      setList(items);
      setSelected((prev) => prev.filter((id) => items.some((i) => i.id === id)));
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoaded(true);
    }
  }, [streamId]);

  useEffect(() => {
    void load();
    const off = api.on('deadLetters.changed', (p) => {
      if (p.streamId !== streamId) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(), 150);
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load, streamId]);

  const replay = async (ids: number[]): Promise<void> => {
    try {
      const r = await api.request('deadLetters.replay', { ids });
      toast(`${plural(r.queued, 'dead letter')} queued to be sent again, ahead of new records.`);
      await load();
    } catch (err) {
      toast(messageOf(err), 'error');
    }
  };

  const remove = async (ids: number[]): Promise<void> => {
    const records = list.filter((d) => ids.includes(d.id)).reduce((n, d) => n + d.recordCount, 0);
    const ok = await confirmAction({
      title: ids.length === 1 ? 'Delete this dead letter?' : `Delete ${ids.length} dead letters?`,
      message: `${plural(records, 'record')} will be gone for good: they were never accepted by the destination.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!ok) return;
    try {
      const r = await api.request('deadLetters.delete', { ids });
      toast(`${plural(r.deleted, 'dead letter')} deleted.`);
      setDetail(null);
      await load();
    } catch (err) {
      toast(messageOf(err), 'error');
    }
  };

  const inspect = async (id: number): Promise<void> => {
    try {
      setDetail(await api.request('deadLetters.get', { id }));
    } catch (err) {
      toast(messageOf(err), 'error');
    }
  };

  if (!loaded) return <p className="muted">Loading dead letters…</p>;
  const allSelected = list.length > 0 && selected.length === list.length;
  return (
    <div className="dead-letters">
      {error ? <Notice kind="error">{error}</Notice> : null}
      {list.length === 0 ? (
        <p className="muted">
          No dead letters. Batches the destination refuses for good (HTTP 400) are kept here to
          inspect and replay.
        </p>
      ) : (
        <>
          <div className="toolbar">
            <Button
              size="small"
              disabled={selected.length === 0}
              onClick={() => void replay(selected)}
              needsEngine
            >
              Replay selected
            </Button>
            <Button
              size="small"
              variant="danger"
              disabled={selected.length === 0}
              needsEngine
              onClick={() => void remove(selected)}
            >
              Delete selected
            </Button>
          </div>
          <table className="table" aria-label="Dead letters">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all dead letters"
                    checked={allSelected}
                    onChange={(e) => setSelected(e.target.checked ? list.map((d) => d.id) : [])}
                  />
                </th>
                <th scope="col">When</th>
                <th scope="col">HTTP</th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Records
                </th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Replays
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((dl) => (
                <tr key={dl.id} data-testid="dead-letter">
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select dead letter ${dl.id}`}
                      checked={selected.includes(dl.id)}
                      onChange={(e) =>
                        setSelected((prev) =>
                          e.target.checked ? [...prev, dl.id] : prev.filter((x) => x !== dl.id),
                        )
                      }
                    />
                  </td>
                  <td>{formatDateTime(dl.at)}</td>
                  <td>{dl.httpStatus ?? '—'}</td>
                  <td className="clip-cell" title={dl.reason}>
                    {dl.reason}
                  </td>
                  <td className="num">{formatCount(dl.recordCount)}</td>
                  <td className="num">{formatBytes(dl.bytes)}</td>
                  <td className="num" data-testid="replays">
                    {dl.replays}
                  </td>
                  <td className="row-actions">
                    <Button
                      size="small"
                      variant="ghost"
                      onClick={() => void inspect(dl.id)}
                      aria-label={`Inspect dead letter ${dl.id}`}
                    >
                      Inspect
                    </Button>
                    <Button
                      size="small"
                      onClick={() => void replay([dl.id])}
                      needsEngine
                      aria-label={`Replay dead letter ${dl.id}`}
                    >
                      Replay
                    </Button>
                    <Button
                      size="small"
                      variant="ghost"
                      onClick={() => void remove([dl.id])}
                      needsEngine
                      aria-label={`Delete dead letter ${dl.id}`}
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Dialog
        open={detail !== null}
        title={detail ? `Dead letter ${detail.id}` : ''}
        onClose={() => setDetail(null)}
        wide
        testId="dead-letter-dialog"
        actions={
          detail ? (
            <>
              <Button onClick={() => setDetail(null)}>Close</Button>
              {detail.requestJson !== null ? (
                <Button
                  onClick={() => {
                    openInOffline(
                      JSON.stringify(detail.requestJson, null, 2),
                      `Dead letter ${detail.id}`,
                    );
                    setDetail(null);
                    navigate('inspector');
                  }}
                >
                  Open in the inspector
                </Button>
              ) : null}
              <Button variant="danger" onClick={() => void remove([detail.id])} needsEngine>
                Delete
              </Button>
              <Button
                variant="primary"
                onClick={() => void replay([detail.id]).then(() => setDetail(null))}
                needsEngine
              >
                Replay
              </Button>
            </>
          ) : null
        }
      >
        {detail ? (
          <>
            <dl className="facts facts--compact">
              <dt>When</dt>
              <dd>{formatDateTime(detail.at)}</dd>
              <dt>HTTP status</dt>
              <dd>{detail.httpStatus ?? 'none (network)'}</dd>
              <dt>Reason</dt>
              <dd>{detail.reason}</dd>
              <dt>Records</dt>
              <dd>
                {formatCount(detail.recordCount)} ({formatBytes(detail.bytes)})
              </dd>
              <dt>Replays</dt>
              <dd>{detail.replays}</dd>
            </dl>
            {detail.responseBody ? (
              <>
                <h3 className="subhead">Response body</h3>
                <pre className="code-block">{detail.responseBody}</pre>
              </>
            ) : null}
            <h3 className="subhead">Request (OTLP/JSON)</h3>
            <pre className="code-block code-block--tall">
              {detail.requestJson === null
                ? 'The stored request could not be decoded.'
                : JSON.stringify(detail.requestJson, null, 2)}
            </pre>
          </>
        ) : null}
      </Dialog>
    </div>
  );
}
