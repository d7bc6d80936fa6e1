import { useId, useState } from 'react';
import {
  severityFloorNames,
  type AttributeMatch,
  type SeverityFloor,
} from '../../../../shared/api/streams';
import { sourceKindLabels, type SourceInput } from '../../../../shared/api/sources';
import { api } from '../../api';
import { Button } from '../../components/ui/Button';
import { SelectField, TextField } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import { messageOf } from '../../store/errors';
import { refreshSources, useSources } from '../../store/sources';
import { addCreatedSource, patchDraft, stagePresets, useDraft } from './draft';
import { SourceForm } from './SourceForm';
import { SourceStatus } from '../../components/SourceStatus';

const severityLabels: Record<SeverityFloor, string> = {
  any: 'Any level',
  trace: 'TRACE and above',
  debug: 'DEBUG and above',
  info: 'INFO and above',
  warn: 'WARN and above',
  error: 'ERROR and above',
  fatal: 'FATAL only',
};

const quickSources: { label: string; input: SourceInput }[] = [
  { label: 'Add sample data', input: { name: 'Sample data', settings: { kind: 'sample' } } },
  {
    label: 'Add an OTLP receiver',
    input: { name: 'OTLP receiver', settings: { kind: 'otlp-receiver' } },
  },
];

function SourcesPicker() {
  const { sources, loaded, error, unavailable } = useSources();
  const sourceIds = useDraft((d) => d.sourceIds);
  const [busy, setBusy] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const toggle = (id: string, on: boolean): void =>
    patchDraft({ sourceIds: on ? [...sourceIds, id] : sourceIds.filter((s) => s !== id) });

  const add = async (label: string, input: SourceInput): Promise<void> => {
    setBusy(label);
    setAddError(null);
    try {
      const created = await api.request('sources.create', { source: input });
      await refreshSources();
      addCreatedSource(created.id);
    } catch (err) {
      setAddError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <fieldset className="group">
      <legend className="group__legend">Sources</legend>
      <p className="muted small">
        Which sources feed this stream. One copy of each record is buffered, however many streams
        read it.
      </p>
      {!loaded ? <p className="muted">Loading sources…</p> : null}
      {error ? (
        <Notice kind={unavailable ? 'info' : 'error'} title="Sources are not available">
          {error} You can save the stream now and add sources later.
        </Notice>
      ) : null}
      {loaded && !error && sources.length === 0 ? (
        <p className="muted">No sources yet: add one below.</p>
      ) : null}
      {loaded && !error && sources.length > 0 && sourceIds.length === 0 ? (
        <Notice kind="warning" title="No source chosen" testId="no-source-warning">
          Nothing reaches this stream until it reads a source: choose one here, or add one below.
          You can still save it and choose later with Edit.
        </Notice>
      ) : null}
      <ul className="check-list" aria-label="Sources">
        {sources.map((s) => (
          <li key={s.id}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={sourceIds.includes(s.id)}
                onChange={(e) => toggle(s.id, e.target.checked)}
              />
              <span>
                {s.name}
                {s.name !== sourceKindLabels[s.settings.kind] ? (
                  <span className="muted small"> · {sourceKindLabels[s.settings.kind]}</span>
                ) : null}
                {' · '}
                <SourceStatus sourceId={s.id} detailed={false} />
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="toolbar">
        {quickSources
          .filter((q) => !sources.some((s) => s.settings.kind === q.input.settings.kind))
          .map((q) => (
            <Button
              key={q.label}
              size="small"
              busy={busy === q.label}
              onClick={() => void add(q.label, q.input)}
              needsEngine
            >
              {q.label}
            </Button>
          ))}
        <Button size="small" variant="ghost" onClick={() => setFormOpen(true)}>
          Add another source…
        </Button>
      </div>
      <SourceForm
        open={formOpen}
        onClose={(created) => {
          setFormOpen(false);
          if (created) addCreatedSource(created.id);
        }}
      />
      {addError ? (
        <Notice kind="info" title="The source could not be added">
          {addError}
        </Notice>
      ) : null}
    </fieldset>
  );
}

function StagePicker() {
  const stage = useDraft((d) => d.stage);
  const preset =
    stage === '' ? 'none' : (stagePresets as readonly string[]).includes(stage) ? stage : 'custom';
  const [custom, setCustom] = useState(preset === 'custom');
  const value = custom ? 'custom' : preset;
  return (
    <div className="field-row">
      <SelectField
        label="Stage"
        help={
          <>
            Added to every record as the resource attribute <code>deployment.environment.name</code>
            .
          </>
        }
        value={value}
        required={false}
        options={[
          { value: 'none', label: 'None' },
          ...stagePresets.map((s) => ({ value: s, label: s })),
          { value: 'custom', label: 'Custom…' },
        ]}
        onChange={(v) => {
          setCustom(v === 'custom');
          if (v === 'none') patchDraft({ stage: '' });
          else if (v !== 'custom') patchDraft({ stage: v });
        }}
      />
      {value === 'custom' ? (
        <TextField
          label="Custom stage"
          required
          value={stage}
          placeholder="Staging"
          onChange={(s) => patchDraft({ stage: s })}
        />
      ) : null}
    </div>
  );
}

function MatchList(props: { kind: 'include' | 'exclude'; title: string; help: string }) {
  const filter = useDraft((d) => d.filter);
  const showAll = useDraft((d) => d.showAll);
  const touched = useDraft((d) => d.touched);
  const rules = filter[props.kind];
  const idBase = useId();
  const set = (next: AttributeMatch[], path?: string): void =>
    patchDraft({ filter: { ...filter, [props.kind]: next } }, path);
  return (
    <fieldset className="group group--nested">
      <legend className="group__legend">{props.title}</legend>
      <p className="muted small">{props.help}</p>
      {rules.map((rule, i) => {
        const path = `filter.${props.kind}.${i}.key`;
        // A rule needs an attribute name; said once the row was touched, or at Next.
        const problem =
          rule.key.trim() === '' && (showAll || touched.includes(path))
            ? 'Name the attribute to match (for example service.name), or remove this rule.'
            : null;
        return (
          <div className="match-row" key={i}>
            <label className="visually-hidden" htmlFor={`${idBase}-key-${i}`}>
              Attribute name
            </label>
            <input
              id={`${idBase}-key-${i}`}
              className="input"
              placeholder="service.name"
              value={rule.key}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${idBase}-problem-${i}` : undefined}
              onChange={(e) =>
                set(
                  rules.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)),
                  path,
                )
              }
              onBlur={() => patchDraft({}, path)}
            />
            <label className="visually-hidden" htmlFor={`${idBase}-op-${i}`}>
              Comparison
            </label>
            <select
              id={`${idBase}-op-${i}`}
              className="input select"
              value={rule.op}
              onChange={(e) =>
                set(
                  rules.map((r, j) =>
                    j === i ? { ...r, op: e.target.value as AttributeMatch['op'] } : r,
                  ),
                )
              }
            >
              <option value="equals">equals</option>
              <option value="contains">contains</option>
              <option value="matches">matches (regex)</option>
            </select>
            <label className="visually-hidden" htmlFor={`${idBase}-value-${i}`}>
              Value
            </label>
            <input
              id={`${idBase}-value-${i}`}
              className="input"
              placeholder="value"
              value={rule.value}
              onChange={(e) =>
                set(rules.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))
              }
            />
            <Button
              size="small"
              variant="ghost"
              aria-label={`Remove rule ${i + 1}`}
              onClick={() => set(rules.filter((_, j) => j !== i))}
            >
              Remove
            </Button>
            {problem ? (
              <p className="match-row__issue field__issue--error" id={`${idBase}-problem-${i}`}>
                {problem}
              </p>
            ) : null}
          </div>
        );
      })}
      <Button size="small" onClick={() => set([...rules, { key: '', op: 'equals', value: '' }])}>
        Add a rule
      </Button>
    </fieldset>
  );
}

/** Step 4: where the records come from, the stage label, and filters. */
export function SourceStep() {
  const minSeverity = useDraft((d) => d.filter.minSeverity);
  return (
    <div className="step step--source">
      <SourcesPicker />
      <StagePicker />
      <fieldset className="group">
        <legend className="group__legend">Filters</legend>
        <SelectField
          label="Minimum severity"
          help="Records below this level are left out (not an error: they are counted as filtered)."
          value={minSeverity}
          options={severityFloorNames.map((s) => ({ value: s, label: severityLabels[s] }))}
          onChange={(v) =>
            patchDraft({
              filter: { ...useDraft.getState().filter, minSeverity: v as SeverityFloor },
            })
          }
        />
        <MatchList
          kind="include"
          title="Only records where"
          help="When there are rules here, a record is sent only if it matches one of them."
        />
        <MatchList
          kind="exclude"
          title="Never records where"
          help="A record matching any of these is left out."
        />
      </fieldset>
    </div>
  );
}
