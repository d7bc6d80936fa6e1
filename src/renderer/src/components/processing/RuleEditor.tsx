import { useState } from 'react';
import { presets, type ProcessingRule } from '../../../../shared/processing';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { AttributeRuleForm } from './AttributeRuleForm';
import { PatternEditor } from './PatternEditor';
import { PreviewRecords } from './PreviewRecords';
import { previewRecords, RecordSourceChoice, type RecordSource } from './RecordSource';
import { RuleList } from './RuleList';
import { usePreview } from './use-preview';

/**
 * Everything about a stream's processing rules in one place, for the
 * wizard's Processing step and the stream page: presets, the ordered list,
 * forms for new rules, and the whole list tried on records as it changes.
 */
export function RuleEditor(props: {
  rules: readonly ProcessingRule[];
  onChange: (rules: ProcessingRule[]) => void;
  streamId: string | null;
  sourceIds: readonly string[];
  /** Cut content and exception.stacktrace to 4,000 characters (delivery.outsystemsTruncation), applied after the rules. */
  outsystemsTruncation: boolean;
}) {
  const [source, setSource] = useState<RecordSource>('sample');
  const add = (added: readonly ProcessingRule[]) => props.onChange([...props.rules, ...added]);
  const records = previewRecords(source, props.sourceIds);
  const preview = usePreview(
    props.rules.length > 0 ? { streamId: props.streamId, rules: props.rules, records } : null,
  );
  return (
    <div className="rule-editor" data-testid="rule-editor">
      <p className="muted">
        Rules apply in order when the stream sends: what they mask, drop or change never leaves this
        computer. The buffer keeps records as they were received (its files are private to your user
        account).
      </p>
      <div className="rule-editor__presets" role="group" aria-label="Presets">
        {presets.map((p) => (
          <Button
            key={p.id}
            size="small"
            title={p.description}
            data-preset={p.id}
            onClick={() => add(p.rules)}
          >
            + {p.label}
          </Button>
        ))}
      </div>
      {props.outsystemsTruncation ? (
        <p className="muted small">
          OutSystems truncation is on in the delivery settings: content and exception.stacktrace are
          cut to 4,000 characters after these rules.
        </p>
      ) : null}
      <RuleList rules={props.rules} onChange={props.onChange} />
      <details className="rule-editor__add">
        <summary>Add a custom pattern or an attribute rule</summary>
        <div className="rule-editor__forms">
          <PatternEditor
            streamId={props.streamId}
            sourceIds={props.sourceIds}
            onAdd={(r) => add([r])}
          />
          <AttributeRuleForm onAdd={(r) => add([r])} />
        </div>
      </details>
      {props.rules.length > 0 ? (
        <section className="rule-editor__preview" aria-label="What the rules do">
          <RecordSourceChoice
            label="Try the rules on"
            value={source}
            onChange={setSource}
            sourceIds={props.sourceIds}
          />
          {preview.error ? <Notice kind="error">{preview.error}</Notice> : null}
          {preview.result ? <PreviewRecords preview={preview.result} /> : null}
        </section>
      ) : null}
    </div>
  );
}
