import type { Processing, RulesProfileId } from './types';

/**
 * The two rule sets. 'seed' is what seeds/004 specifies, with documented
 * numbers filled in where the seed names a limit without giving one;
 * 'current-docs' adds what Dynatrace's current documentation says beyond the
 * seed. Sources for every value are in docs/dynatrace-mapping.md.
 */

const MINUTE_NS = 60n * 1_000_000_000n;
const KIB = 1024;
const MIB = 1024 * 1024;

export interface Limits {
  /** Records older than this (relative to now) are discarded. */
  logAgeNs: bigint;
  logAgeText: string;
  /** Timestamps further ahead of now than this are replaced with now. */
  futureToleranceNs: bigint;
  /** Nesting levels of kvlists the flattened model expands. */
  nestingLevels: number;
  attributeCount: number;
  attributeKeyBytes: number;
  attributeValueBytes: number;
  /** Values an array attribute may hold; null where the profile sets no such limit. */
  valuesPerAttribute: number | null;
  contentBytes: Record<Processing, number>;
  recordsPerRequest: number;
  requestBytes: number;
}

export interface RulesProfile {
  id: RulesProfileId;
  /** Body keys that may set the timestamp, in priority order. */
  timestampKeys: readonly string[];
  /** Also look for the timestamp keys among the record attributes (after the body). */
  timestampFromAttributes: boolean;
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

const SEED_LIMITS: Limits = {
  logAgeNs: 24n * 60n * MINUTE_NS,
  logAgeText: '24 hours',
  futureToleranceNs: 10n * MINUTE_NS,
  nestingLevels: 5,
  attributeCount: 500,
  attributeKeyBytes: 100,
  attributeValueBytes: 32 * KIB,
  valuesPerAttribute: null,
  contentBytes: { openpipeline: 10 * MIB, classic: 10 * MIB },
  recordsPerRequest: 50_000,
  requestBytes: 10 * MIB,
};

export const PROFILES: Record<RulesProfileId, RulesProfile> = {
  seed: {
    id: 'seed',
    timestampKeys: SEED_TIMESTAMP_KEYS,
    timestampFromAttributes: false,
    epochNumbers: 'milliseconds',
    loglevelKeys: LOGLEVEL_KEYS,
    contentKeys: CONTENT_KEYS,
    caseInsensitiveKeys: false,
    normalizeLoglevel: false,
    // "prefixed with overwritten"; "if a second conflict arises, an index is added starting with 1".
    overwrittenName: (key, n) => (n === 1 ? `overwritten.${key}` : `overwritten${n - 1}.${key}`),
    limits: SEED_LIMITS,
  },
  'current-docs': {
    id: 'current-docs',
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
    timestampFromAttributes: true,
    epochNumbers: 'seconds-or-milliseconds',
    loglevelKeys: LOGLEVEL_KEYS,
    contentKeys: CONTENT_KEYS,
    caseInsensitiveKeys: true,
    normalizeLoglevel: true,
    // "overwritten[COUNTER].": the counter says how many times the name was already a duplicate.
    overwrittenName: (key, n) => `overwritten${n}.${key}`,
    limits: {
      ...SEED_LIMITS,
      valuesPerAttribute: 32,
      // Logs routed to the Classic pipeline have a lower content limit.
      contentBytes: { openpipeline: 10 * MIB, classic: 512 * KIB },
    },
  },
};
