import { useId, useMemo, useState } from 'react';
import type { SentRequestInfo } from '../../../../shared/api/inspector';
import {
  mapToDynatrace,
  type DynatraceMapping,
  type DynatraceNote,
  type RuleId,
} from '../../../../shared/dynatrace';
import { exportRequestToJson } from '../../../../shared/otlp';
import { ClampedText } from '../../components/ClampedText';
import { CheckboxField, Segmented } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import { Tabs, tabPanelProps } from '../../components/ui/Tabs';
import { formatBytes, formatDateTime, plural } from '../../lib/format';
import { setOptions, useInspector } from './inspector-store';
import { ProcessingView, useStreamRules } from './ProcessingView';
import {
  diffRows,
  isTransformation,
  outputText,
  recordBytes,
  requestBytes,
  ruleSummary,
  singleRecordRequest,
  type InspectedRecord,
} from './model';

export interface RecordContext {
  record: InspectedRecord;
  /** Ingest time the timestamp rules compare with, ms since the epoch. */
  ingestAt: number;
  authOrigin: string | null;
  /** Live: the request it went out in. */
  sent: SentRequestInfo | null;
  /** Offline: the whole request's size, encoding and this record's position. */
  offline: { bytes: number; encoding: string; records: number; position: number } | null;
  /** The stream's data model, when known ("tenant-default" cannot be known here). */
  streamModel: string | null;
}

function RuleChips({ notes }: { notes: readonly DynatraceNote[] }) {
  return (
    <ul className="rules">
      {notes.map((n, i) => (
        <li
          key={i}
          className={isTransformation(n.rule) ? 'rule rule--changed' : 'rule'}
          data-rule={n.rule}
          title={ruleSummary(n.rule)}
        >
          <code className="rule__id">{n.rule}</code>{' '}
          <span className="rule__detail">{n.detail}</span>
        </li>
      ))}
    </ul>
  );
}

