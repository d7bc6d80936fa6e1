import type { PreviewedRecord, ProcessingPreview } from '../../../../shared/api/processing';
import {
  describeField,
  maskedSegments,
  sameField,
  type Change,
  type FieldRef,
  type RuleRef,
} from '../../../../shared/processing';

/** The fields a record's changes touched, each once, in the order first touched. */
function fieldsOf(changes: readonly Change[]): FieldRef[] {
  const out: FieldRef[] = [];
  for (const c of changes) if (!out.some((f) => sameField(f, c.field))) out.push(c.field);
  return out;
}

function RuleTag({ rule }: { rule: RuleRef }) {
  return (
    <code className="rule-tag" title={rule.label} data-rule={rule.key}>
      {rule.key}
    </code>
  );
}

/** A value after the rules, each masked piece marked with the rule that masked it. */
export function MaskedValue({ field, changes }: { field: FieldRef; changes: readonly Change[] }) {
  const first = changes.find((c) => c.action === 'mask' && sameField(c.field, field));
  if (!first || first.action !== 'mask') return null;
  const segments = maskedSegments(first.before, field, changes);
  return (
    <span className="masked-value">
      {segments.map((s, i) =>
        s.masked ? (
          <mark
            key={i}
            className="masked-span"
            data-testid="masked-span"
            data-rule={s.masked.rule.key}
            data-detector={s.masked.detector}
            title={`${s.masked.rule.label} (${s.masked.detector}) masked: ${s.masked.original}`}
          >
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}

function OtherChange({ change }: { change: Change }) {
  switch (change.action) {
    case 'drop':
      return <span className="change change--dropped">dropped</span>;
    case 'rename':
      return <span className="change change--renamed">renamed to {change.to}</span>;
    case 'set':
      return <span className="change">{change.replaced ? 'replaced' : 'added'}</span>;
    case 'truncate':
      return (
        <span className="change">
          cut from {change.fromChars.toLocaleString('en-US')} to{' '}
          {change.toChars.toLocaleString('en-US')} characters
        </span>
      );
    default:
      return null;
  }
}

/** The value as received, where a rule masked or cut it; other changes need no "before". */
function beforeText(changes: readonly Change[]): string {
  const first = changes[0];
  if (first?.action === 'mask') return first.before;
  if (first?.action === 'truncate') return `${first.fromChars.toLocaleString('en-US')} characters`;
  if (first?.action === 'rename') return `key ${'key' in first.field ? first.field.key : ''}`;
  return first?.action === 'drop' ? 'present' : '—';
}

/** What the rules did to one record, field by field: before, after, and the rules that did it. */
export function RecordChanges({ record }: { record: PreviewedRecord }) {
  if (record.error) {
    return (
      <p className="preview-record__error" role="alert">
        Would go to the dead letters: {record.error}
      </p>
    );
  }
  if (record.changes.length === 0)
    return <p className="muted small">No rule changed this record.</p>;
  return (
    <table className="table preview-fields" aria-label="Changed fields">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
          <th scope="col">Rules</th>
        </tr>
      </thead>
      <tbody>
        {fieldsOf(record.changes).map((field, i) => {
          const here = record.changes.filter((c) => sameField(c.field, field));
          const rules = [...new Map(here.map((c) => [c.rule.key, c.rule])).values()];
          return (
            <tr key={i} data-field={describeField(field)}>
              <th scope="row">
                <code>{describeField(field)}</code>
              </th>
              <td className="preview-fields__before" data-testid="value-before">
                {beforeText(here)}
              </td>
              <td className="preview-fields__value" data-testid="value-after">
                <MaskedValue field={field} changes={here} />
                {here
                  .filter((c) => c.action !== 'mask')
                  .map((c, j) => (
                    <OtherChange key={j} change={c} />
                  ))}
              </td>
              <td className="preview-fields__rules">
                {rules.map((r) => (
                  <RuleTag key={r.key} rule={r} />
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A preview's records (those the rules changed first), with the count per rule. */
export function PreviewRecords({
  preview,
  limit = 8,
}: {
  preview: ProcessingPreview;
  limit?: number;
}) {
  const changed = preview.records.filter((r) => r.changes.length > 0 || r.error);
  const shown = changed.slice(0, limit);
  return (
    <div className="preview" data-testid="preview-records">
      <p className="small" data-testid="preview-summary">
        {changed.length} of {preview.records.length} records changed.{' '}
        {preview.rules.map((r) => (
          <span key={r.key} className="preview__count">
            <RuleTag rule={r} /> {preview.counts[r.key] ?? 0}
          </span>
        ))}
      </p>
      {preview.hashKey === 'temporary' ? (
        <p className="muted small">
          Hashes here use a temporary key: once the stream is saved it hashes with its own key, kept
          in the OS keychain.
        </p>
      ) : null}
      {preview.note ? <p className="muted small">{preview.note}</p> : null}
      {shown.map((r, i) => (
        <div key={i} className="preview-record">
          <RecordChanges record={r} />
        </div>
      ))}
    </div>
  );
}
