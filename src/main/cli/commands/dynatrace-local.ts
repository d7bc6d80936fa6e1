import {
  DEFAULT_KEEP_RECORDS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  DynatraceLocalError,
  FaultController,
  MAX_LATENCY_MS,
  FaultSettingsError,
  startDynatraceLocal,
  type DynatraceLocal,
  type FaultSettings,
  type IngestEvent,
} from '../../tools/dynatrace-local';
import { parseCommandArgs, parsePort, UsageError, type CliIo, type Command } from '../command';

export const defaultDynatraceLocalPort = 4319;

const HELP = `Usage: sluice dynatrace-local [options]

Runs a local Dynatrace-compatible OTLP logs ingest endpoint on 127.0.0.1:
POST /api/v2/otlp/v1/logs (and /e/{environment}/api/v2/otlp/v1/logs) with
Dynatrace's token check, protobuf and gzip, payload limit, answers and
partial successes. Accepted records are mapped as Dynatrace would store them
and can be read back with GET /records. Point a Sluice stream (or any
OpenTelemetry exporter) at the URL it prints, with the token it prints.

Options:
  --port N             Port on 127.0.0.1 (default ${defaultDynatraceLocalPort}; 0 picks a free one)
  --token TOKEN        The token clients must send as "Authorization: Api-Token
                       TOKEN". Default: a new dt0c01.<public>.<secret> token
                       per start, printed below the URL.
  --any-token          Accept any Api-Token (still 401 without one)
  --model raw|flattened
                       Data model for requests that set no "structure"
                       (default flattened)
  --max-payload SIZE   Largest request body, as sent and after gzip: bytes, or
                       with KB or MB (1024-based), e.g. 512KB (default
                       2000000, the documented 2 MB of Dynatrace's OTLP logs
                       API read as the smaller 2,000,000 bytes)
  --keep N             Accepted records kept for GET /records; older ones are
                       dropped (default ${DEFAULT_KEEP_RECORDS.toLocaleString('en-US')}; counters count all)
  --quiet              Do not print a line per request

Fault injection (also at run time: POST /_faults, see docs/dynatrace-local.md):
  --fail-next N        Answer the next N requests with --fail-status
  --fail-status S      Status for --fail-next, 400 to 599 (default 503)
  --retry-after S      Retry-After for --fail-next: seconds or an HTTP date
  --latency MS         Delay every answer by MS milliseconds
  --hang-next N        Never answer the next N requests (until stopped)
  --reset-next N       Reset the connection of the next N requests
  -h, --help           Show this help

Read back (with the same Authorization header):
  GET /records?since=ID&limit=N   accepted records, oldest first
  GET /stats                      requests by status, records, bytes
  DELETE /records                 forget the kept records

Stops on Ctrl+C. Exit status: 0 stopped; 1 could not start (e.g. the port is
taken); 2 bad usage.
`;

const OPTIONS = {
  port: { type: 'string' },
  token: { type: 'string' },
  'any-token': { type: 'boolean' },
  model: { type: 'string' },
  'max-payload': { type: 'string' },
  keep: { type: 'string' },
  quiet: { type: 'boolean' },
  'fail-next': { type: 'string' },
  'fail-status': { type: 'string' },
  'retry-after': { type: 'string' },
  latency: { type: 'string' },
  'hang-next': { type: 'string' },
  'reset-next': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const UNITS: Record<string, number> = { '': 1, B: 1, K: 1024, KB: 1024, KIB: 1024 };
UNITS.M = UNITS.MB = UNITS.MIB = 1024 * 1024;

export function parseSize(flag: string, value: string): number {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2]!.toUpperCase()] : undefined;
  const n = m && unit ? Number(m[1]) * unit : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`--${flag} must be a size such as 2MB, 512KB or 65536; got "${value}".`);
  }
  return n;
}

function wholeNumber(
  flag: string,
  value: string | undefined,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
    if (max < Number.MAX_SAFE_INTEGER) {
      throw new UsageError(
        `--${flag} must be a whole number from ${min} to ${max}; got "${value}".`,
      );
    }
    throw new UsageError(
      `--${flag} must be a whole number${min > 0 ? ` from ${min}` : ''}; got "${value}".`,
    );
  }
  return n;
}

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

function faultSettings(v: Values): FaultSettings {
  const failNext = wholeNumber('fail-next', v['fail-next'], 1);
  if (failNext === undefined) {
    for (const flag of ['fail-status', 'retry-after'] as const) {
      if (v[flag] !== undefined) throw new UsageError(`--${flag} needs --fail-next N.`);
    }
  }
  const settings: FaultSettings = {
    latencyMs: wholeNumber('latency', v.latency, 0, MAX_LATENCY_MS),
    hangNext: wholeNumber('hang-next', v['hang-next']),
    resetNext: wholeNumber('reset-next', v['reset-next']),
  };
  if (failNext !== undefined) {
    settings.failNext = {
      count: failNext,
      status: wholeNumber('fail-status', v['fail-status'], 400, 599) ?? 503,
      retryAfter: v['retry-after'] ?? null,
    };
  }
  return settings;
}

