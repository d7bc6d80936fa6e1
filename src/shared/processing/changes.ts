import type { AttributeLevel, RuleAction } from './schema';

/**
 * What a rule did to a record, for the inspector, Test stream and the
 * pattern editor. Only computed when asked for (`explain`): the sending path
 * needs to know only which rules changed a record.
 */

/** Where in a nested value (kvlist keys, array indexes); empty for the value itself. */
export type ValuePath = (string | number)[];

export type FieldRef =
  | { kind: 'content'; path: ValuePath }
  | { kind: 'attribute'; level: AttributeLevel; key: string; path: ValuePath };

export interface RuleRef {
  /** Position in the stream's list, from 0. */
  index: number;
  /** The rule's id, or "rule-N" (what counts are keyed by). */
  key: string;
  /** What the rule does, in words. */
  label: string;
}

/** One masked stretch: [start, end) of the value as this rule saw it, and what replaced it. */
export interface MaskedSpan {
  start: number;
  end: number;
  replacement: string;
  /** The detector, the custom pattern's name, `secret-key` (a secret-named attribute) or `scan-limit`. */
  detector: string;
}

export type Change =
  | {
      rule: RuleRef;
      action: 'mask';
      field: FieldRef;
      /** The value as this rule saw it (earlier rules may have changed it). */
      before: string;
      after: string;
      spans: MaskedSpan[];
    }
  | { rule: RuleRef; action: 'drop'; field: FieldRef }
  | { rule: RuleRef; action: 'rename'; field: FieldRef; to: string }
  | { rule: RuleRef; action: 'set'; field: FieldRef; replaced: boolean }
  | {
      rule: RuleRef;
      action: 'truncate';
      field: FieldRef;
      fromChars: number;
      toChars: number;
    };

export type ChangeAction = RuleAction;

/** "content", "record attribute user.email", "resource attribute k8s.pod.name › inner". */
export function describeField(field: FieldRef): string {
  const path = field.path.length ? ` › ${field.path.join(' › ')}` : '';
  return field.kind === 'content'
    ? `content${path}`
    : `${field.level} attribute ${field.key}${path}`;
}

/** The same field (level, key and path)? */
export function sameField(a: FieldRef, b: FieldRef): boolean {
  if (a.kind !== b.kind || a.path.length !== b.path.length) return false;
  if (a.kind === 'attribute' && b.kind === 'attribute' && (a.level !== b.level || a.key !== b.key))
    return false;
  return a.path.every((p, i) => p === b.path[i]);
}
