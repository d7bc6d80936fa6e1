import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataModel } from '../../../shared/dynatrace';
import type { EndpointContext, IngestEvent } from './context';
import { handleControl } from './control';
import { FaultController } from './faults';
import { handleIngest } from './ingest';
import { DEFAULT_KEEP_RECORDS, DEFAULT_MAX_PAYLOAD_BYTES } from './limits';
import { RecordStore, type KeptRecord, type RecordQuery } from './record-store';
import { sendError } from './respond';
import { INGEST_PATH, routeOf } from './routes';
import { Counters, type DynatraceLocalStats } from './stats';
import { generateDynatraceToken } from './token';
import { discardBody } from './body';

export interface DynatraceLocalOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. The CLI defaults to 4319. */
  port?: number;
  /** Loopback only, by design: this endpoint keeps whatever it is sent. */
  host?: '127.0.0.1';
  /**
   * The token clients must send as `Authorization: Api-Token <token>`.
   * Left out: a new Dynatrace-shaped token (dt0c01.<24>.<64>) per start.
   * null: any non-empty Api-Token is accepted (open mode, for demos).
   */
  token?: string | null;
  /** Body limit, as sent and after gzip; default 2 MiB (see limits.ts for the source). */
  maxPayloadBytes?: number;
  /** The data model when a request names none (`structure`); default 'flattened'. */
  model?: DataModel;
  /** Accepted records kept for reading back (oldest dropped first); default 10,000. */
  keepRecords?: number;
  /** Ingest time in unix nanoseconds, for the log-age and future-timestamp rules. */
  now?: () => bigint;
  /** Called once per ingest request when its outcome is known. */
  onRequest?: (event: IngestEvent) => void;
}

export interface DynatraceLocal {
  /** The full logs URL: http://127.0.0.1:PORT/api/v2/otlp/v1/logs */
  url: string;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  port: number;
  /** The token to send; null in open mode. */
  token: string | null;
  model: DataModel;
  maxPayloadBytes: number;
  keepRecords: number;
  faults: FaultController;
  stats(): DynatraceLocalStats;
  /** Kept records, oldest first (all of them without a query). */
  records(query?: RecordQuery): KeptRecord[];
  clearRecords(): void;
  /** Stops listening, drops open connections (hanging requests included). */
  close(): Promise<void>;
}

/** Options that cannot work; the message names the option. */
export class DynatraceLocalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynatraceLocalError';
  }
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new DynatraceLocalError(message);
}

function validate(o: DynatraceLocalOptions): void {
  const { port = 0, maxPayloadBytes = 1, keepRecords = 0, token, host = '127.0.0.1', model } = o;
  check(
    Number.isInteger(port) && port >= 0 && port <= 65535,
    `port must be 0 to 65535; got ${port}.`,
  );
  check(host === '127.0.0.1', `host must be 127.0.0.1 (loopback only); got ${String(host)}.`);
  check(
    Number.isSafeInteger(maxPayloadBytes) && maxPayloadBytes > 0,
    'maxPayloadBytes must be a positive whole number.',
  );
  check(
    Number.isSafeInteger(keepRecords) && keepRecords >= 0,
    'keepRecords must be a whole number, 0 or more.',
  );
  check(
    model === undefined || model === 'raw' || model === 'flattened',
    'model must be raw or flattened.',
  );
  if (typeof token === 'string') {
    check(
      /^[\x21-\x7e]+$/.test(token),
      'token must be printable ASCII without spaces (like dt0c01.<public>.<secret>).',
    );
  }
}

const defaultNow = (): bigint => BigInt(Date.now()) * 1_000_000n;

/** Path and query of a request line, origin-form or absolute-form; null when unreadable. */
function requestUrl(raw: string | undefined): URL | null {
  try {
    if (raw?.startsWith('/')) return new URL(`http://127.0.0.1${raw}`);
    return new URL(raw ?? '');
  } catch {
    return null;
  }
}

export async function startDynatraceLocal(
  options: DynatraceLocalOptions = {},
): Promise<DynatraceLocal> {
  validate(options);
  const token = options.token === undefined ? generateDynatraceToken() : options.token;
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const keepRecords = options.keepRecords ?? DEFAULT_KEEP_RECORDS;
  const model = options.model ?? 'flattened';
  const closing = new AbortController();
  const held = new Set<ServerResponse>();
  let requestIds = 0;

  const ctx: EndpointContext = {
    token,
    maxPayloadBytes,
    model,
    now: options.now ?? defaultNow,
    store: new RecordStore(keepRecords),
    counters: new Counters(),
    faults: new FaultController(),
    emit: (event) => {
      try {
        options.onRequest?.(event);
      } catch {
        // A listener's bug must not break the endpoint.
      }
    },
    sleep: async (ms) => {
      try {
        await delay(ms, undefined, { signal: closing.signal });
        return true;
      } catch {
        return false;
      }
    },
    hold: (req, res) => {
      held.add(res);
      const release = () => held.delete(res);
      res.once('close', release);
      req.once('close', release);
    },
    nextRequestId: () => ++requestIds,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestUrl(req.url);
    if (url === null) {
      await discardBody(req);
      return sendError(res, 400, 'The request target is not a valid path.');
    }
    const route = routeOf(url.pathname);
    if (route.kind === 'ingest') return handleIngest(ctx, req, res, url, route.environment);
    if (route.kind === 'unknown') {
      ctx.counters.total++;
      ctx.counters.answered(404);
      const drained = await discardBody(req);
      return sendError(
        res,
        404,
        `No such endpoint: ${url.pathname}. Send OTLP logs to ${INGEST_PATH} (or /e/{environment}${INGEST_PATH}).`,
        { close: !drained },
      );
    }
    return handleControl(ctx, req, res, url, route);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Our bug, not the client's: an ErrorEnvelope, never a stack trace.
      if (!res.headersSent)
        sendError(res, 500, 'Internal error in the local endpoint.', { close: true });
      else res.destroy();
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const wanted = options.port ?? 0;
      reject(
        new DynatraceLocalError(
          err.code === 'EADDRINUSE'
            ? `Port ${wanted} on 127.0.0.1 is already in use (choose another port, or 0 for any free one).`
            : `Cannot listen on 127.0.0.1:${wanted}: ${err.message}`,
        ),
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | null = null;
  return {
    url: `${baseUrl}${INGEST_PATH}`,
    baseUrl,
    port,
    token,
    model,
    maxPayloadBytes,
    keepRecords,
    faults: ctx.faults,
    stats: () => ctx.counters.snapshot(ctx.store),
    records: (query) => ctx.store.query(query),
    clearRecords: () => ctx.store.clear(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        for (const res of held) res.destroy();
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
