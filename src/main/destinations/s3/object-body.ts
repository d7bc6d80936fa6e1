import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { decodeExportRequest, exportRequestToJson } from '../../../shared/otlp';

const gzip = promisify(gzipCallback);

/**
 * The object written for a batch: the batch's ExportLogsServiceRequest in
 * OTLP/JSON, on one line ending in a newline, gzip-compressed. This is the
 * OpenTelemetry "JSON lines" file format (what the Collector's file exporter
 * writes), so concatenated or downloaded objects read as OTLP/JSON lines and
 * any OTLP/JSON reader (including `sluice inspect`) understands one object.
 * It is lossless: every attribute, id and nanosecond timestamp is kept.
 */
export async function s3ObjectBody(batch: Uint8Array): Promise<Uint8Array> {
  const line = `${JSON.stringify(exportRequestToJson(decodeExportRequest(batch)))}\n`;
  return gzip(new TextEncoder().encode(line));
}
