import {
  authOriginFromToken,
  DEFAULT_PROFILE,
  dynatraceTenants,
  mappingTargetOf,
  mapToDynatrace,
  PROFILE_IDS,
  parseRfc3339,
  type DataModel,
  type DynatraceMapping,
  type DynatraceTenant,
  type Processing,
  type RulesProfileId,
} from '../../../shared/dynatrace';
import {
  decodeExportRequest,
  detectEncoding,
  exportRequestFromJson,
  OtlpDecodeError,
  jsonSourceText,
  parseJsonText,
  type ExportLogsServiceRequest,
} from '../../../shared/otlp';
import { parseCommandArgs, readInputFile, UsageError, type CliIo, type Command } from '../command';

const HELP = `Usage: sluice inspect [FILE|-] [options]

Prints, as JSON, the Dynatrace log records an OTLP logs request produces:
every rule of the Dynatrace OTLP logs ingest API applied, each field
annotated with the rule that produced it. FILE holds an
ExportLogsServiceRequest as OTLP/JSON or binary protobuf (detected from the
content); without FILE, or with -, standard input is read.

Options:
  --model raw|flattened              Dynatrace data model ("structure").
                                     Default: flattened.
  --processing openpipeline|classic  openpipeline keeps JSON value types;
                                     classic lowercases keys and stringifies
                                     values. Default: openpipeline.
  --token TOKEN                      A Dynatrace API token: its public part
                                     (dt0c01.<public>) becomes dt.auth.origin.
                                     The token itself is never printed.
  --auth-origin ID                   Set dt.auth.origin directly.
  --now RFC3339                      Ingest time for the timestamp rules
                                     (log age, future timestamps, defaults).
                                     Default: the current time.
  --outsystems-truncation            Cut content and exception.stacktrace to
                                     4,000 characters, as OutSystems does.
  --profile current-docs|classic|seed
                                     Rule set and limits: Dynatrace's current
                                     documentation (SaaS), classic (Managed
                                     and Log Monitoring Classic: flattened,
                                     classic processing, lower limits), or
                                     the seed specification. Default:
                                     current-docs.
  --tenant saas-openpipeline|saas-classic|managed
                                     As a Dynatrace stream's setting: picks
                                     --profile and --processing together.
  -h, --help                         Show this help.

Output:
  {"records":[{"timestamp","loglevel","content","attributes","notes"}],
   "dropped":[{"index","reason"}]}
  timestamp is UTC with nine fractional digits; attributes hold every other
  field (trace_id, span_id, dt.auth.origin included); notes name the rule
  behind each field (docs/dynatrace-mapping.md lists them). "dropped" lists
  records Dynatrace would discard, by their position in the request.

Exit status: 0 done; 2 bad usage or input that is not a valid OTLP request
(one line on standard error saying what is wrong and where).
`;

