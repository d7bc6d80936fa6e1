import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { mapToDynatrace, type DataModel, type DroppedRecord } from '../../../shared/dynatrace';
import {
  decodeExportRequest,
  defaultOtlpLimits,
  OtlpLimitError,
  OtlpDecodeError,
  type ExportLogsServiceRequest,
} from '../../../shared/otlp';
import { checkApiToken } from './token';
import { drainBody, parseContentEncoding, readBody } from './body';
import type { EndpointContext, IngestEvent } from './context';
import { MAX_RECORDS_PER_REQUEST } from './limits';
import type { NewRecord, RequestSummary } from './record-store';
import {
  errorEnvelope,
  sendError,
  sendExportResponse,
  sendRaw,
  type AnswerOptions,
} from './respond';

/**
 * POST /api/v2/otlp/v1/logs and /e/{env}/api/v2/otlp/v1/logs, as seed 004
 * describes them: Api-Token, application/x-protobuf only, gzip, the payload
 * limit, 400 for a malformed body, and a partial success for the records
 * Dynatrace drops. Checks run in this order: method, injected faults, token,
 * Content-Type, Content-Encoding, `structure`, size, protobuf, record count.
 */

const PROTOBUF = 'application/x-protobuf';

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** `structure` from the query, else from X-Dynatrace-Options ("Query parameter takes precedence"). */
export function requestedModel(
  url: URL,
  optionsHeader: string | undefined,
  fallback: DataModel,
): DataModel | { error: string } {
  const fromQuery = url.searchParams.get('structure');
  const fromHeader = new URLSearchParams((optionsHeader ?? '').trim()).get('structure');
  const [value, where] =
    fromQuery !== null
      ? [fromQuery, 'the structure query parameter']
      : [fromHeader, 'structure in X-Dynatrace-Options'];
  if (value === null) return fallback;
  if (value === 'raw' || value === 'flattened') return value;
  return { error: `Invalid value '${value}' for ${where}: expected raw or flattened.` };
}

/** The partial_success error_message: how many, and why (the first reason, then a count). */
export function rejectionMessage(dropped: readonly DroppedRecord[], total: number): string {
  const [first] = dropped;
  if (!first) return '';
  const more = dropped.length > 1 ? ` (and ${dropped.length - 1} more)` : '';
  return `${dropped.length} of ${total} log records rejected. Record ${first.index}: ${first.reason}${more}.`;
}

function countRecords(request: ExportLogsServiceRequest): number {
  let n = 0;
  for (const rl of request.resourceLogs) for (const sl of rl.scopeLogs) n += sl.logRecords.length;
  return n;
}

