import { useId, useState } from 'react';
import type { StreamRuntime } from '../../../../shared/api/engine';
import type { TestStreamResult } from '../../../../shared/api/test-stream';
import { destinationEndpointUrl, toolLabels } from '../../../../shared/destinations';
import { api } from '../../api';
import { CollectorExportButton } from '../../components/CollectorExportDialog';
import { TestResultView } from '../../components/TestResultView';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Notice } from '../../components/ui/Notice';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Tabs, tabPanelProps } from '../../components/ui/Tabs';
import { formatBytes, formatCount, formatDuration, formatTime } from '../../lib/format';
import { isStale, useConnection, useLiveness } from '../../store/connection';
import { messageOf } from '../../store/errors';
import { navigate } from '../../store/navigation';
import { useStreams } from '../../store/streams';
import { deleteStream, duplicateStream, retryNow, setActive } from '../streams/actions';
import { statusReason } from '../streams/status-reason';
import { Charts } from './Charts';
import { DeadLetters } from './DeadLetters';
import { DynatraceChecks } from './DynatraceChecks';
import { EventLog } from './EventLog';
import { ProcessingSection } from './ProcessingSection';

const sendingLabels: Record<StreamRuntime['sending'], string> = {
  idle: 'Idle: nothing to send',
  sending: 'Sending',
  retrying: 'Waiting to retry',
  stopped: 'Stopped until the settings change or you retry',
  paused: 'Paused',
};

