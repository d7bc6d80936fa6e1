import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkApiToken } from './token';
import { discardBody } from './body';
import type { EndpointContext } from './context';
import { FaultSettingsError } from './faults';
import { DEFAULT_PAGE, MAX_CONTROL_BODY_BYTES, MAX_PAGE } from './limits';
import type { KeptRecord } from './record-store';
import { sendError, sendJson, sendText } from './respond';
import { INGEST_PATH, type Route } from './routes';

/**
 * Our own endpoints beside Dynatrace's: read back what was accepted, the
 * counters, and fault injection. They take the same Authorization: Api-Token
 * as the ingest API: the endpoint listens on 127.0.0.1 only, but other local
 * users and web pages (which cannot add that header without a CORS preflight
 * we never grant) can reach loopback too.
 */

export interface RecordsPage {
  records: KeptRecord[];
  /** Pass as ?since= to get the records after this page; equals `since` when the page is empty. */
  nextSince: number;
  /** Whether more kept records follow this page. */
  more: boolean;
  /** Id of the newest accepted record; 0 before the first. */
  lastId: number;
  kept: number;
  evicted: number;
}

export function recordsPage(ctx: EndpointContext, since: number, limit: number): RecordsPage {
  const records = ctx.store.query({ since, limit: limit + 1 });
  const more = records.length > limit;
  if (more) records.pop();
  return {
    records,
    nextSince: records.at(-1)?.id ?? since,
    more,
    lastId: ctx.store.lastId,
    kept: ctx.store.kept,
    evicted: ctx.store.evicted,
  };
}

function intParam(
  url: URL,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number | string {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    return `Invalid ${name} '${raw}': expected a whole number from ${min} to ${max}.`;
  }
  return n;
}

async function readJson(
  req: IncomingMessage,
): Promise<{ value: unknown } | { error: string; drained: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_CONTROL_BODY_BYTES)
        return { error: 'The JSON body is larger than 64 kB.', drained: false };
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '')
      return { error: 'Send the fault settings as a JSON object.', drained: true };
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `The body is not valid JSON: ${(err as Error).message}`, drained: true };
  }
}

const INDEX = (
  ctx: EndpointContext,
) => `Sluice dynatrace-local: a Dynatrace-compatible OTLP logs ingest endpoint.

POST ${INGEST_PATH}             OTLP logs (application/x-protobuf, optionally gzip)
POST /e/{environment}${INGEST_PATH}
GET  /records?since=ID&limit=N          accepted records, as Dynatrace would store them
DELETE /records                         forget the kept records
GET  /stats                             counters
GET|POST|DELETE /_faults                fault injection

Every request needs "Authorization: Api-Token <token>"${ctx.token === null ? ' (any token is accepted)' : ''}.
See docs/dynatrace-local.md.
`;

export async function handleControl(
  ctx: EndpointContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: Exclude<Route, { kind: 'ingest' } | { kind: 'unknown' }>,
): Promise<void> {
  const method = req.method ?? '';
  const allowed = {
    index: ['GET'],
    records: ['GET', 'DELETE'],
    stats: ['GET'],
    faults: ['GET', 'POST', 'DELETE'],
  }[route.kind];
  if (!allowed.includes(method)) {
    const drained = await discardBody(req);
    return sendError(
      res,
      405,
      `Method ${method} is not allowed on ${url.pathname}: use ${allowed.join(', ')}.`,
      {
        headers: { allow: allowed.join(', ') },
        close: !drained,
      },
    );
  }
  if (route.kind === 'index') return sendText(res, 200, INDEX(ctx));
  const auth = checkApiToken(req.headers.authorization, ctx.token);
  if (!auth.ok) {
    const drained = await discardBody(req);
    return sendError(res, 401, auth.message, { close: !drained });
  }

  switch (route.kind) {
    case 'records': {
      if (method === 'DELETE') {
        const cleared = ctx.store.kept;
        ctx.store.clear();
        return sendJson(res, 200, { cleared });
      }
      const since = intParam(url, 'since', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = intParam(url, 'limit', DEFAULT_PAGE, 1, MAX_PAGE);
      if (typeof since === 'string') return sendError(res, 400, since);
      if (typeof limit === 'string') return sendError(res, 400, limit);
      return sendJson(res, 200, recordsPage(ctx, since, limit));
    }
    case 'stats':
      return sendJson(res, 200, ctx.counters.snapshot(ctx.store));
    case 'faults': {
      if (method === 'GET') return sendJson(res, 200, ctx.faults.state());
      if (method === 'DELETE') return sendJson(res, 200, ctx.faults.clear());
      const body = await readJson(req);
      if ('error' in body) return sendError(res, 400, body.error, { close: !body.drained });
      try {
        return sendJson(res, 200, ctx.faults.set(body.value));
      } catch (err) {
        if (err instanceof FaultSettingsError)
          return sendError(res, 400, `Invalid fault settings: ${err.message}`);
        throw err;
      }
    }
  }
}
