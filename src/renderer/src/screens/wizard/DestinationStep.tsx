import {
  destinationDefinitions,
  networkFields,
  type FieldDefinition,
} from '../../../../shared/destinations';
import { Button } from '../../components/ui/Button';
import { CheckboxField, SelectField, TextField, type FieldIssue } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import {
  patchDraft,
  setDeliveryOverride,
  setCredential,
  setField,
  setNetworkField,
  useDraft,
  type Draft,
  type FormValue,
  type Issue,
  type Validation,
} from './draft';
import { CredentialField } from './CredentialField';
import { UrlBuilder } from './UrlBuilder';

function issuesFor(path: string, d: Draft, v: Validation): FieldIssue[] {
  if (!d.showAll && !d.touched.includes(path)) return [];
  return v.issues
    .filter((i) => i.path === path)
    .map((i: Issue) => ({
      severity: i.severity,
      message: i.message,
      fix: i.fix
        ? {
            label: i.fix.label,
            apply: () => applyFix(i.fix!.path, i.fix!.value),
          }
        : undefined,
    }));
}

function applyFix(path: string, value: string): void {
  if (path.startsWith('delivery.')) setDeliveryOverride(path, value);
  else if (path.startsWith('network.')) setNetworkField(path.slice('network.'.length), value);
  else if (path.startsWith('credentials.')) setCredential(path.slice('credentials.'.length), value);
  else setField(path, value);
}

function FieldInput(props: {
  def: FieldDefinition;
  value: FormValue | undefined;
  onChange: (v: FormValue) => void;
  issues: FieldIssue[];
}) {
  const { def } = props;
  switch (def.kind) {
    case 'checkbox':
      return (
        <CheckboxField
          label={def.label}
          help={def.help}
          checked={props.value === true}
          onChange={props.onChange}
          issues={props.issues}
        />
      );
    case 'select':
      return (
        <SelectField
          label={def.label}
          help={def.help}
          value={String(props.value ?? '')}
          options={def.options}
          onChange={props.onChange}
          issues={props.issues}
          required={def.required}
        />
      );
    default:
      return (
        <TextField
          label={def.label}
          help={def.help}
          placeholder={def.placeholder}
          required={def.required}
          type={def.kind === 'url' ? 'url' : 'text'}
          multiline={def.kind === 'multiline'}
          value={String(props.value ?? '')}
          onChange={props.onChange}
          issues={props.issues}
        />
      );
  }
}

/** Shown whatever was touched: the batch size has no field of its own here. */
function BatchLimitIssues({ issues }: { issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <Notice
      kind="error"
      title="This stream's batch size is beyond the destination's limit"
      testId="batch-limit"
    >
      {issues.map((i) => (
        <p key={i.path}>
          {i.message}{' '}
          {i.fix ? (
            <Button size="small" onClick={() => applyFix(i.fix!.path, i.fix!.value)}>
              {i.fix.label}
            </Button>
          ) : null}
        </p>
      ))}
    </Notice>
  );
}

export function DestinationStep(props: { validation: Validation }) {
  const d = useDraft();
  const v = props.validation;
  if (!d.tool) return null;
  const def = destinationDefinitions[d.tool];
  const fields = def.fields as readonly FieldDefinition[];
  const basic = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  const stored = d.existing?.destination.tool === d.tool ? d.existing.credentials : {};
  return (
    <div className="step step--destination">
      <p className="step__intro">
        {def.summary}{' '}
        <a href={def.docsUrl} target="_blank" rel="noreferrer">
          {def.label} documentation
        </a>
      </p>
      <TextField
        label="Stream name"
        help="How this stream is listed in Sluice."
        required
        value={d.name}
        onChange={(name) => patchDraft({ name }, 'name')}
        issues={issuesFor('name', d, v)}
        autoFocus
      />
      {basic.map((f) => (
        <div key={f.key}>
          <FieldInput
            def={f}
            value={d.fields[f.key]}
            onChange={(value) => setField(f.key, value)}
            issues={issuesFor(f.key, d, v)}
          />
          {def.urlBuilders.some((b) => b.target === f.key) ? (
            <UrlBuilder
              builders={def.urlBuilders.filter((b) => b.target === f.key)}
              onUse={(target, url) => setField(target, url)}
            />
          ) : null}
        </div>
      ))}
      {def.credentials.map((c) => (
        <CredentialField
          key={c.name}
          tool={d.tool!}
          def={c}
          stored={stored[c.name]}
          issues={issuesFor(`credentials.${c.name}`, d, v)}
        />
      ))}
      <BatchLimitIssues issues={v.issues.filter((i) => i.path.startsWith('delivery.'))} />
      <details className="disclosure">
        <summary>Advanced</summary>
        <div className="disclosure__body">
          {advanced.map((f) => (
            <FieldInput
              key={f.key}
              def={f}
              value={d.fields[f.key]}
              onChange={(value) => setField(f.key, value)}
              issues={issuesFor(f.key, d, v)}
            />
          ))}
          <CheckboxField
            label="Truncate like OutSystems (4,000 characters)"
            help="Cut content and exception.stacktrace to 4,000 characters before sending, as OutSystems log streaming does."
            checked={d.outsystemsTruncation}
            onChange={(outsystemsTruncation) => patchDraft({ outsystemsTruncation })}
          />
        </div>
      </details>
      <details className="disclosure">
        <summary>Network settings</summary>
        <div className="disclosure__body">
          {networkFields.map((f) => (
            <FieldInput
              key={f.key}
              // The tool's own words where the shared help would not fit it.
              def={{ ...f, help: def.networkHelp?.[f.key] ?? f.help } as FieldDefinition}
              value={d.network[f.key]}
              onChange={(value) => setNetworkField(f.key, value)}
              issues={issuesFor(`network.${f.key}`, d, v)}
            />
          ))}
        </div>
      </details>
    </div>
  );
}
