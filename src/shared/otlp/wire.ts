/**
 * The wire-level API the engine uses: index received requests (where each
 * LogRecord's bytes are, without decoding them), and build requests by
 * splicing stored bytes. See docs/otlp.md.
 */
export { indexExportRequest } from './record-index';
export {
  RecordBatchWriter,
  nanosToMs,
  recordBytesOf,
  type RecordBatch,
  type RecordGroup,
} from './record-batch';
export { defaultOtlpLimits, OtlpLimitError, type OtlpLimits, type OtlpLimitName } from './limits';
export {
  buildExportRequest,
  exportRequestSize,
  ExportRequestBuilder,
  type RecordBytes,
  type ScopeGroupBytes,
  type ResourceGroupBytes,
  type StoredRecord,
} from './wire-build';
