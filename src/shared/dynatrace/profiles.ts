import { CLASSIC_LIMITS, CURRENT_DOCS_LIMITS, SEED_LIMITS, type Limits } from './limits-data';
import type { DataModel, Processing, RulesProfileId } from './types';

export type { Limits } from './limits-data';

/**
 * The rule sets. 'seed' is what seeds/004 specifies, with documented
 * numbers filled in where the seed names a limit without giving one;
 * 'current-docs' (the default) adds what Dynatrace's current documentation
 * says beyond the seed; 'classic' is Dynatrace Managed and Log Monitoring
 * Classic: the current documentation's rules with that product's much lower
 * limits, flattened model and classic processing only. Sources for every
 * value are in docs/dynatrace-mapping.md.
 */

export const DEFAULT_PROFILE: RulesProfileId = 'current-docs';

export interface RulesProfile {
  id: RulesProfileId;
  /** For people: what the profile stands for. */
  label: string;
  /** Body keys that may set the timestamp, in priority order. */
  timestampKeys: readonly string[];
  /** Also look for the timestamp keys among the record attributes (after the body). */
  timestampFromAttributes: boolean;
  /** Also look for the level keys among the record attributes (after the body). */
  loglevelFromAttributes: boolean;
  /** How a number (or numeric string) is read as a time. */
  epochNumbers: 'milliseconds' | 'seconds-or-milliseconds';
  loglevelKeys: readonly string[];
  contentKeys: readonly string[];
  /** Whether body and attribute key lookups ignore case. */
  caseInsensitiveKeys: boolean;
  /** Map level text to Dynatrace's loglevel values by its first letters. */
  normalizeLoglevel: boolean;
  /** The name for the n-th displaced value of `key` (n = 1, 2, ...). */
  overwrittenName: (key: string, n: number) => string;
  /** The data models the product supports; another one is mapped as the first of these. */
  models: readonly DataModel[];
  /** Processing the product always applies; null where both exist. */
  processing: Processing | null;
  limits: Limits;
}

const LOGLEVEL_KEYS = ['loglevel', 'status', 'severity', 'level', 'syslog.severity'] as const;
const CONTENT_KEYS = ['content', 'message', 'payload', 'body', 'log'] as const;
const SEED_TIMESTAMP_KEYS = [
  'timestamp',
  '@timestamp',
  '_timestamp',
  'eventtime',
  'date',
  'published_date',
  'syslog.timestamp',
] as const;

const seed: RulesProfile = {
  id: 'seed',
  label: 'API reference (seeds/004)',
  timestampKeys: SEED_TIMESTAMP_KEYS,
  timestampFromAttributes: false,
  loglevelFromAttributes: false,
  epochNumbers: 'milliseconds',
  loglevelKeys: LOGLEVEL_KEYS,
  contentKeys: CONTENT_KEYS,
  caseInsensitiveKeys: false,
  normalizeLoglevel: false,
  // "prefixed with overwritten"; "if a second conflict arises, an index is added starting with 1".
  overwrittenName: (key, n) => (n === 1 ? `overwritten.${key}` : `overwritten${n - 1}.${key}`),
  models: ['raw', 'flattened'],
  processing: null,
  limits: SEED_LIMITS,
};

const currentDocs: RulesProfile = {
  ...seed,
  id: 'current-docs',
  label: 'Current documentation (SaaS)',
  timestampKeys: [
    ...SEED_TIMESTAMP_KEYS,
    'time',
    'epochSecond',
    'startTime',
    'datetime',
    'ts',
    'timeMillis',
    '@t',
  ],
  // "If the timestamp [loglevel] cannot be set based on the [Severity] field, ... determined
  // based on ... 1. The content of the body (if the body is a map). 2. The attributes of the
  // OTLP log record." (Ingest OTLP logs)
  timestampFromAttributes: true,
  loglevelFromAttributes: true,
  epochNumbers: 'seconds-or-milliseconds',
  caseInsensitiveKeys: true,
  normalizeLoglevel: true,
  // "overwritten[COUNTER].": the counter says how many times the name was already a duplicate.
  overwrittenName: (key, n) => `overwritten${n}.${key}`,
  limits: CURRENT_DOCS_LIMITS,
};

const classic: RulesProfile = {
  ...currentDocs,
  id: 'classic',
  label: 'Managed / Log Monitoring Classic',
  // "For Managed, this is the only supported data model." (flattened)
  models: ['flattened'],
  // "Log Monitoring Classic: All attribute keys are lowercased and all attribute values are stringified."
  processing: 'classic',
  limits: CLASSIC_LIMITS,
};

export const PROFILES: Record<RulesProfileId, RulesProfile> = {
  seed,
  'current-docs': currentDocs,
  classic,
};

export const PROFILE_IDS = Object.keys(PROFILES) as RulesProfileId[];
