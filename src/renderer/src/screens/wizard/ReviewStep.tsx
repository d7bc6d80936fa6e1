import type { ReactNode } from 'react';
import {
  destinationDefinitions,
  destinationEndpointUrl,
  networkFields,
  toolLabels,
  type FieldDefinition,
} from '../../../../shared/destinations';
import { Notice } from '../../components/ui/Notice';
import { useSources } from '../../store/sources';
import { hasPassingTest, useDraft, type Validation } from './draft';
import { ruleLabel } from '../../../../shared/processing';

function display(def: FieldDefinition, value: unknown): string {
  if (def.kind === 'checkbox') return value === true ? 'Yes' : 'No';
  if (value === '' || value === null || value === undefined) return 'Not set';
  if (def.kind === 'select')
    return def.options.find((o) => o.value === value)?.label ?? String(value);
  if (def.kind === 'multiline') return `${String(value).split('\n').length} lines`;
  return String(value);
}

function Row(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** Step 5: everything in one place, secrets masked. */
export function ReviewStep(props: { validation: Validation; saveError: ReactNode }) {
  const d = useDraft();
  const sources = useSources((s) => s.sources);
  if (!d.tool) return null;
  const def = destinationDefinitions[d.tool];
  const dest = props.validation.destination;
  const stored = d.existing?.destination.tool === d.tool ? d.existing.credentials : {};
  const passing = hasPassingTest(d);
  const changedNetwork = networkFields.filter((f) => {
    const v = d.network[f.key];
    return f.kind === 'checkbox'
      ? v !== (f.key === 'useEnvironmentProxy')
      : v !== '' && v !== undefined;
  });
  const f = d.filter;
  return (
    <div className="step step--review">
      {props.saveError}
      {props.validation.issues.some((i) => i.severity === 'error') ? (
        <Notice kind="error" title="Some details need attention">
          <ul>
            {props.validation.issues
              .filter((i) => i.severity === 'error')
              .map((i) => (
                <li key={i.path}>{i.message}</li>
              ))}
          </ul>
        </Notice>
      ) : null}
      <dl className="facts review" aria-label="Review">
        <Row label="Name">{d.name}</Row>
        <Row label="Destination">{toolLabels[d.tool]}</Row>
        {dest ? (
          <Row label="Sends to">
            <code>
              {dest.tool === 's3'
                ? `s3://${dest.bucket}/${dest.prefix}`
                : destinationEndpointUrl(dest)}
            </code>
          </Row>
        ) : null}
        {(def.fields as readonly FieldDefinition[]).map((fd) => (
          <Row key={fd.key} label={fd.label}>
            {display(fd, d.fields[fd.key])}
          </Row>
        ))}
        {def.credentials.map((c) => {
          const typed = (d.credentials[c.name] ?? '').trim() !== '';
          const state = stored[c.name];
          return (
            <Row key={c.name} label={c.label}>
              <span data-testid={`review-credential-${c.name}`}>
                {d.credentialEnv[c.name] !== undefined
                  ? `Read from the environment variable ${d.credentialEnv[c.name]} when Sluice starts`
                  : typed
                    ? '•••••••• (new, saved to the OS keychain)'
                    : state?.set
                      ? `•••••••• (stored${state.hint ? `: ${state.hint}` : ''})`
                      : 'Not set'}
              </span>
              <span className="muted small">
                {' · '}
                {c.sentAs ? `sent as ${c.sentAs}` : (c.sending ?? '')}
              </span>
            </Row>
          );
        })}
        {changedNetwork.map((nf) => (
          <Row key={nf.key} label={nf.label}>
            {display(nf as FieldDefinition, d.network[nf.key])}
          </Row>
        ))}
        <Row label="OutSystems truncation">
          {d.outsystemsTruncation ? 'On (4,000 characters)' : 'Off'}
        </Row>
        <Row label="Sources">
          {d.sourceIds.length === 0 ? (
            <strong className="text-warn" data-testid="review-no-source">
              None: this stream will send nothing until it reads a source.
            </strong>
          ) : (
            d.sourceIds.map((id) => sources.find((s) => s.id === id)?.name ?? id).join(', ')
          )}
        </Row>
        <Row label="Stage">{d.stage.trim() === '' ? 'None' : d.stage}</Row>
        <Row label="Filters">
          {f.minSeverity === 'any' ? 'Any level' : `${f.minSeverity.toUpperCase()} and above`}
          {f.include.length > 0
            ? `; only where ${f.include.map((r) => `${r.key} ${r.op} "${r.value}"`).join(' or ')}`
            : ''}
          {f.exclude.length > 0
            ? `; never where ${f.exclude.map((r) => `${r.key} ${r.op} "${r.value}"`).join(' or ')}`
            : ''}
        </Row>
        <Row label="Processing">
          <span data-testid="review-processing">
            {d.processing.length === 0
              ? 'No rules'
              : d.processing.map((r) => ruleLabel(r)).join('; ')}
          </span>
        </Row>
        <Row label="Test stream">
          <span data-testid="review-test">
            {passing
              ? 'Passed with these settings'
              : d.test
                ? d.test.result.outcome === 'failure'
                  ? 'Failed'
                  : 'Passed before the destination changed'
                : 'Not run'}
          </span>
        </Row>
      </dl>
    </div>
  );
}
