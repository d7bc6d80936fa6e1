import { afterEach } from 'vitest';
import {
  startDynatraceLocal,
  type DynatraceLocal,
  type DynatraceLocalOptions,
  type RecordsPage,
} from '../../../src/main/tools/dynatrace-local';
import { decodeExportResponse, type ExportLogsServiceResponse } from '../../../src/shared/otlp';

/** The ingest time every test endpoint uses: one minute after test/support's numbered records. */
export const NOW = 1_700_000_060_000_000_000n;
export const HOUR_NS = 3_600_000_000_000n;
export const TOKEN = `dt0c01.${'PUBLIC'.repeat(4)}.${'SECRET00'.repeat(8)}`;
export const AUTH_ORIGIN = `dt0c01.${'PUBLIC'.repeat(4)}`;

const open: DynatraceLocal[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((dt) => dt.close()));
});

/** An endpoint on a free port with a fixed clock and token, closed after the test. */
export async function startLocal(options: DynatraceLocalOptions = {}): Promise<DynatraceLocal> {
  const dt = await startDynatraceLocal({ port: 0, token: TOKEN, now: () => NOW, ...options });
  open.push(dt);
  return dt;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Uint8Array;
  text: () => string;
  json: () => unknown;
  response: () => ExportLogsServiceResponse;
}

async function answer(res: Response): Promise<Answer> {
  const body = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    body,
    text: () => new TextDecoder().decode(body),
    json: () => JSON.parse(new TextDecoder().decode(body)) as unknown,
    response: () => decodeExportResponse(body),
  };
}

export interface PostOptions {
  path?: string;
  headers?: Record<string, string>;
  /** Leave out the Authorization header. */
  noAuth?: boolean;
}

/** POSTs a protobuf body to the endpoint with the right token unless told otherwise. */
export async function postLogs(
  dt: DynatraceLocal,
  body: Uint8Array,
  options: PostOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-protobuf',
    ...(options.noAuth ? {} : { authorization: `Api-Token ${dt.token ?? TOKEN}` }),
    ...options.headers,
  };
  const res = await fetch(`${dt.baseUrl}${options.path ?? '/api/v2/otlp/v1/logs'}`, {
    method: 'POST',
    headers,
    body,
  });
  return answer(res);
}

/** A control request with the endpoint's token. */
export async function control(
  dt: DynatraceLocal,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = { authorization: `Api-Token ${dt.token ?? TOKEN}` },
): Promise<Answer> {
  return answer(await fetch(`${dt.baseUrl}${path}`, { method, headers, body }));
}

export async function readRecords(dt: DynatraceLocal, query = ''): Promise<RecordsPage> {
  const a = await control(dt, 'GET', `/records${query}`);
  if (a.status !== 200) throw new Error(`GET /records answered ${a.status}: ${a.text()}`);
  return a.json() as RecordsPage;
}
