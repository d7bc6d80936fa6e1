import { z } from 'zod';

/**
 * The live half of the record inspector: a sampled tail of the records a
 * stream sent. (Offline inspection of a pasted or opened OTLP request runs
 * entirely in the renderer with src/shared/otlp and src/shared/dynatrace.)
 */
export interface SentRequestInfo {
  id: number;
  at: number;
  recordCount: number;
  /** Bytes of the protobuf request before and after compression. */
  bytes: number;
  compressedBytes: number | null;
  httpStatus: number | null;
  outcome: 'accepted' | 'partially-accepted' | 'retrying' | 'dead-lettered' | 'stopped';
}

export interface SampledRecord {
  id: number;
  streamId: string;
  /** Position in the buffer. */
  seq: number;
  at: number;
  /** The record as sent: an ExportLogsServiceRequest (OTLP/JSON) holding only it, with its resource and scope. */
  wireJson: unknown;
  /** Bytes of the LogRecord message itself. */
  recordBytes: number;
  request: SentRequestInfo;
}

export const tailInputSchema = z.object({
  streamId: z.string().min(1),
  /** Only records sampled after this id. */
  afterId: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(500),
});

export interface TailResult {
  records: SampledRecord[];
  /** Pass as afterId next time. */
  lastId: number;
  /** For the Dynatrace view: the stream's data model and dt.auth.origin. */
  model: 'raw' | 'flattened' | 'tenant-default' | null;
  authOrigin: string | null;
}
