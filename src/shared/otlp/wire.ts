/**
 * The wire-level API the engine uses: split received requests into stored
 * per-record bytes, and build requests by splicing stored bytes.
 * See docs/otlp.md.
 */
export {
  splitExportRequest,
  countSplitRecords,
  type SplitLogRecord,
  type SplitScopeLogs,
  type SplitResourceLogs,
} from './wire-split';
export {
  buildExportRequest,
  exportRequestSize,
  ExportRequestBuilder,
  type RecordBytes,
  type ScopeGroupBytes,
  type ResourceGroupBytes,
  type StoredRecord,
} from './wire-build';