const OPTIONS = {
  model: { type: 'string' },
  processing: { type: 'string' },
  token: { type: 'string' },
  'auth-origin': { type: 'string' },
  now: { type: 'string' },
  'outsystems-truncation': { type: 'boolean' },
  profile: { type: 'string' },
  tenant: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Bad input (as opposed to bad usage): printed with the input's name. */
class InputError extends Error {}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be ${allowed.join(' or ')}; got "${value}".`);
}

/** --tenant, or --profile and --processing (the processing defaults to the profile's own). */
function targetFrom(
  tenant: string | undefined,
  profileFlag: string | undefined,
  processingFlag: string | undefined,
): { profile: RulesProfileId; processing: Processing } {
  if (tenant !== undefined) {
    if (profileFlag !== undefined || processingFlag !== undefined) {
      throw new UsageError('--tenant sets the profile and processing; give it alone.');
    }
    return mappingTargetOf(
      oneOf<DynatraceTenant>('tenant', tenant, dynatraceTenants, 'saas-openpipeline'),
    );
  }
  const profile = oneOf<RulesProfileId>('profile', profileFlag, PROFILE_IDS, DEFAULT_PROFILE);
  const processing = oneOf<Processing>(
    'processing',
    processingFlag,
    ['openpipeline', 'classic'],
    profile === 'classic' ? 'classic' : 'openpipeline',
  );
  return { profile, processing };
}

function nowFrom(value: string | undefined): bigint {
  if (value === undefined) return BigInt(Date.now()) * 1_000_000n;
  const ns = parseRfc3339(value);
  if (ns === null)
    throw new UsageError(
      `--now must be an RFC 3339 time such as 2023-11-09T10:00:00Z; got "${value}".`,
    );
  return ns;
}

function authOriginFrom(token: string | undefined, origin: string | undefined): string | null {
  if (token !== undefined && origin !== undefined) {
    throw new UsageError('give either --token or --auth-origin, not both.');
  }
  if (origin !== undefined) return origin;
  if (token === undefined) return null;
  const derived = authOriginFromToken(token);
  // Never echo the token: it is a secret.
  if (!derived) {
    throw new UsageError(
      '--token is not a Dynatrace API token (dt0c01.<public>.<secret>); use --auth-origin to set dt.auth.origin directly.',
    );
  }
  return derived;
}

async function readInput(
  file: string | undefined,
  io: CliIo,
): Promise<{ bytes: Uint8Array; name: string }> {
  const name = file === undefined || file === '-' ? 'stdin' : file;
  return { bytes: new Uint8Array(await readInputFile(file ?? '-', io)), name };
}

const TEXT_HINT = " (the input is text, but OTLP/JSON must be an object starting with '{')";

/** Printable UTF-8 text (no control characters but whitespace): a mistaken file, not protobuf. */
function looksLikeText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const whitespace = c === 0x09 || c === 0x0a || c === 0x0d;
      if ((c < 0x20 && !whitespace) || c === 0x7f) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Decodes either encoding; every problem becomes one InputError line. */
function decodeRequest(bytes: Uint8Array): { request: ExportLogsServiceRequest; json: boolean } {
  if (bytes.length === 0)
    throw new InputError('the input is empty; expected an OTLP ExportLogsServiceRequest');
  const firstChar = bytes.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  // A leading '[' is never protobuf either: report it as the JSON it is.
  const json = detectEncoding(bytes) === 'json' || firstChar === 0x5b;
  try {
    if (json) {
      const text = jsonSourceText(bytes);
      const parsed = parseJsonText(text);
      const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
      // `{}` is an empty request, as protobuf JSON serializers write one; an object with
      // other fields but no resourceLogs is most likely some other file.
      const empty = isObject && Object.keys(parsed).length === 0;
      if (isObject && !empty && !('resourceLogs' in parsed) && !('resource_logs' in parsed)) {
        throw new InputError(
          'OTLP/JSON: not an ExportLogsServiceRequest: the object has no "resourceLogs"',
        );
      }
      return { request: exportRequestFromJson(parsed, text), json };
    }
    const request = decodeExportRequest(bytes);
    if (request.resourceLogs.length === 0) {
      throw new InputError(
        `protobuf: not an ExportLogsServiceRequest: the ${bytes.length} bytes hold no resource_logs (field 1)`,
      );
    }
    return { request, json };
  } catch (err) {
    if (err instanceof OtlpDecodeError) {
      const what = err.message;
      if (!json) throw new InputError(`protobuf: ${what}${looksLikeText(bytes) ? TEXT_HINT : ''}`);
      throw new InputError(what.startsWith('invalid JSON') ? what : `OTLP/JSON: ${what}`);
    }
    throw err;
  }
}

/** The printed shape: the contract, without the library's bookkeeping fields. */
function toOutput(mapping: DynatraceMapping) {
  return {
    records: mapping.records.map((r) => ({
      timestamp: r.timestamp,
      loglevel: r.loglevel,
      content: r.content,
      attributes: r.attributes,
      notes: r.notes,
    })),
    dropped: mapping.dropped.map((d) => ({ index: d.index, reason: d.reason })),
    ...(mapping.notes.length > 0 ? { notes: mapping.notes } : {}),
  };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`expected at most one FILE; got ${positionals.length}.`);
  const target = targetFrom(values.tenant, values.profile, values.processing);
  const options = {
    model: oneOf<DataModel>('model', values.model, ['raw', 'flattened'], 'flattened'),
    ...target,
    authOrigin: authOriginFrom(values.token, values['auth-origin']),
    now: nowFrom(values.now),
    outsystemsTruncation: values['outsystems-truncation'] ?? false,
  };
  const input = await readInput(positionals[0], io);
  let decoded: { request: ExportLogsServiceRequest; json: boolean };
  try {
    decoded = decodeRequest(input.bytes);
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`sluice inspect: ${input.name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // Dynatrace takes protobuf only, so the size limit applies to protobuf bytes: for JSON
  // input the mapping measures the request as it would be encoded.
  const mapping = mapToDynatrace(decoded.request, {
    ...options,
    ...(decoded.json ? {} : { requestBytes: input.bytes.length }),
  });
  io.stdout(`${JSON.stringify(toOutput(mapping), null, 2)}\n`);
  return 0;
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Print the Dynatrace records an OTLP logs request (JSON or protobuf) produces',
  help: HELP,
  async run(args, io) {
    try {
      return await run(args, io);
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`sluice inspect: ${err.message}\n`);
        return 2;
      }
      // Anything else is our bug: one line, no stack trace, exit 1.
      io.stderr(`sluice inspect: internal error: ${(err as Error).message}\n`);
      return 1;
    }
  },
};
