import type { Processing } from './types';

/**
 * Dynatrace's documented limits, as data, per profile, with where each one
 * comes from. docs/dynatrace-mapping.md lists them in a table per profile.
 *
 * Units. The pages write "kB" and "MB" without saying whether they mean 1000
 * or 1024. For limits Dynatrace applies to a record it stores (content,
 * attribute values) we read them as 1024-based: an older edition of the Log
 * Management and Analytics limits page gives the non-OpenPipeline content
 * limit as "65,536 bytes", i.e. 64 kB = 64 x 1024. For the one limit Sluice
 * enforces before sending (the request size) we take the smaller reading,
 * 2 MB = 2,000,000 bytes, so a request never crosses it whichever Dynatrace
 * means.
 */

export const LIMIT_SOURCES = {
  'access-limit': {
    title: 'Dynatrace API - Access limit',
    url: 'https://docs.dynatrace.com/docs/shortlink/api-access-limit',
  },
  'lma-limits': {
    title: 'Log Management and Analytics default limits',
    url: 'https://docs.dynatrace.com/docs/shortlink/lma-limits',
  },
  'classic-limits': {
    title: 'Log Monitoring default limits (Logs Classic)',
    url: 'https://docs.dynatrace.com/managed/shortlink/log-monitoring-limits',
  },
  seed: {
    title: 'seeds/004: OpenTelemetry logs ingest API (published Nov 09, 2023)',
    url: 'https://docs.dynatrace.com/docs/dynatrace-api/environment-api/opentelemetry/post-logs',
  },
} as const;
export type LimitSourceId = keyof typeof LIMIT_SOURCES;

const MINUTE_NS = 60n * 1_000_000_000n;
const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * "OpenTelemetry logs ingest API: the maximum payload size of a single
 * request is 2 MB" (Access limit). Read as 2,000,000 bytes: see above. The
 * limits pages' "Request size 10 MB" is the generic Log ingestion API's.
 */
export const DYNATRACE_OTLP_MAX_REQUEST_BYTES = 2_000_000;
/** "Number of log records: 50,000 records per request" (LMA limits; Logs Classic limits). */
export const DYNATRACE_MAX_RECORDS_PER_REQUEST = 50_000;

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
  /**
   * Documented but not about one record, so not checked per record: the
   * rate of log events, and how long a log attribute may be when a log is
   * turned into an event. Kept so that the profile lists every limit its
   * page states.
   */
  logEventsPerMinute: string;
  extractedAttributeBytes: number | null;
  /** Which page each limit comes from. */
  sources: Record<LimitName, LimitSourceId>;
}

export type LimitName =
  | 'logAge'
  | 'futureTolerance'
  | 'nestingLevels'
  | 'attributeCount'
  | 'attributeKeyBytes'
  | 'attributeValueBytes'
  | 'valuesPerAttribute'
  | 'contentBytes'
  | 'recordsPerRequest'
  | 'requestBytes'
  | 'logEventsPerMinute'
  | 'extractedAttributeBytes';

const LOG_AGE = { logAgeNs: 24n * 60n * MINUTE_NS, logAgeText: '24 hours' } as const;
const FUTURE_TOLERANCE_NS = 10n * MINUTE_NS;

/**
 * The seed names a "Log Age limit" and the nesting limit without numbers;
 * they are filled in from the limits page. Values per attribute and the
 * lower Classic-pipeline content limit are current-docs additions.
 */
export const SEED_LIMITS: Limits = {
  ...LOG_AGE,
  futureToleranceNs: FUTURE_TOLERANCE_NS,
  nestingLevels: 5,
  attributeCount: 500,
  attributeKeyBytes: 100,
  attributeValueBytes: 32 * KIB,
  valuesPerAttribute: null,
  contentBytes: { openpipeline: 10 * MIB, classic: 10 * MIB },
  recordsPerRequest: DYNATRACE_MAX_RECORDS_PER_REQUEST,
  requestBytes: DYNATRACE_OTLP_MAX_REQUEST_BYTES,
  logEventsPerMinute: 'no limit',
  extractedAttributeBytes: null,
  sources: {
    logAge: 'lma-limits',
    futureTolerance: 'seed',
    nestingLevels: 'lma-limits',
    attributeCount: 'lma-limits',
    attributeKeyBytes: 'lma-limits',
    attributeValueBytes: 'lma-limits',
    valuesPerAttribute: 'lma-limits',
    contentBytes: 'lma-limits',
    recordsPerRequest: 'lma-limits',
    requestBytes: 'access-limit',
    logEventsPerMinute: 'lma-limits',
    extractedAttributeBytes: 'lma-limits',
  },
};

/** Every row of the "Log Management and Analytics default limits" table. */
export const CURRENT_DOCS_LIMITS: Limits = {
  ...SEED_LIMITS,
  valuesPerAttribute: 32,
  // "The content limit is lower (512 kB) for logs routed to the Classic pipeline."
  contentBytes: { openpipeline: 10 * MIB, classic: 512 * KIB },
  extractedAttributeBytes: 4_096,
  sources: { ...SEED_LIMITS.sources, futureTolerance: 'lma-limits' },
};

/**
 * Log Monitoring Classic (Managed, and SaaS environments still on it):
 * "Log Monitoring default limits (Logs Classic)". The request size stays
 * the OTLP API's (its "10 MB" is the generic Log ingestion API's).
 */
export const CLASSIC_LIMITS: Limits = {
  ...LOG_AGE,
  futureToleranceNs: FUTURE_TOLERANCE_NS,
  nestingLevels: 5,
  attributeCount: 50,
  attributeKeyBytes: 100,
  attributeValueBytes: 250,
  valuesPerAttribute: 32,
  contentBytes: { openpipeline: 8 * KIB, classic: 8 * KIB },
  recordsPerRequest: DYNATRACE_MAX_RECORDS_PER_REQUEST,
  requestBytes: DYNATRACE_OTLP_MAX_REQUEST_BYTES,
  logEventsPerMinute: '1,000 per minute per cluster by default (Managed)',
  extractedAttributeBytes: null,
  sources: {
    logAge: 'classic-limits',
    futureTolerance: 'classic-limits',
    nestingLevels: 'classic-limits',
    attributeCount: 'classic-limits',
    attributeKeyBytes: 'classic-limits',
    attributeValueBytes: 'classic-limits',
    valuesPerAttribute: 'classic-limits',
    contentBytes: 'classic-limits',
    recordsPerRequest: 'classic-limits',
    requestBytes: 'access-limit',
    logEventsPerMinute: 'classic-limits',
    extractedAttributeBytes: 'classic-limits',
  },
};
