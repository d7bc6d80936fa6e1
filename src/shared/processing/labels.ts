import { detectorLabels, detectorNames } from './detectors/names';
import type { AttributeLevel, MaskRule, ProcessingRule, Replacement } from './schema';

function levelsText(levels: readonly AttributeLevel[] | undefined): string {
  if (!levels || levels.length === 3) return '';
  return ` (${levels.join(' and ')} attributes)`;
}

function replacementText(r: Replacement | undefined): string {
  if (r === undefined || r === 'fixed') return 'fixed text';
  if (r === 'hash') return 'keyed hash';
  return `keep last ${r.keepLast}`;
}

function maskWhat(rule: MaskRule): string {
  if (rule.mask === 'builtin') return 'every built-in detector';
  if (Array.isArray(rule.mask)) {
    if (rule.mask.length === detectorNames.length) return 'every built-in detector';
    return rule.mask.map((d) => detectorLabels[d].replace(/ \(.*\)$/, '')).join(', ');
  }
  return `pattern ${rule.mask.name ?? 'custom'}`;
}

function maskWhere(rule: MaskRule): string {
  const content = rule.content ?? true;
  const attributes = rule.attributes ?? 'all';
  const attrs =
    attributes === 'none'
      ? null
      : attributes === 'all'
        ? 'all attributes'
        : `attributes ${attributes.join(', ')}`;
  const parts = [content ? 'content' : null, attrs].filter((p) => p !== null);
  return parts.length ? parts.join(' and ') : 'nothing';
}

/** What a rule does, in words: the label it gets unless the user gave one. */
export function describeRule(rule: ProcessingRule): string {
  if ('mask' in rule) {
    return `Mask ${maskWhat(rule)} in ${maskWhere(rule)}${levelsText(rule.levels)}, ${replacementText(rule.replace)}`;
  }
  if ('drop' in rule) return `Drop attribute ${rule.drop}${levelsText(rule.levels)}`;
  if ('rename' in rule) return `Rename ${rule.rename} to ${rule.to}${levelsText(rule.levels)}`;
  if ('set' in rule)
    return `Set ${rule.level ?? 'resource'} attribute ${rule.set} = ${JSON.stringify(rule.value)}`;
  return `Truncate ${rule.truncate === 'content' ? 'content' : rule.truncate} to ${rule.maxChars.toLocaleString('en-US')} characters${levelsText(rule.levels)}`;
}

export function ruleLabel(rule: ProcessingRule): string {
  return rule.label ?? describeRule(rule);
}
