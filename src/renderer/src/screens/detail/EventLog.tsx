import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  streamEventKinds,
  type StreamEvent,
  type StreamEventKind,
} from '../../../../shared/api/event-log';
import { api } from '../../api';
import { Button } from '../../components/ui/Button';
import { Notice } from '../../components/ui/Notice';
import { formatDateTime, plural } from '../../lib/format';
import { messageOf } from '../../store/errors';

const kindLabels: Record<StreamEventKind, string> = {
  status: 'Status',
  error: 'Errors',
  rejected: 'Rejected',
  'dead-letter': 'Dead letters',
  dropped: 'Dropped',
  config: 'Configuration',
  test: 'Tests',
  info: 'Info',
};

const pageSize = 200;

/** Status changes and errors with their HTTP status and response body; filterable. */
export function EventLog({ streamId }: { streamId: string }) {
  const [events, setEvents] = useState<StreamEvent[]>([]);
  const [kinds, setKinds] = useState<StreamEventKind[]>([]);
  const [level, setLevel] = useState<'all' | 'warn' | 'error'>('all');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await api.request('events.list', {
        streamId,
        includeEngine: true,
        kinds,
        limit: pageSize,
      });
      setEvents(list);
      setMore(list.length === pageSize);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [streamId, kinds]);

  useEffect(() => {
    void load();
    const off = api.on('events.added', (e) => {
      if (e.streamId !== streamId && e.streamId !== null) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(), 250);
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load, streamId]);

  const loadOlder = async (): Promise<void> => {
    const oldest = events.at(-1);
    if (!oldest) return;
    try {
      const list = await api.request('events.list', {
        streamId,
        includeEngine: true,
        kinds,
        beforeId: oldest.id,
        limit: pageSize,
      });
      setEvents((prev) => [...prev, ...list]);
      setMore(list.length === pageSize);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return events.filter(
      (e) =>
        (level === 'all' || (level === 'error' ? e.level === 'error' : e.level !== 'info')) &&
        (needle === '' ||
          e.message.toLowerCase().includes(needle) ||
          (e.responseBody ?? '').toLowerCase().includes(needle) ||
          String(e.httpStatus ?? '').includes(needle)),
    );
  }, [events, level, text]);

  const toggleKind = (k: StreamEventKind, on: boolean): void =>
    setKinds((prev) => (on ? [...prev, k] : prev.filter((x) => x !== k)));

  return (
    <div className="event-log">
      <div className="filters" role="group" aria-label="Filter events">
        <fieldset className="chips">
          <legend className="visually-hidden">Kinds</legend>
          {streamEventKinds.map((k) => (
            <label key={k} className={kinds.includes(k) ? 'chip chip--on' : 'chip'}>
              <input
                type="checkbox"
                checked={kinds.includes(k)}
                onChange={(e) => toggleKind(k, e.target.checked)}
              />
              {kindLabels[k]}
            </label>
          ))}
        </fieldset>
        <label className="inline-field">
          <span>Level</span>
          <select
            className="input select"
            value={level}
            onChange={(e) => setLevel(e.target.value as typeof level)}
          >
            <option value="all">All</option>
            <option value="warn">Warnings and errors</option>
            <option value="error">Errors only</option>
          </select>
        </label>
        <label className="inline-field">
          <span>Search</span>
          <input
            className="input"
            type="search"
            value={text}
            placeholder="message, status, body"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {shown.length === 0 ? (
        <p className="muted">
          {events.length === 0 ? 'Nothing has happened yet.' : 'No event matches these filters.'}
        </p>
      ) : (
        <ol className="events" aria-label="Events">
          {shown.map((e) => (
            <li
              key={e.id}
              className={`event event--${e.level}`}
              data-testid="event"
              data-kind={e.kind}
            >
              <time className="event__time" dateTime={new Date(e.at).toISOString()}>
                {formatDateTime(e.at)}
              </time>
              <span className={`level level--${e.level}`}>{e.level}</span>
              <span className="event__kind">{kindLabels[e.kind]}</span>
              {e.httpStatus !== null ? <span className="pill">HTTP {e.httpStatus}</span> : null}
              <span className="event__message">
                {e.streamId === null ? <span className="muted">Sluice: </span> : null}
                {e.message}
                {e.repeats > 0 ? (
                  <span className="event__repeats" data-testid="event-repeats">
                    {' '}
                    Repeated {plural(e.repeats, 'more time')}, last at{' '}
                    {formatDateTime(e.lastRepeatAt ?? e.at)}.
                  </span>
                ) : null}
              </span>
              {e.responseBody ? (
                <details className="disclosure event__body">
                  <summary>Response body</summary>
                  <pre className="code-block">{e.responseBody}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {more ? (
        <Button size="small" onClick={() => void loadOlder()}>
          Load older events
        </Button>
      ) : null}
    </div>
  );
}
