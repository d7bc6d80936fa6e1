import type { Dispatcher } from 'undici';
import { appVersion } from '../../base/version';
import { startDeadline } from './deadline';
import { decodeContentEncoding, readCapped, type CappedBody } from './response-body';

/**
 * One POST over a stream's dispatcher: the whole exchange (connect, send,
 * headers, body) under one deadline, the response body read up to a cap and
 * decompressed. It never throws for network trouble: the outcome says what
 * happened and the sender classifies it.
 */
export interface PostRequest {
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type PostOutcome =
  | {
      kind: 'response';
      status: number;
      headers: Record<string, string | string[] | undefined>;
      /** Decompressed when the server used Content-Encoding. */
      body: CappedBody;
    }
  | { kind: 'failed'; error: unknown; timedOut: boolean; cancelled: boolean };

export const userAgent = `Sluice/${appVersion}`;

export async function post(dispatcher: Dispatcher, req: PostRequest): Promise<PostOutcome> {
  const deadline = startDeadline(req.timeoutMs, req.signal);
  try {
    const res = await dispatcher.request({
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: 'POST',
      headers: { 'user-agent': userAgent, ...req.headers },
      body: req.body,
      signal: deadline.signal,
    });
    const raw = await readCapped(res.body);
    const encoding = res.headers['content-encoding'];
    const bytes = decodeContentEncoding(
      raw.bytes,
      Array.isArray(encoding) ? encoding[0] : encoding,
    );
    return {
      kind: 'response',
      status: res.statusCode,
      headers: res.headers,
      body: { bytes, truncated: raw.truncated },
    };
  } catch (error) {
    return {
      kind: 'failed',
      error,
      timedOut: deadline.timedOut(),
      cancelled: deadline.cancelled(),
    };
  } finally {
    deadline.dispose();
  }
}

export function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
