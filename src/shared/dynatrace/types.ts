import type { RuleId } from './rules';

export type DataModel = 'raw' | 'flattened';
export type Processing = 'openpipeline' | 'classic';
/**
 * 'seed': the behaviour seeds/004 describes; 'current-docs': Dynatrace's
 * current documentation (SaaS); 'classic': Managed and Log Monitoring Classic.
 */
export type RulesProfileId = 'seed' | 'current-docs' | 'classic';

export interface DynatraceOptions {
  /** The `structure` data model. */
  model: DataModel;
  /** OpenPipeline custom processing (JSON types kept) or classic (keys lowercased, values strings). */
  processing: Processing;
  /** What Dynatrace records as dt.auth.origin (see authOriginFromToken); null adds nothing. */
  authOrigin: string | null;
  /** Ingest time, unix nanoseconds: the "now" of every timestamp rule. */
  now: bigint;
  /** Default 'current-docs'. */
  profile?: RulesProfileId;
  /** Cut content and exception.stacktrace to 4,000 characters as OutSystems does (seeds/000). */
  outsystemsTruncation?: boolean;
  /**
   * Size in bytes of the request as sent, for the request-size limit. When
   * absent, the size of the request encoded as protobuf is used.
   */
  requestBytes?: number;
}

/**
 * A Dynatrace attribute value. Under OpenPipeline processing values keep
 * their JSON type; under classic processing every value is a string (or an
 * array of strings). null is an empty OTLP AnyValue.
 */
export type DtScalar = string | number | boolean | null;
export type DtValue = DtScalar | DtScalar[];

export interface DynatraceNote {
  /** `timestamp`, `loglevel`, `content`, an attribute key, or `attributes` for the whole map. */
  field: string;
  rule: RuleId;
  /** What happened to this record, for a person. */
  detail: string;
}

export interface DynatraceRecord {
  /** Position of the source LogRecord in the request, counted across all groups from 0. */
  index: number;
  /** RFC 3339 UTC with exactly nine fractional digits. */
  timestamp: string;
  loglevel: string;
  content: string;
  /** Every other field, in the order Dynatrace's priority rules produce them. */
  attributes: Record<string, DtValue>;
  notes: DynatraceNote[];
}

export interface DroppedRecord {
  index: number;
  rule: RuleId;
  reason: string;
}

/** Something about the request as a whole (record count, size). */
export interface RequestNote {
  rule: RuleId;
  detail: string;
}

export interface DynatraceMapping {
  records: DynatraceRecord[];
  dropped: DroppedRecord[];
  notes: RequestNote[];
}
