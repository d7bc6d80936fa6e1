export { mapToDynatrace } from './map';
export { authOriginFromToken } from './auth';
export {
  applyOutSystemsTruncation,
  truncateChars,
  OUTSYSTEMS_MAX_CHARS,
  OUTSYSTEMS_TRUNCATED_ATTRIBUTE,
} from './outsystems';
export { RULES, RULE_IDS, type RuleId } from './rules';
export { PROFILES, type RulesProfile, type Limits } from './profiles';
export { formatTimestamp, parseRfc3339, parseTimestampValue } from './timestamp';
export { normalizeLoglevel, severityNumberName } from './loglevel';
export { jsonDocument, jsonText, scalarText } from './json-text';
export { NESTING_LIMIT_VALUE } from './entries';
export type * from './types';
