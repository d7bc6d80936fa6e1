import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SluiceApi } from '../../../shared/api/client';
import type { Logger } from '../../base/log';
import { readFigures } from './figures';
import { healthProblems, problemLine } from './health';
import { prometheusContentType, renderMetrics } from './prometheus';

export const monitoringPaths = ['/metrics', '/healthz', '/readyz'] as const;

/** The engine answers within this, or /healthz says it does not. */
const engineAnswerMs = 5_000;

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  head: boolean,
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : body);
}

const text = 'text/plain; charset=utf-8';

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    }),
  ]);
}

/**
 * GET /metrics, /healthz and /readyz (docs/operations.md), for the metrics
 * port of `sluice run` and behind `sluice serve`'s access token. Answers
 * and returns true for those paths; false for any other (the caller's).
 *
 * - /healthz: 200 while the engine answers; 503 once it does not.
 * - /readyz: 200 while every active stream is Active (sending, or idle
 *   without errors); 503 listing each stream (or source it reads) that is
 *   not, and why: one line each, or JSON with `Accept: application/json`.
 */
export function serveMonitoring(
  req: IncomingMessage,
  res: ServerResponse,
  api: SluiceApi,
  log: Logger,
): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!(monitoringPaths as readonly string[]).includes(path)) return false;
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return true;
  }
  void answer(path, req, res, api, head).catch((err: unknown) => {
    log.warn(`${path} could not be answered`, { error: (err as Error).message });
    if (!res.headersSent) {
      send(res, 503, text, `The engine does not answer: ${(err as Error).message}\n`, head);
    }
  });
  return true;
}

async function answer(
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  api: SluiceApi,
  head: boolean,
): Promise<void> {
  if (path === '/healthz') {
    await withDeadline(api.request('engine.snapshot'), engineAnswerMs);
    return send(res, 200, text, 'ok\n', head);
  }
  const figures = await withDeadline(readFigures(api), engineAnswerMs);
  if (path === '/metrics') {
    return send(res, 200, prometheusContentType, await renderMetrics(figures), head);
  }
  const problems = healthProblems(figures);
  const status = problems.length === 0 ? 200 : 503;
  if ((req.headers.accept ?? '').includes('application/json')) {
    const body = JSON.stringify({ ready: problems.length === 0, problems }, null, 2);
    return send(res, status, 'application/json', `${body}\n`, head);
  }
  const lines =
    problems.length === 0
      ? ['ready: every active stream is sending or idle without errors']
      : [
          `not ready: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
          ...problems.map(problemLine),
        ];
  send(res, status, text, `${lines.join('\n')}\n`, head);
}