export async function handleIngest(
  ctx: EndpointContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  environment: string | null,
): Promise<void> {
  const requestId = ctx.nextRequestId();
  const receivedAt = new Date().toISOString();
  const method = req.method ?? '';
  ctx.counters.total++;
  const event: IngestEvent = {
    requestId,
    method,
    path: url.pathname,
    status: null,
    outcome: 'aborted',
    records: 0,
    rejected: 0,
    wireBytes: 0,
    message: null,
    injected: false,
  };
  const done = (): void => ctx.emit(event);
  /** Reads the body to drop it; false when it was too long to read to its end. */
  const discard = async (): Promise<boolean> => {
    const drained = await drainBody(req);
    event.wireBytes = drained.bytes;
    return drained.ended;
  };
  let latencyMs = 0;

  /** Every answer goes through here: the latency fault, the counters, the event. */
  const answer = async (status: number, send: () => void, message: string | null) => {
    if (latencyMs > 0 && !(await ctx.sleep(latencyMs))) return done();
    ctx.counters.answered(status);
    event.status = status;
    event.outcome = 'answered';
    event.message = message;
    send();
    done();
  };
  /** An ErrorEnvelope answer after reading (and dropping) the body. */
  const refuse = async (status: number, message: string, options: AnswerOptions = {}) => {
    const drained = await discard();
    await answer(
      status,
      () => sendError(res, status, message, { ...options, close: !drained }),
      message,
    );
  };

  if (method !== 'POST') {
    return refuse(405, `Method ${method} is not allowed here: send logs with POST.`, {
      headers: { allow: 'POST' },
    });
  }

  const fault = ctx.faults.take();
  if (fault.kind === 'reset' || fault.kind === 'hang') {
    event.injected = true;
    await discard();
    if (fault.kind === 'reset') {
      ctx.counters.reset++;
      event.outcome = 'reset';
      req.socket.resetAndDestroy();
    } else {
      ctx.counters.hung++;
      event.outcome = 'hung';
      ctx.hold(req, res);
    }
    return done();
  }
  latencyMs = fault.latencyMs;
  if (fault.kind === 'fail') {
    event.injected = true;
    const drained = await discard();
    const text = `${fault.status} ${STATUS_CODES[fault.status] ?? ''}`.trim();
    const body =
      fault.body ??
      JSON.stringify(
        errorEnvelope(fault.status, `Injected fault (sluice dynatrace-local): ${text}`),
      );
    const headers: Record<string, string> = fault.retryAfter
      ? { 'retry-after': fault.retryAfter }
      : {};
    return answer(
      fault.status,
      () => sendRaw(res, fault.status, body, { headers, close: !drained }),
      body,
    );
  }

  const auth = checkApiToken(req.headers.authorization, ctx.token);
  if (!auth.ok) return refuse(401, auth.message);

  const contentType = mediaType(req.headers['content-type']);
  if (contentType !== PROTOBUF) {
    return refuse(
      415,
      contentType === ''
        ? `Content-Type is missing: this API consumes ${PROTOBUF} (a binary protobuf ExportLogsServiceRequest).`
        : `Unsupported Content-Type '${contentType}': this API consumes ${PROTOBUF} only (a binary protobuf ExportLogsServiceRequest).`,
    );
  }
  const encodingHeader = req.headers['content-encoding'];
  const encoding = parseContentEncoding(encodingHeader);
  if (encoding === null) {
    return refuse(
      415,
      `Unsupported Content-Encoding '${encodingHeader}': send gzip or no encoding.`,
    );
  }
  const model = requestedModel(url, headerText(req.headers['x-dynatrace-options']), ctx.model);
  if (typeof model === 'object') return refuse(400, model.error);

  const body = await readBody(req, encoding, ctx.maxPayloadBytes);
  if (body.kind === 'aborted') return done();
  event.wireBytes = body.wireBytes;
  if (body.kind === 'too-large') {
    const limit = ctx.maxPayloadBytes.toLocaleString('en-US');
    const message =
      body.stage === 'sent'
        ? `Payload too large: the request body is ${body.wireBytes.toLocaleString('en-US')} bytes; the limit is ${limit} bytes.`
        : `Payload too large: the gzip body decompresses to more than ${limit} bytes, the limit.`;
    return answer(413, () => sendError(res, 413, message, { close: !body.drained }), message);
  }
  if (body.kind === 'bad-gzip') {
    return answer(400, () => sendError(res, 400, body.message), body.message);
  }

  let request: ExportLogsServiceRequest;
  try {
    // Read no further than Dynatrace's record limit: a request over it is
    // refused without decoding the rest.
    request = decodeExportRequest(body.bytes, {
      ...defaultOtlpLimits,
      maxRecords: MAX_RECORDS_PER_REQUEST,
    });
  } catch (err) {
    if (err instanceof OtlpLimitError && err.limit === 'maxRecords') {
      const message = `Too many log records: more than ${MAX_RECORDS_PER_REQUEST.toLocaleString('en-US')} in one request, the limit.`;
      return answer(413, () => sendError(res, 413, message), message);
    }
    if (!(err instanceof OtlpDecodeError)) throw err;
    const message = `Malformed ExportLogsServiceRequest (binary protobuf): ${err.message}`;
    return answer(400, () => sendError(res, 400, message), message);
  }
  const total = countRecords(request);
  event.records = total;
  const poisoned = ctx.faults.poisonedRecord(request);
  if (poisoned) {
    event.injected = true;
    const message = `Injected fault (sluice dynatrace-local): the record at ${poisoned} cannot be read.`;
    return answer(400, () => sendError(res, 400, message), message);
  }

  const mapping = mapToDynatrace(request, {
    model,
    processing: 'openpipeline',
    authOrigin: auth.authOrigin,
    now: ctx.now(),
    requestBytes: body.bytes.length,
  });
  const rejected = mapping.dropped.length;
  const message = rejectionMessage(mapping.dropped, total);
  const summary: RequestSummary = {
    id: requestId,
    receivedAt,
    path: url.pathname,
    environment,
    model,
    contentEncoding: encoding,
    wireBytes: body.wireBytes,
    bytes: body.bytes.length,
    records: total,
    rejected,
    authOrigin: auth.authOrigin,
  };
  // Kept before any latency: a slow answer still means Dynatrace took the data,
  // which is how a client that gives up ends up sending duplicates.
  ctx.store.add(
    summary,
    mapping.records.map((r): NewRecord => ({
      timestamp: r.timestamp,
      loglevel: r.loglevel,
      content: r.content,
      attributes: r.attributes,
    })),
  );
  const c = ctx.counters;
  c.accepted += mapping.records.length;
  c.rejected += rejected;
  c.wireBytes += body.wireBytes;
  c.decodedBytes += body.bytes.length;
  if (rejected > 0) c.lastRejection = message;
  event.rejected = rejected;
  return answer(200, () => sendExportResponse(res, rejected, message), message || null);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join('&') : value;
}
