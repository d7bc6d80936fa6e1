import { RuleEditor } from '../../components/processing/RuleEditor';
import { patchDraft, useDraft } from './draft';

/**
 * The wizard's Processing step. It comes after Source details so that
 * rules can be tried on the newest records of the sources just chosen, and
 * before Review, where the rules are listed with everything else.
 */
export function ProcessingStep() {
  const d = useDraft();
  return (
    <div data-testid="processing-step">
      <RuleEditor
        rules={d.processing}
        onChange={(processing) => patchDraft({ processing })}
        streamId={d.existing?.id ?? null}
        sourceIds={d.sourceIds}
        outsystemsTruncation={d.outsystemsTruncation}
      />
    </div>
  );
}
