import { ruleKey, ruleLabel, type ProcessingRule } from '../../../../shared/processing';
import { Button } from '../ui/Button';

/**
 * A stream's rules in the order they apply, with what each changed in the
 * last minute when known, and, when editable, buttons to reorder and remove.
 */
export function RuleList(props: {
  rules: readonly ProcessingRule[];
  counts?: Record<string, number> | null;
  onChange?: (rules: ProcessingRule[]) => void;
}) {
  const { rules, onChange } = props;
  if (rules.length === 0) {
    return (
      <p className="muted" data-testid="rule-list-empty">
        No rules: records are sent as they were received.
      </p>
    );
  }
  const move = (from: number, to: number) => {
    const next = [...rules];
    const [r] = next.splice(from, 1);
    next.splice(to, 0, r!);
    onChange?.(next);
  };
  return (
    <ol className="rule-list" data-testid="rule-list" aria-label="Processing rules, in order">
      {rules.map((rule, i) => {
        const key = ruleKey(rule, i);
        const count = props.counts?.[key];
        return (
          <li key={`${key}-${i}`} className="rule-list__item" data-rule={key}>
            <code className="rule-tag">{key}</code>
            <span className="rule-list__label">{ruleLabel(rule)}</span>
            {count !== undefined ? (
              <span className="muted small" data-testid="rule-count">
                {count.toLocaleString('en-US')} changed in the last minute
              </span>
            ) : null}
            {onChange ? (
              <span className="rule-list__actions">
                <Button
                  size="small"
                  variant="ghost"
                  disabled={i === 0}
                  aria-label={`Move ${key} up`}
                  onClick={() => move(i, i - 1)}
                >
                  ↑
                </Button>
                <Button
                  size="small"
                  variant="ghost"
                  disabled={i === rules.length - 1}
                  aria-label={`Move ${key} down`}
                  onClick={() => move(i, i + 1)}
                >
                  ↓
                </Button>
                <Button
                  size="small"
                  variant="ghost"
                  aria-label={`Remove ${key}`}
                  onClick={() => onChange(rules.filter((_, j) => j !== i))}
                >
                  Remove
                </Button>
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
