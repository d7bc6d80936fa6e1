import { useMemo, useState } from 'react';
import { maskRuleSchema, patternProblem, type MaskRule } from '../../../../shared/processing';
import { Button } from '../ui/Button';
import { CheckboxField, Segmented, TextField } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { PreviewRecords } from './PreviewRecords';
import { previewRecords, RecordSourceChoice, type RecordSource } from './RecordSource';
import { usePreview } from './use-preview';

/**
 * Writes a custom pattern and tests it as it is typed: RE2 compiles it in
 * this window (a pattern it refuses says why at once), and the engine runs
 * it over sample records and the newest records of the stream's sources.
 */
export function PatternEditor(props: {
  streamId: string | null;
  sourceIds: readonly string[];
  onAdd: (rule: MaskRule) => void;
}) {
  const [pattern, setPattern] = useState('');
  const [name, setName] = useState('');
  const [ignoreCase, setIgnoreCase] = useState(false);
  const [replace, setReplace] = useState<'fixed' | 'hash' | 'keep4'>('fixed');
  const [source, setSource] = useState<RecordSource>('sample');
  const problem = pattern === '' ? null : patternProblem(pattern, ignoreCase);
  const candidate = useMemo(() => {
    if (pattern === '' || problem) return null;
    const parsed = maskRuleSchema.safeParse({
      mask: {
        pattern,
        ignoreCase: ignoreCase || undefined,
        name: name.trim() === '' ? undefined : name.trim(),
      },
      replace: replace === 'keep4' ? { keepLast: 4 } : replace,
    });
    return parsed.success ? parsed.data : null;
  }, [pattern, problem, name, ignoreCase, replace]);
  const nameProblem =
    name.trim() !== '' && !/^[a-z0-9][a-z0-9_-]{0,31}$/.test(name.trim())
      ? 'Use lower-case letters, digits, "_" or "-" (up to 32), e.g. "order-id".'
      : null;
  const records = previewRecords(source, props.sourceIds);
  const preview = usePreview(
    candidate ? { streamId: props.streamId, rules: [candidate], records } : null,
  );
  return (
    <fieldset className="pattern-editor" data-testid="pattern-editor">
      <legend>Custom pattern</legend>
      <TextField
        label="Pattern (RE2)"
        required
        name="pattern"
        value={pattern}
        onChange={setPattern}
        placeholder="ORD-[0-9]{6}"
        help="What to mask. With a group, e.g. user=(\w+), only the first group is masked. No lookarounds or backreferences: patterns run on a linear-time engine, so none can stall the stream."
        issues={problem ? [{ severity: 'error', message: problem }] : []}
      />
      <div className="pattern-editor__row">
        <TextField
          label="Name"
          name="pattern-name"
          value={name}
          onChange={setName}
          placeholder="custom"
          help="Shown in the replacement: [masked:name]."
          issues={nameProblem ? [{ severity: 'error', message: nameProblem }] : []}
        />
        <CheckboxField label="Ignore case" checked={ignoreCase} onChange={setIgnoreCase} />
      </div>
      <Segmented
        label="Replace with"
        value={replace}
        options={[
          { value: 'fixed', label: 'Fixed text' },
          { value: 'hash', label: 'Keyed hash' },
          { value: 'keep4', label: 'Keep last 4' },
        ]}
        onChange={setReplace}
      />
      <RecordSourceChoice
        label="Test against"
        value={source}
        onChange={setSource}
        sourceIds={props.sourceIds}
      />
      {preview.error ? <Notice kind="error">{preview.error}</Notice> : null}
      {preview.busy && !preview.result ? <p role="status">Testing…</p> : null}
      {candidate && preview.result ? <PreviewRecords preview={preview.result} limit={5} /> : null}
      <Button
        variant="primary"
        size="small"
        disabled={!candidate || nameProblem !== null}
        data-testid="add-pattern-rule"
        onClick={() => {
          if (!candidate) return;
          props.onAdd(candidate);
          setPattern('');
          setName('');
        }}
      >
        Add this rule
      </Button>
    </fieldset>
  );
}
