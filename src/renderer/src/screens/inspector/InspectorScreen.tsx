import { useEffect, useId, useMemo, useRef, type ChangeEvent } from 'react';
import {
  authOriginFromToken,
  isWouldChangeRule,
  mappingTargetOf,
  RULES,
} from '../../../../shared/dynatrace';
import { Button } from '../../components/ui/Button';
import { SelectField, TextField } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import { Tabs, tabPanelProps } from '../../components/ui/Tabs';
import { formatCount, plural } from '../../lib/format';
import { navigate, useNavigation } from '../../store/navigation';
import { useStreams } from '../../store/streams';
import {
  chooseStream,
  loadOffline,
  maxLiveRows,
  pollTail,
  setMode,
  setOptions,
  useInspector,
} from './inspector-store';
import { liveRecord, type InspectedRecord } from './model';
import { RecordList } from './RecordList';
import { RecordView, type RecordContext } from './RecordView';
import { recordsUnderRule } from './rule-filter';

/** Polls the tail once a second while live and not paused; at once again while more is waiting. */
function useTailPolling(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const loop = async (): Promise<void> => {
      const more = await pollTail();
      if (!stopped) timer = setTimeout(() => void loop(), more ? 0 : 1_000);
    };
    void loop();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [active]);
}

function LivePane() {
  const streams = useStreams((s) => s.streams);
  const routeStream = useNavigation((s) => s.streamId);
  const rule = useNavigation((s) => s.rule);
  const { streamId, paused, live, liveError, selected, authOrigin, liveModel, options } =
    useInspector();

  useEffect(() => {
    if (routeStream && routeStream !== streamId) chooseStream(routeStream);
    else if (!routeStream && !streamId && streams[0]) chooseStream(streams[0].id);
  }, [routeStream, streamId, streams]);

  // A Dynatrace stream's tenant setting decides the rules and limits shown.
  const destination = streams.find((s) => s.id === streamId)?.destination;
  const tenant = destination?.tool === 'dynatrace' ? destination.tenant : null;
  useEffect(() => {
    if (tenant) setOptions(mappingTargetOf(tenant));
  }, [streamId, tenant]);

  // With a rule in the address, only the records Dynatrace would change under it.
  const shown = useMemo(
    () => (rule ? recordsUnderRule(live, rule, options, authOrigin) : null),
    [live, rule, options, authOrigin],
  );
  const listIndex = (i: number) => (shown ? shown[i]! : i);
  const selectedInList = selected === null ? null : shown ? shown.indexOf(selected) : selected;

  useTailPolling(streamId !== null && !paused);

  const ctx = useMemo<RecordContext | null>(() => {
    const s = selected !== null ? live[selected] : undefined;
    if (!s) return null;
    return {
      record: liveRecord(s),
      ingestAt: s.at,
      authOrigin,
      sent: s.request,
      offline: null,
      streamModel: liveModel,
    };
  }, [selected, live, authOrigin, liveModel]);

  if (streams.length === 0) {
    return (
      <Notice kind="info" title="No streams yet">
        The live view shows records as a stream sends them. Create a stream first, or use the
        offline view to inspect an OTLP request.
      </Notice>
    );
  }
  return (
    <div className="inspector__pane">
      <div className="toolbar toolbar--wrap">
        <SelectField
          label="Stream"
          value={streamId ?? ''}
          options={streams.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(id) => navigate('inspector', { streamId: id })}
        />
        <Button
          onClick={() => useInspector.setState({ paused: !paused })}
          aria-pressed={paused}
          variant={paused ? 'primary' : 'secondary'}
        >
          {paused ? 'Resume tail' : 'Pause tail'}
        </Button>
        <Button
          variant="ghost"
          onClick={() => useInspector.setState({ live: [], selected: null })}
          disabled={live.length === 0}
        >
          Clear
        </Button>
        <span className="muted small" role="status" data-testid="live-count">
          {plural(live.length, 'sampled record')}
          {paused ? ' (paused)' : ''}
          {live.length >= maxLiveRows
            ? `; the oldest fall off after ${formatCount(maxLiveRows)}`
            : ''}
        </span>
      </div>
      {liveError ? <Notice kind="error">{liveError}</Notice> : null}
      {rule && shown ? (
        <Notice kind="info" title="Examples for one rule" testId="rule-filter">
          Showing the sampled records under which Dynatrace applies <code>{rule}</code>
          {isWouldChangeRule(rule) ? ` (${RULES[rule].summary})` : ''}: {formatCount(shown.length)}{' '}
          of {formatCount(live.length)}.{' '}
          <Button
            size="small"
            variant="ghost"
            onClick={() => navigate('inspector', { streamId: streamId ?? null })}
          >
            Show all records
          </Button>
        </Notice>
      ) : null}
      <div className="inspector__split">
        <div className="inspector__list">
          {live.length === 0 ? (
            <p className="muted">
              Waiting for records: a sample of each request this stream sends appears here.
            </p>
          ) : (
            <RecordList
              label="Sampled records"
              count={shown ? shown.length : live.length}
              recordAt={(i) => liveRecord(live[listIndex(i)]!)}
              timeAt={(i) => live[listIndex(i)]!.at}
              selected={selectedInList === -1 ? null : selectedInList}
              onSelect={(i) => useInspector.setState({ selected: listIndex(i) })}
              follow={!paused}
            />
          )}
        </div>
        <div className="inspector__detail">
          {ctx ? (
            <RecordView ctx={ctx} />
          ) : (
            <p className="muted">Select a record to see what Dynatrace stores.</p>
          )}
        </div>
      </div>
    </div>
  );
}

