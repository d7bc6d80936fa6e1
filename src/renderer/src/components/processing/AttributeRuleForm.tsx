import { useState } from 'react';
import {
  attributeLevels,
  processingRuleSchema,
  type ProcessingRule,
} from '../../../../shared/processing';
import { readableZodIssues } from '../../../../shared/zod-issues';
import { Button } from '../ui/Button';
import { SelectField, TextField } from '../ui/Field';

type Kind = 'drop' | 'rename' | 'set' | 'truncate';

const kindLabels: Record<Kind, string> = {
  drop: 'Drop an attribute',
  rename: 'Rename an attribute',
  set: 'Set a static attribute',
  truncate: 'Truncate a field',
};

/** The rule the form describes, or the first problem with it. */
function build(kind: Kind, key: string, other: string, level: string): ProcessingRule | string {
  const raw =
    kind === 'drop'
      ? { drop: key }
      : kind === 'rename'
        ? { rename: key, to: other }
        : kind === 'set'
          ? { set: key, value: other, level }
          : { truncate: key, maxChars: Number(other) };
  const parsed = processingRuleSchema.safeParse(raw);
  return parsed.success
    ? parsed.data
    : (readableZodIssues(parsed.error)[0]?.message ?? 'Not valid.');
}

/** Drop, rename, set and truncate rules, one small form. */
export function AttributeRuleForm(props: { onAdd: (rule: ProcessingRule) => void }) {
  const [kind, setKind] = useState<Kind>('drop');
  const [key, setKey] = useState('');
  const [other, setOther] = useState('');
  const [level, setLevel] = useState('resource');
  const [tried, setTried] = useState(false);
  const rule = build(kind, key, other, level);
  const problem = tried && typeof rule === 'string' ? rule : null;
  return (
    <fieldset className="attribute-rule-form" data-testid="attribute-rule-form">
      <legend>Attribute rule</legend>
      <SelectField
        label="Rule"
        value={kind}
        options={(Object.keys(kindLabels) as Kind[]).map((k) => ({
          value: k,
          label: kindLabels[k],
        }))}
        onChange={(v) => {
          setKind(v as Kind);
          setOther(v === 'truncate' ? '4000' : '');
          setTried(false);
        }}
      />
      <TextField
        label={kind === 'truncate' ? 'Field ("content" or an attribute key)' : 'Attribute key'}
        name="rule-key"
        value={key}
        onChange={setKey}
        placeholder={kind === 'truncate' ? 'content' : 'user.email'}
      />
      {kind === 'rename' ? (
        <TextField label="New key" name="rule-to" value={other} onChange={setOther} />
      ) : null}
      {kind === 'set' ? (
        <>
          <TextField label="Value" name="rule-value" value={other} onChange={setOther} />
          <SelectField
            label="Level"
            value={level}
            options={attributeLevels.map((l) => ({ value: l, label: l }))}
            onChange={setLevel}
          />
        </>
      ) : null}
      {kind === 'truncate' ? (
        <TextField
          label="Characters to keep"
          name="rule-max"
          type="number"
          value={other}
          onChange={setOther}
        />
      ) : null}
      {problem ? (
        <p className="field__issue field__issue--error" role="alert">
          {problem}
        </p>
      ) : null}
      <Button
        size="small"
        data-testid="add-attribute-rule"
        onClick={() => {
          setTried(true);
          if (typeof rule === 'string') return;
          props.onAdd(rule);
          setKey('');
          setOther(kind === 'truncate' ? '4000' : '');
          setTried(false);
        }}
      >
        Add this rule
      </Button>
    </fieldset>
  );
}
