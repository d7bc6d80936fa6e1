export { mapToDynatrace, effectiveOptions } from './map';
export { authOriginFromToken } from './auth';
export {
  applyOutSystemsTruncation,
  truncateChars,
  OUTSYSTEMS_MAX_CHARS,
  OUTSYSTEMS_TRUNCATED_ATTRIBUTE,
} from './outsystems';
export { RULES, RULE_IDS, type RuleId } from './rules';
export { DEFAULT_PROFILE, PROFILES, PROFILE_IDS, type RulesProfile, type Limits } from './profiles';
export {
  LIMIT_SOURCES,
  DYNATRACE_OTLP_MAX_REQUEST_BYTES,
  DYNATRACE_MAX_RECORDS_PER_REQUEST,
  type LimitName,
  type LimitSourceId,
} from './limits-data';
export {
  dynatraceTenants,
  dynatraceTenantLabels,
  mappingTargetOf,
  type DynatraceTenant,
  type MappingTarget,
} from './tenant';
export { formatTimestamp, parseRfc3339, parseTimestampValue } from './timestamp';
export { normalizeLoglevel, severityNumberName } from './loglevel';
export { jsonDocument, jsonText, scalarText } from './json-text';
export { NESTING_LIMIT_VALUE } from './entries';
export type * from './types';
export {
  createStoragePredictor,
  predictStorage,
  isWouldChangeRule,
  wouldChangeRows,
  WOULD_CHANGE_RULES,
  type WouldChangeRow,
  type Prediction,
  type PredictOptions,
  type RecordInContext,
  type WouldChangeRule,
} from './predict';
export {
  explainRejection,
  type ExplainOptions,
  type ExplainedRecord,
  type RejectionExplanation,
} from './explain';
