import { OUTSYSTEMS_MAX_CHARS, OUTSYSTEMS_TRUNCATED_ATTRIBUTE } from '../dynatrace/outsystems';
import type { ProcessingRule } from './schema';

/**
 * Ready-made rules the wizard and the stream page offer (docs/processing.md,
 * "Presets"). Each is plain configuration: what a preset adds can be read,
 * edited and written in a configuration file like any rule.
 */
export interface Preset {
  id: string;
  label: string;
  description: string;
  rules: ProcessingRule[];
}

/** seed 000: "content" and exception.stacktrace cut to 4,000 characters. */
export const outsystemsTruncationRules: ProcessingRule[] = [
  { id: 'outsystems-content', truncate: 'content', maxChars: OUTSYSTEMS_MAX_CHARS },
  {
    id: 'outsystems-stacktrace',
    truncate: OUTSYSTEMS_TRUNCATED_ATTRIBUTE,
    maxChars: OUTSYSTEMS_MAX_CHARS,
    levels: ['record'],
  },
];

export const presets: Preset[] = [
  {
    id: 'builtin',
    label: 'Mask every built-in detector',
    description:
      'E-mail, IPv4, IPv6, card numbers, IBANs, JWTs, bearer tokens, Dynatrace tokens, AWS access keys and URL secrets, in the content and every attribute value.',
    rules: [{ mask: 'builtin' }],
  },
  {
    id: 'builtin-hash',
    label: 'Mask every built-in detector with a keyed hash',
    description:
      'As above, but each value becomes a keyed hash, so the same e-mail or IP address still correlates across records.',
    rules: [{ mask: 'builtin', replace: 'hash' }],
  },
  {
    id: 'cards-keep-last-4',
    label: 'Card numbers: keep the last 4 digits',
    description: 'Luhn-checked card numbers become ************1111.',
    rules: [{ mask: ['card'], replace: { keepLast: 4 } }],
  },
  {
    id: 'outsystems-truncation',
    label: 'OutSystems truncation (4,000 characters)',
    description:
      'Cut the content and exception.stacktrace to 4,000 characters, as OutSystems does.',
    rules: outsystemsTruncationRules,
  },
];

/**
 * The rules a stream applies: its own list, then, when the older setting
 * delivery.outsystemsTruncation is on, the OutSystems truncation preset.
 * Truncation comes last so that a secret is masked before any cut could
 * leave half of it unrecognisable.
 */
export function effectiveProcessingRules(settings: {
  processing?: readonly ProcessingRule[];
  delivery: { outsystemsTruncation: boolean };
}): ProcessingRule[] {
  const own = [...(settings.processing ?? [])];
  return settings.delivery.outsystemsTruncation ? [...own, ...outsystemsTruncationRules] : own;
}
