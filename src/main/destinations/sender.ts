import type { Stream } from '../../shared/api/streams';

/**
 * The seam between the exporter (src/main/engine/exporter) and a destination.
 * The exporter assembles an OTLP ExportLogsServiceRequest in binary protobuf
 * from the buffer; a sender turns it into whatever its tool wants (OTLP
 * protobuf as is, OTLP/JSON, Splunk HEC events, an S3 object), sends it once,
 * and says what happened. Retrying, splitting, dead-lettering and status are
 * the exporter's job: a sender never retries by itself.
 */
export interface OutgoingBatch {
  /** Binary protobuf ExportLogsServiceRequest. */
  body: Uint8Array;
  recordCount: number;
}

export type SendResult =
  /** 2xx. `rejectedRecords` > 0 for an OTLP partial success. */
  | {
      kind: 'accepted';
      httpStatus: number | null;
      rejectedRecords: number;
      rejectionMessage: string | null;
      /** Bytes that went over the wire (after compression). */
      bytesSent: number;
    }
  /** 429, 502, 503, 504, timeouts, resets, refused connections, DNS failures: send the same batch again later. */
  | {
      kind: 'retryable';
      httpStatus: number | null;
      /** From Retry-After (seconds or HTTP-date), when the server gave one. */
      retryAfterMs: number | null;
      message: string;
      advice: string;
      responseBody: string | null;
    }
  /** 413: the exporter splits the batch and sends the halves. */
  | { kind: 'too-large'; httpStatus: number; message: string; responseBody: string | null }
  /**
   * Any other failure the OTLP specification says not to retry (400, 500, ...).
   * `stopSending` for 401/403/404: every batch would fail the same way, so the
   * stream stops sending (data stays buffered) until its configuration changes
   * or the user retries.
   */
  | {
      kind: 'refused';
      httpStatus: number | null;
      message: string;
      advice: string;
      responseBody: string | null;
      stopSending: boolean;
    };

export interface Sender {
  send(batch: OutgoingBatch, signal?: AbortSignal): Promise<SendResult>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

export interface SenderContext {
  /** Secrets from the keychain, by credential name. Engine-only: never logged, never sent to a window. */
  credentials: Record<string, string>;
  timeoutMs: number;
}

export type SenderFactory = (
  stream: Pick<Stream, 'id' | 'destination'>,
  context: SenderContext,
) => Sender;