function DynatraceView({ mapping }: { mapping: DynatraceMapping }) {
  const rec = mapping.records[0];
  const dropped = mapping.dropped[0];
  if (dropped) {
    return (
      <Notice kind="warning" title="Dynatrace discards this record" testId="dropped-record">
        <code>{dropped.rule}</code>: {dropped.reason}
      </Notice>
    );
  }
  if (!rec) return null;
  const rows: [string, unknown][] = [
    ['timestamp', rec.timestamp],
    ['loglevel', rec.loglevel],
    ['content', rec.content],
    ...Object.entries(rec.attributes),
  ];
  const wholeNotes = rec.notes.filter((n) => n.field === 'attributes');
  return (
    <>
      {wholeNotes.length > 0 ? <RuleChips notes={wholeNotes} /> : null}
      <table
        className="table dt-table"
        aria-label="Dynatrace record"
        data-testid="dynatrace-record"
      >
        <colgroup>
          <col className="dt-table__field" />
          <col className="dt-table__value" />
          <col className="dt-table__rules" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([field, value]) => {
            const notes = rec.notes.filter((n) => n.field === field);
            const changed = notes.some((n) => isTransformation(n.rule));
            return (
              <tr
                key={field}
                className={changed ? 'dt-row dt-row--changed' : 'dt-row'}
                data-field={field}
              >
                <th scope="row" className="dt-field">
                  <code>{field}</code>
                  {changed ? <span className="visually-hidden"> (transformed)</span> : null}
                </th>
                <td className="dt-value">
                  <ClampedText text={outputText(value)} what={`the value of ${field}`} />
                  <span className="muted small dt-type">
                    {value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}
                  </span>
                </td>
                <td>
                  <RuleChips notes={notes} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function WireView({ ctx }: { ctx: RecordContext }) {
  const single = useMemo(() => singleRecordRequest(ctx.record), [ctx.record]);
  const json = useMemo(() => JSON.stringify(exportRequestToJson(single), null, 2), [single]);
  return (
    <div className="wire">
      <dl className="facts facts--compact" aria-label="Sizes">
        <dt>LogRecord</dt>
        <dd data-testid="record-bytes">{formatBytes(recordBytes(ctx.record.record))} (protobuf)</dd>
        <dt>Alone in a request</dt>
        <dd>{formatBytes(requestBytes(single))} (protobuf, with its resource and scope)</dd>
        {ctx.sent ? (
          <>
            <dt>Sent in request</dt>
            <dd>
              #{ctx.sent.id} at {formatDateTime(ctx.sent.at)}:{' '}
              {plural(ctx.sent.recordCount, 'record')}, {formatBytes(ctx.sent.bytes)}
              {ctx.sent.compressedBytes !== null
                ? `, ${formatBytes(ctx.sent.compressedBytes)} compressed`
                : ''}
            </dd>
            <dt>Outcome</dt>
            <dd>
              {ctx.sent.outcome}
              {ctx.sent.httpStatus !== null ? ` (HTTP ${ctx.sent.httpStatus})` : ''}
            </dd>
          </>
        ) : null}
        {ctx.offline ? (
          <>
            <dt>Request</dt>
            <dd>
              {formatBytes(ctx.offline.bytes)} of{' '}
              {ctx.offline.encoding === 'json' ? 'OTLP/JSON' : 'protobuf'},{' '}
              {plural(ctx.offline.records, 'record')}; this is record {ctx.offline.position + 1}
            </dd>
          </>
        ) : null}
      </dl>
      <pre
        className="code-block code-block--tall"
        aria-label="The record as sent (OTLP/JSON)"
        tabIndex={0}
      >
        {json}
      </pre>
    </div>
  );
}

function DiffView({ mapping, record }: { mapping: DynatraceMapping; record: InspectedRecord }) {
  const rec = mapping.records[0];
  if (!rec) return <p className="muted">Dynatrace discards this record: nothing to compare.</p>;
  const rows = diffRows(rec, record);
  return (
    <table className="table diff" aria-label="Input and result side by side" data-testid="diff">
      <colgroup>
        <col className="diff__col-path" />
        <col className="diff__col-value" />
        <col className="diff__col-path" />
        <col className="diff__col-value" />
        <col className="diff__col-rules" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Sent (OTLP)</th>
          <th scope="col">Value sent</th>
          <th scope="col">Stored by Dynatrace</th>
          <th scope="col">Value stored</th>
          <th scope="col">Rules</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const changed = r.rules.some((x: RuleId) => isTransformation(x)) || r.field === null;
          return (
            <tr key={i} className={changed ? 'diff__row diff__row--changed' : 'diff__row'}>
              <td>{r.input ? <code>{r.input.path}</code> : <span className="muted">—</span>}</td>
              <td className="diff__value">
                {r.input ? (
                  <ClampedText text={r.input.value} what={`the sent ${r.input.path}`} />
                ) : (
                  ''
                )}
              </td>
              <td>
                {r.field ? (
                  <code>{r.field}</code>
                ) : (
                  <span className="muted">not stored on its own</span>
                )}
              </td>
              <td className="diff__value">
                {r.output !== null ? (
                  <ClampedText text={r.output} what={`the stored ${r.field ?? 'value'}`} />
                ) : (
                  ''
                )}
              </td>
              <td>
                <ul className="rules">
                  {r.rules.filter(isTransformation).map((x) => (
                    <li key={x} className="rule rule--changed">
                      <code className="rule__id" title={ruleSummary(x)}>
                        {x}
                      </code>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function RecordView({ ctx: received }: { ctx: RecordContext }) {
  const options = useInspector((s) => s.options);
  const [tab, setTab] = useState<'dynatrace' | 'wire' | 'diff' | 'rules'>('dynatrace');
  const tabsId = useId();
  // Every view but "Stream rules" shows the record as it will be sent: after the stream's rules.
  const rules = useStreamRules(received.record);
  const ctx = useMemo(
    () => (rules.after ? { ...received, record: rules.after } : received),
    [received, rules.after],
  );
  const mapping = useMemo(
    () =>
      mapToDynatrace(singleRecordRequest(ctx.record), {
        model: options.model,
        processing: options.processing,
        profile: options.profile,
        authOrigin: ctx.authOrigin,
        outsystemsTruncation: options.outsystems,
        now:
          ctx.offline && options.ingest === 'record-time' && ctx.record.record.timeUnixNano > 0n
            ? ctx.record.record.timeUnixNano
            : BigInt(Math.round(ctx.ingestAt)) * 1_000_000n,
        requestBytes: ctx.sent?.bytes ?? ctx.offline?.bytes,
      }),
    [ctx, options],
  );
  return (
    <section className="record-view" aria-label="Selected record">
      <div className="record-view__options">
        <Segmented
          label="Data model"
          value={options.model}
          options={[
            { value: 'raw', label: 'Raw' },
            { value: 'flattened', label: 'Flattened' },
          ]}
          onChange={(model) => setOptions({ model })}
        />
        <Segmented
          label="Processing"
          value={options.processing}
          options={[
            { value: 'openpipeline', label: 'OpenPipeline' },
            { value: 'classic', label: 'Classic' },
          ]}
          onChange={(processing) => setOptions({ processing })}
        />
        <Segmented
          label="Rules"
          value={options.profile}
          options={[
            { value: 'current-docs', label: 'Current docs (SaaS)' },
            { value: 'classic', label: 'Managed (Classic)' },
            { value: 'seed', label: 'API reference' },
          ]}
          onChange={(profile) => setOptions({ profile })}
        />
        <CheckboxField
          label="OutSystems truncation"
          help="content and exception.stacktrace cut to 4,000 characters"
          checked={options.outsystems}
          onChange={(outsystems) => setOptions({ outsystems })}
        />
        {ctx.offline ? (
          <Segmented
            label="Ingest time"
            value={options.ingest}
            options={[
              { value: 'now', label: 'Now' },
              { value: 'record-time', label: "The record's own time" },
            ]}
            onChange={(ingest) => setOptions({ ingest })}
          />
        ) : null}
      </div>
      {ctx.streamModel === 'tenant-default' ? (
        <p className="muted small">
          This stream uses the tenant default data model: pick the one your environment uses.
        </p>
      ) : null}
      {mapping.notes.length > 0 ? (
        <Notice kind="warning" title="About the request">
          <ul>
            {mapping.notes.map((n, i) => (
              <li key={i}>
                <code>{n.rule}</code> {n.detail}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <Tabs
        label="Record views"
        idBase={tabsId}
        value={tab}
        onChange={setTab}
        items={[
          { key: 'dynatrace', label: 'Dynatrace view' },
          { key: 'wire', label: 'Wire view' },
          { key: 'diff', label: 'Side by side' },
          { key: 'rules', label: "Stream's rules" },
        ]}
      />
      <div {...tabPanelProps(tabsId, tab)} className="tab-panel">
        {tab === 'dynatrace' ? <DynatraceView mapping={mapping} /> : null}
        {tab === 'wire' ? <WireView ctx={ctx} /> : null}
        {tab === 'diff' ? <DiffView mapping={mapping} record={ctx.record} /> : null}
        {tab === 'rules' ? <ProcessingView rules={rules} /> : null}
      </div>
    </section>
  );
}