function OfflinePane() {
  const { offline, offlineError, offlineLabel, offlineText, offlineAuthOrigin, selected } =
    useInspector();
  const fileRef = useRef<HTMLInputElement>(null);
  const loadedAt = useMemo(() => Date.now(), [offline]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    if (!file) return;
    loadOffline(new Uint8Array(await file.arrayBuffer()), file.name);
    e.target.value = '';
  };

  const authOrigin =
    offlineAuthOrigin.trim() === ''
      ? null
      : (authOriginFromToken(offlineAuthOrigin) ?? offlineAuthOrigin.trim());
  const records = offline?.records ?? [];
  const ctx = useMemo<RecordContext | null>(() => {
    const r = selected !== null ? records[selected] : undefined;
    if (!r || !offline) return null;
    return {
      record: r,
      ingestAt: loadedAt,
      authOrigin,
      sent: null,
      offline: {
        bytes: offline.bytes,
        encoding: offline.encoding,
        records: records.length,
        position: selected!,
      },
      streamModel: null,
    };
  }, [selected, records, offline, authOrigin, loadedAt]);

  return (
    <div className="inspector__pane">
      <div className="offline-input">
        <TextField
          label="OTLP request (JSON)"
          help="Paste an ExportLogsServiceRequest in OTLP/JSON, or open a file: JSON or binary protobuf."
          multiline
          required
          value={offlineText}
          placeholder='{"resourceLogs":[…]}'
          onChange={(v) => useInspector.setState({ offlineText: v })}
        />
        <div className="toolbar">
          <Button
            variant="primary"
            disabled={offlineText.trim() === ''}
            onClick={() =>
              loadOffline(new TextEncoder().encode(offlineText), 'Pasted request', offlineText)
            }
          >
            Inspect
          </Button>
          <Button onClick={() => fileRef.current?.click()}>Open a file…</Button>
          <input
            ref={fileRef}
            type="file"
            className="visually-hidden"
            aria-label="OTLP request file"
            tabIndex={-1}
            accept=".json,.pb,.bin,.binpb,.protobuf,application/json,application/x-protobuf"
            onChange={(e) => void onFile(e)}
            data-testid="offline-file"
          />
          <TextField
            label="API token or its public part"
            help="Optional: for the dt.auth.origin attribute (only the public part is used)."
            type="password"
            value={offlineAuthOrigin}
            onChange={(v) => useInspector.setState({ offlineAuthOrigin: v })}
            className="field--inline"
          />
        </div>
      </div>
      {offlineError ? (
        <Notice kind="error" title={`${offlineLabel ?? 'The input'} is not an OTLP logs request`}>
          {offlineError}
        </Notice>
      ) : null}
      {offline ? (
        <p className="muted small" role="status">
          {offlineLabel}: {plural(records.length, 'record')} (
          {offline.encoding === 'json' ? 'OTLP/JSON' : 'protobuf'})
        </p>
      ) : null}
      {offline ? (
        <div className="inspector__split">
          <div className="inspector__list">
            <RecordList
              label="Records in the request"
              count={records.length}
              recordAt={(i) => records[i] as InspectedRecord}
              timeAt={(i) => {
                const ns = records[i]!.record.timeUnixNano;
                return ns === 0n ? null : Number(ns / 1_000_000n);
              }}
              selected={selected}
              onSelect={(i) => useInspector.setState({ selected: i })}
              follow={false}
            />
          </div>
          <div className="inspector__detail">
            {ctx ? <RecordView ctx={ctx} /> : <p className="muted">Select a record.</p>}
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function InspectorScreen() {
  const mode = useInspector((s) => s.mode);
  const tabsId = useId();
  return (
    <div className="inspector">
      <Tabs
        label="Inspector source"
        idBase={tabsId}
        value={mode}
        onChange={setMode}
        items={[
          { key: 'live', label: 'Live' },
          { key: 'offline', label: 'Offline (paste or open)' },
        ]}
      />
      <div {...tabPanelProps(tabsId, mode)} className="tab-panel">
        {mode === 'live' ? <LivePane /> : <OfflinePane />}
      </div>
    </div>
  );
}