function describeFaults(dt: DynatraceLocal): string | null {
  const f = dt.faults.state();
  const parts: string[] = [];
  if (f.failNext) {
    const after = f.failNext.retryAfter ? ` (Retry-After: ${f.failNext.retryAfter})` : '';
    parts.push(`fail the next ${f.failNext.remaining} with ${f.failNext.status}${after}`);
  }
  if (f.resetNext > 0) parts.push(`reset the next ${f.resetNext}`);
  if (f.hangNext > 0) parts.push(`hang the next ${f.hangNext}`);
  if (f.latencyMs > 0) parts.push(`answer after ${f.latencyMs} ms`);
  return parts.length > 0 ? parts.join('; ') : null;
}

function requestLine(e: IngestEvent): string {
  const time = new Date().toISOString().slice(11, 19);
  const outcome = e.status === null ? e.outcome.toUpperCase() : String(e.status);
  const what =
    e.records > 0
      ? `${e.records} record${e.records === 1 ? '' : 's'}${e.rejected > 0 ? `, ${e.rejected} rejected` : ''}`
      : `${e.wireBytes} bytes`;
  const why = e.status !== null && e.status !== 200 && e.message ? `: ${e.message}` : '';
  return `${time} #${e.requestId} ${outcome} ${e.method} ${e.path} ${what}${e.injected ? ' [injected]' : ''}${why}\n`;
}

function mib(bytes: number): string {
  return bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${bytes.toLocaleString('en-US')} bytes`;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.token !== undefined && values['any-token']) {
    throw new UsageError('give either --token or --any-token, not both.');
  }
  if (values.token !== undefined && !/^[\x21-\x7e]+$/.test(values.token)) {
    throw new UsageError('--token must be printable ASCII without spaces.');
  }
  const model = values.model ?? 'flattened';
  if (model !== 'raw' && model !== 'flattened') {
    throw new UsageError(`--model must be raw or flattened; got "${model}".`);
  }
  const port = parsePort(values.port, defaultDynatraceLocalPort);
  const maxPayloadBytes =
    values['max-payload'] === undefined
      ? DEFAULT_MAX_PAYLOAD_BYTES
      : parseSize('max-payload', values['max-payload']);
  const keepRecords = wholeNumber('keep', values.keep) ?? DEFAULT_KEEP_RECORDS;
  const faults = faultSettings(values);
  try {
    // Checked before listening, so bad flags never open the port.
    new FaultController().set(faults);
  } catch (err) {
    if (err instanceof FaultSettingsError) {
      // Name the flag, not the JSON field it fills.
      throw new UsageError(err.message.replace(/^failNext\.retryAfter: /, '--retry-after: '));
    }
    throw err;
  }

  let dt: DynatraceLocal;
  try {
    dt = await startDynatraceLocal({
      port,
      token: values['any-token'] ? null : values.token,
      model,
      maxPayloadBytes,
      keepRecords,
      onRequest: values.quiet ? undefined : (e) => io.stdout(requestLine(e)),
    });
  } catch (err) {
    if (err instanceof DynatraceLocalError) {
      io.stderr(`sluice dynatrace-local: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  dt.faults.set(faults);

  const auth = dt.token === null ? 'Api-Token <any token>' : `Api-Token ${dt.token}`;
  const faultText = describeFaults(dt);
  io.stdout(
    `Dynatrace-compatible endpoint: ${dt.url}  token: ${dt.token ?? '(any)'}\n\n` +
      `  Send:       POST ${dt.url}  (or ${dt.baseUrl}/e/<environment>/api/v2/otlp/v1/logs)\n` +
      `              Authorization: ${auth}\n` +
      `              Content-Type: application/x-protobuf  (gzip allowed)\n` +
      `  Read back:  curl -H "Authorization: ${auth}" ${dt.baseUrl}/records\n` +
      `  Limits:     ${mib(maxPayloadBytes)} per request; keeps the last ${keepRecords.toLocaleString('en-US')} records; model ${model}\n` +
      (faultText ? `  Faults:     ${faultText}\n` : '') +
      `\nPress Ctrl+C to stop.\n`,
  );
  const signal = await io.stopSignal;
  const s = dt.stats();
  await dt.close();
  io.stdout(
    `\nStopped (${signal}). ${s.requests.total} requests, ${s.records.accepted} records accepted, ${s.records.rejected} rejected.\n`,
  );
  return 0;
}

export const dynatraceLocalCommand: Command = {
  name: 'dynatrace-local',
  summary: 'Run a local Dynatrace-compatible OTLP logs endpoint (for trying and testing)',
  help: HELP,
  async run(args, io) {
    try {
      return await run(args, io);
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`sluice dynatrace-local: ${err.message}\n`);
        return 2;
      }
      io.stderr(`sluice dynatrace-local: internal error: ${(err as Error).message}\n`);
      return 1;
    }
  },
};
