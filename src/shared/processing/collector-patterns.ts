import type { DetectorName } from './detectors/names';
import { namesAmbiguousOutsideUrls, secretParameterNames } from './detectors/tokens';

/**
 * The built-in detectors as regular expressions the Collector (Go's RE2,
 * the same syntax as Sluice's custom patterns) can run. They approximate
 * the detectors: a regular expression cannot check a Luhn digit or an IBAN's
 * mod 97, and Sluice's IPv6 detector checks every form in code. Where a
 * detector keeps a prefix ("Bearer ", "token="), the prefix is group 1 and
 * the replacement puts it back.
 */
export interface CollectorPattern {
  regex: string;
  /** Whether group 1 is a prefix to keep in front of the replacement. */
  keepsPrefix: boolean;
  /** How this differs from the detector in Sluice, or null when it does not. */
  difference: string | null;
}

const octet = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const hex = '[0-9A-Fa-f]{1,4}';
const urlNames = secretParameterNames.map((n) => n.replace(/_/g, '[_.-]?')).join('|');

export const collectorPatterns: Record<DetectorName, CollectorPattern> = {
  jwt: {
    regex: 'eyJ[A-Za-z0-9_-]{7,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*',
    keepsPrefix: false,
    difference: null,
  },
  bearer: {
    regex: '(?i)(\\bbearer[ \\t]+)[A-Za-z0-9._~+/-]{8,}=*',
    keepsPrefix: true,
    difference:
      'bearer: any word of 8 or more token characters after "Bearer" is masked; Sluice also requires a digit or symbol, so prose such as "bearer authentication" is left alone.',
  },
  'dynatrace-token': {
    regex: 'dt0[a-z][0-9]{2}\\.[A-Za-z0-9]{8,32}\\.[A-Za-z0-9]{32,128}',
    keepsPrefix: false,
    difference: null,
  },
  'aws-access-key': {
    regex: '\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\\b',
    keepsPrefix: false,
    difference: null,
  },
  'url-secret': {
    regex: `(?i)((?:^|[?&;,\\s])(?:${urlNames})=)[^&#;,\\s"'<>]+`,
    keepsPrefix: true,
    difference:
      'url-secret: "name": "value" pairs inside JSON text are not masked in the content (Sluice masks them).',
  },
  email: {
    regex:
      '[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}',
    keepsPrefix: false,
    difference: null,
  },
  card: {
    regex: '\\b[2-6][0-9](?:[ -]?[0-9]){11,17}\\b',
    keepsPrefix: false,
    difference:
      'card: every 13-19 digit number starting 2-6 is masked, with no Luhn check, so order numbers and ids of that shape are masked too.',
  },
  iban: {
    regex: '\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\\b',
    keepsPrefix: false,
    difference:
      'iban: no mod-97 check and no per-country length, so other codes of that shape are masked too, and text after a grouped IBAN may be taken with it.',
  },
  ipv6: {
    regex: `(?:${hex}:){7}${hex}|(?:${hex}:){0,6}(?:${hex})?::(?:${hex}:){0,6}(?:${octet}(?:\\.${octet}){3}|${hex})?`,
    keepsPrefix: false,
    difference:
      'ipv6: the expression also matches "::" in code such as "Foo::Bar" and does not check group counts as Sluice does.',
  },
  ipv4: {
    regex: `\\b${octet}(?:\\.${octet}){3}\\b`,
    keepsPrefix: false,
    difference: 'ipv4: a dotted quad inside a longer dotted number (1.2.3.4.5) is masked too.',
  },
};

/**
 * Attribute keys whose whole value the url-secret detector masks, for the
 * Collector's delete_matching_keys.
 */
export const secretKeyPatterns: string[] = [
  `(?i)^(?:${secretParameterNames
    .filter((n) => !namesAmbiguousOutsideUrls.includes(n))
    .map((n) => n.replace(/_/g, '[_.-]?'))
    .join('|')})$`,
  '(?i)[._-](?:password|authorization|secret)$',
];
