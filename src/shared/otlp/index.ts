// The protobufjs schema (./schema) is deliberately not re-exported: importing
// it pulls protobufjs into a bundle, and only tests and tools need it.
export * from './model';
export * from './errors';
export * from './bytes';
export * from './detect';
export {
  decodeAnyValue,
  decodeLogRecord,
  decodeResource,
  decodeScope,
  decodeExportRequest,
  decodeExportResponse,
} from './decode';
export {
  encodeAnyValue,
  encodeLogRecord,
  encodeLogRecordWithShape,
  encodeResource,
  encodeScope,
  encodeExportRequest,
  encodeExportResponse,
  exportRequestEncodedSize,
} from './encode';
export * from './json-encode';
export {
  anyValueFromJson,
  logRecordFromJson,
  resourceFromJson,
  scopeFromJson,
  exportRequestFromJson,
  exportResponseFromJson,
  jsonSourceText,
  parseJsonText,
  parseExportRequestJson,
  parseExportResponseJson,
} from './json-decode';
export * from './wire';
