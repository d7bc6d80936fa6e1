import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

/**
 * An AWS SDK v3 request handler on undici, so S3 traffic goes through the
 * same stream dispatcher as every other destination: its proxy, extra CA,
 * certificate pin and keep-alive pool. It implements the SDK's HttpHandler
 * shape structurally (the SDK accepts any object with `handle`), mirroring
 * what the SDK's own NodeHttpHandler puts on the wire: the path as signed, the
 * query string escaped the same way.
 */

interface SdkHttpRequest {
  protocol: string;
  hostname: string;
  port?: number;
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  fragment?: string;
  headers: Record<string, string>;
  body?: unknown;
}

interface SdkHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Readable;
}

/** RFC 3986 escaping, as the SDK signs query parameters. */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function buildQueryString(query: SdkHttpRequest['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const k = escapeUri(key);
    if (Array.isArray(value)) for (const v of value) parts.push(`${k}=${escapeUri(v)}`);
    else if (typeof value === 'string') parts.push(`${k}=${escapeUri(value)}`);
    else parts.push(k);
  }
  return parts.join('&');
}

/** Headers undici manages itself and refuses to be given (none of them is signed). */
const hopByHop = new Set(['connection', 'keep-alive', 'expect', 'transfer-encoding', 'upgrade']);

export class UndiciHttpHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(private readonly dispatcher: Dispatcher) {}

  async handle(
    request: SdkHttpRequest,
    // The SDK types its signal with its own minimal interface; the one it
    // passes is whatever the caller gave the command (ours: a real AbortSignal).
    options: { abortSignal?: unknown } = {},
  ): Promise<{ response: SdkHttpResponse }> {
    const host =
      request.hostname.includes(':') && !request.hostname.startsWith('[')
        ? `[${request.hostname}]`
        : request.hostname;
    const origin = `${request.protocol}//${host}${request.port ? `:${request.port}` : ''}`;
    const query = buildQueryString(request.query);
    const path = `${request.path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!hopByHop.has(name.toLowerCase())) headers[name] = value;
    }
    const res = await this.dispatcher.request({
      origin,
      path,
      method: request.method as Dispatcher.HttpMethod,
      headers,
      body: request.body as Dispatcher.DispatchOptions['body'],
      signal: options.abortSignal as AbortSignal | undefined,
    });
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined)
        responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { response: { statusCode: res.statusCode, headers: responseHeaders, body: res.body } };
  }

  updateHttpClientConfig(): void {
    // Configured once, from the stream's network settings.
  }

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    // The dispatcher is owned and closed by the sender.
  }
}