function Counters({ rt, stale }: { rt: StreamRuntime | null; stale: boolean }) {
  const t = rt?.totals;
  const items: [string, string, string][] = [
    ['Records in', formatCount(t?.recordsIn ?? 0), 'records-in'],
    ['Records out', formatCount(t?.recordsOut ?? 0), 'records-out'],
    ['Bytes out', formatBytes(t?.bytesOut ?? 0), 'bytes-out'],
    ['Requests', formatCount(t?.requests ?? 0), 'requests'],
    ['Errors', formatCount(t?.errors ?? 0), 'errors'],
    ['Retries', formatCount(t?.retries ?? 0), 'retries'],
    ['Rejected', formatCount(t?.rejected ?? 0), 'rejected'],
    ['Dead-lettered', formatCount(t?.deadLettered ?? 0), 'dead-lettered'],
    ['Dropped', formatCount(t?.dropped ?? 0), 'dropped'],
    ['Filtered out', formatCount(t?.filtered ?? 0), 'filtered'],
    [
      'Backlog',
      `${formatCount(rt?.backlogRecords ?? 0)} · ${formatBytes(rt?.backlogBytes ?? 0)}`,
      'backlog',
    ],
    [
      'Oldest buffered',
      rt?.oldestBufferedAgeMs != null ? formatDuration(rt.oldestBufferedAgeMs) : '—',
      'oldest',
    ],
  ];
  return (
    <dl
      className={stale ? 'counters counters--stale' : 'counters'}
      aria-label={
        stale
          ? 'Counters since the engine started, as last received (not current)'
          : 'Counters since the engine started'
      }
      data-stale={stale || undefined}
    >
      {items.map(([label, value, id]) => (
        <div key={id} className="counter">
          <dt>{label}</dt>
          <dd data-testid={`counter-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function LastErrorPanel({ rt, onRetry }: { rt: StreamRuntime; onRetry: () => void }) {
  const e = rt.lastError;
  if (!e) return null;
  const next =
    rt.sending === 'retrying' && rt.nextAttemptAt
      ? ` Next attempt at ${formatTime(rt.nextAttemptAt)}.`
      : '';
  return (
    <section className="last-error" aria-label="Last error" data-testid="last-error">
      <h2 className="section-title">
        Last error
        {e.httpStatus !== null ? <span className="pill">HTTP {e.httpStatus}</span> : null}
        <span className="muted small"> at {formatTime(e.at)}</span>
      </h2>
      <p>{e.message}</p>
      <p>
        <strong>What to do: </strong>
        {e.advice}
        {next}
      </p>
      {e.responseBody ? (
        <details className="disclosure">
          <summary>Response body</summary>
          <pre className="code-block">{e.responseBody}</pre>
        </details>
      ) : null}
      {rt.sending === 'stopped' || rt.sending === 'retrying' ? (
        <Button size="small" onClick={onRetry} needsEngine>
          Retry now
        </Button>
      ) : null}
    </section>
  );
}

export function StreamDetail({ streamId }: { streamId: string }) {
  const stream = useStreams((s) => s.streams.find((x) => x.id === streamId) ?? null);
  const loaded = useStreams((s) => s.loaded);
  const rt = useConnection((s) => s.snapshot?.streams.find((r) => r.id === streamId) ?? null);
  const [tab, setTab] = useState<'events' | 'dead-letters'>('events');
  const [test, setTest] = useState<{
    busy: boolean;
    result: TestStreamResult | null;
    error: string | null;
  } | null>(null);
  const tabsId = useId();
  const { state } = useLiveness();
  const stale = isStale(state);
  const seenAt = useConnection((s) => s.snapshot?.at ?? null);

  if (!stream) {
    return loaded ? (
      <Notice kind="error" title="This stream no longer exists">
        <Button size="small" onClick={() => navigate('streams')}>
          Back to streams
        </Button>
      </Notice>
    ) : (
      <p className="muted">Loading…</p>
    );
  }

  const status = rt?.status ?? (stream.active ? 'active' : 'inactive');
  const runTest = async (): Promise<void> => {
    setTest({ busy: true, result: null, error: null });
    try {
      setTest({
        busy: false,
        result: await api.request('streams.test', { id: stream.id }),
        error: null,
      });
    } catch (err) {
      setTest({ busy: false, result: null, error: messageOf(err) });
    }
  };
  const endpoint =
    stream.destination.tool === 's3'
      ? `s3://${stream.destination.bucket}/${stream.destination.prefix}`
      : destinationEndpointUrl(stream.destination);

  return (
    <div className="detail">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a
          href="#/streams"
          onClick={(e) => {
            e.preventDefault();
            navigate('streams');
          }}
        >
          Streams
        </a>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{stream.name}</span>
      </nav>
      <header className="detail__head">
        <div className="detail__summary">
          <StatusBadge
            status={status}
            reason={statusReason(stream, rt)}
            staleSince={stale ? seenAt : null}
          />
          <span>{toolLabels[stream.destination.tool]}</span>
          <code className="detail__endpoint" title={endpoint}>
            {endpoint}
          </code>
          <span className="muted small" data-testid="sending-state">
            {rt ? sendingLabels[rt.sending] : ''}
          </span>
        </div>
        <div className="detail__actions" role="toolbar" aria-label="Stream actions">
          {stream.active ? (
            <Button onClick={() => void setActive(stream, false)} needsEngine>
              Pause
            </Button>
          ) : (
            <Button variant="primary" onClick={() => void setActive(stream, true)} needsEngine>
              Resume
            </Button>
          )}
          <Button onClick={() => void runTest()} needsEngine>
            Test
          </Button>
          <Button onClick={() => navigate('streams', { streamId: stream.id, view: 'edit' })}>
            Edit
          </Button>
          <Button onClick={() => void duplicateStream(stream)} needsEngine>
            Duplicate
          </Button>
          <Button onClick={() => navigate('inspector', { streamId: stream.id })}>
            Inspect records
          </Button>
          <CollectorExportButton
            streamName={stream.name}
            label="Export as Collector configuration"
          />
          <Button
            variant="danger"
            needsEngine
            onClick={() =>
              void deleteStream(stream, rt?.backlogRecords ?? null).then(
                (ok) => ok && navigate('streams'),
              )
            }
          >
            Delete
          </Button>
        </div>
      </header>
      {statusReason(stream, rt) ? (
        <p className={stale ? 'detail__reason figure--stale' : 'detail__reason'}>
          {statusReason(stream, rt)}
        </p>
      ) : null}
      {stream.sourceIds.length === 0 ? (
        <Notice kind="info" title="This stream reads no sources yet">
          Nothing reaches it until it does: choose its sources with Edit, in Source details.
        </Notice>
      ) : null}
      {rt ? <LastErrorPanel rt={rt} onRetry={() => void retryNow(stream)} /> : null}
      <Counters rt={rt} stale={stale} />
      <DynatraceChecks stream={stream} rt={rt} />
      <Charts streamId={stream.id} />
      <ProcessingSection stream={stream} rt={rt} />
      <section className="detail__activity" aria-label="Activity log">
        <Tabs
          label="Activity"
          idBase={tabsId}
          value={tab}
          onChange={setTab}
          items={[
            { key: 'events', label: 'Event log' },
            { key: 'dead-letters', label: 'Dead letters' },
          ]}
        />
        <div {...tabPanelProps(tabsId, tab)} className="tab-panel">
          {tab === 'events' ? (
            <EventLog streamId={stream.id} />
          ) : (
            <DeadLetters streamId={stream.id} />
          )}
        </div>
      </section>
      <Dialog
        open={test !== null}
        title={`Test ${stream.name}`}
        onClose={() => setTest(null)}
        wide
        testId="test-dialog"
        actions={
          <>
            <Button onClick={() => setTest(null)}>Close</Button>
            <Button variant="primary" busy={test?.busy} onClick={() => void runTest()}>
              Test again
            </Button>
          </>
        }
      >
        {test?.busy ? <p role="status">Connecting to the destination…</p> : null}
        {test?.error ? <Notice kind="error">{test.error}</Notice> : null}
        {test?.result ? <TestResultView result={test.result} /> : null}
      </Dialog>
    </div>
  );
}
