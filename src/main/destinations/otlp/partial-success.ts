import {
  decodeExportResponse,
  parseExportResponseJson,
  type ExportLogsServiceResponse,
} from '../../../shared/otlp';

/**
 * The ExportLogsServiceResponse of a 2xx answer, in the encoding the server
 * used (OTLP/HTTP: the response Content-Type matches the request's). An empty
 * body, or one we cannot read, is a full success: the status already said so,
 * and refusing the batch for an unreadable courtesy message would resend data
 * the server has taken.
 */
export interface Acceptance {
  rejectedRecords: number;
  rejectionMessage: string | null;
}

export function readPartialSuccess(body: Uint8Array, contentType: string | undefined): Acceptance {
  if (body.length === 0) return { rejectedRecords: 0, rejectionMessage: null };
  const type = (contentType ?? '').toLowerCase();
  let response: ExportLogsServiceResponse;
  try {
    if (type.includes('json')) response = parseExportResponseJson(body);
    else if (type.includes('protobuf')) response = decodeExportResponse(body);
    else return { rejectedRecords: 0, rejectionMessage: null };
  } catch {
    return { rejectedRecords: 0, rejectionMessage: null };
  }
  const partial = response.partialSuccess;
  if (partial === null) return { rejectedRecords: 0, rejectionMessage: null };
  const rejected = Number(partial.rejectedLogRecords);
  return {
    rejectedRecords: Number.isSafeInteger(rejected) && rejected > 0 ? rejected : 0,
    // A message with zero rejections is a warning the spec lets servers send.
    rejectionMessage: partial.errorMessage === '' ? null : partial.errorMessage,
  };
}
