/**
 * A local Dynatrace-compatible OTLP logs ingest endpoint (`sluice
 * dynatrace-local`): for trying Sluice without a tenant, for tests, and as
 * the destination of the demo stream. See docs/dynatrace-local.md.
 */
export {
  startDynatraceLocal,
  DynatraceLocalError,
  type DynatraceLocal,
  type DynatraceLocalOptions,
} from './server';
export type { IngestEvent } from './context';
export {
  FaultController,
  FaultSettingsError,
  type FaultSettings,
  type FaultState,
  type FailNextInput,
} from './faults';
export type { KeptRecord, RecordQuery, RequestSummary } from './record-store';
export type { RecordsPage } from './control';
export type { DynatraceLocalStats } from './stats';
export type { ErrorEnvelope } from './respond';
export { generateDynatraceToken } from './token';
export {
  DEFAULT_KEEP_RECORDS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  MAX_LATENCY_MS,
  MAX_RECORDS_PER_REQUEST,
} from './limits';
export { INGEST_PATH } from './routes';
