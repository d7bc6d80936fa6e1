import { z } from 'zod';
import type { AnyValue, ExportLogsServiceRequest } from '../../../shared/otlp';
import { MAX_LATENCY_MS } from './limits';

function anyValueText(v: AnyValue): string {
  return v.kind === 'string' || v.kind === 'int' || v.kind === 'double' || v.kind === 'bool'
    ? String(v.value)
    : '';
}

/**
 * Fault injection, for tests and demos of what the exporter does when
 * Dynatrace (or an ActiveGate or proxy in front of it) misbehaves. Faults act
 * in front of everything else: they apply to every POST on an ingest path
 * before the token or the body is looked at, as a failing proxy would.
 *
 * When several are pending, one request takes one fault, in this order:
 * reset, then hang, then fail. Latency is not consumed: it delays every
 * answer (failures included) until it is set back to 0.
 */

const MAX_COUNT = 1_000_000;
const count = z.number().int().min(0).max(MAX_COUNT);

/** delta-seconds or an HTTP-date, as RFC 9110 allows; never a header-breaking string. */
const retryAfter = z
  .union([z.string().trim(), z.number().int().min(0)])
  .transform((v) => String(v))
  .refine((v) => /^\d+$/.test(v) || (!/[\r\n]/.test(v) && !Number.isNaN(Date.parse(v))), {
    message: 'Retry-After must be a number of seconds or an HTTP date',
  });

export const failNextSchema = z
  .object({
    count,
    status: z.number().int().min(400).max(599).default(503),
    retryAfter: retryAfter.nullable().default(null),
    /** The response body; default: an ErrorEnvelope naming the fault. */
    body: z
      .string()
      .max(64 * 1024)
      .nullable()
      .default(null),
  })
  .strict();

/**
 * Every request holding a record whose attribute `attribute` has the text
 * `value` is refused with 400, until cleared: a record the destination
 * cannot read, as opposed to a request that fails as a whole.
 */
export const poisonSchema = z
  .object({
    attribute: z.string().min(1).max(256),
    value: z.string().max(4096),
  })
  .strict();

export const faultSettingsSchema = z
  .object({
    /** null clears a pending failNext. */
    failNext: failNextSchema.nullable().optional(),
    /** null clears it. */
    poison: poisonSchema.nullable().optional(),
    latencyMs: z.number().int().min(0).max(MAX_LATENCY_MS).optional(),
    hangNext: count.optional(),
    resetNext: count.optional(),
  })
  .strict();

export type FaultSettings = z.input<typeof faultSettingsSchema>;
export type FailNextInput = Omit<z.input<typeof failNextSchema>, 'count'>;

export interface FaultState {
  failNext: {
    remaining: number;
    status: number;
    retryAfter: string | null;
    body: string | null;
  } | null;
  latencyMs: number;
  hangNext: number;
  resetNext: number;
  poison: { attribute: string; value: string } | null;
}

export type PlannedFault =
  | { kind: 'reset' }
  | { kind: 'hang' }
  | {
      kind: 'fail';
      status: number;
      retryAfter: string | null;
      body: string | null;
      latencyMs: number;
    }
  | { kind: 'none'; latencyMs: number };

/** Settings that do not validate; the message is one line naming the field. */
export class FaultSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSettingsError';
  }
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    return path ? `${path}: ${i.message}` : i.message;
  });
  throw new FaultSettingsError(issues.join('; '));
}

export class FaultController {
  private fail: FaultState['failNext'] = null;
  private latency = 0;
  private hang = 0;
  private reset = 0;
  private poisonRule: FaultState['poison'] = null;

  /**
   * Applies the given settings (the JSON body of POST /_faults); fields left
   * out keep their current value. Throws FaultSettingsError for bad input,
   * changing nothing.
   */
  set(settings: FaultSettings | unknown): FaultState {
    const s = parse(faultSettingsSchema, settings);
    if (s.failNext !== undefined) {
      this.fail =
        s.failNext === null || s.failNext.count === 0
          ? null
          : {
              remaining: s.failNext.count,
              status: s.failNext.status,
              retryAfter: s.failNext.retryAfter,
              body: s.failNext.body,
            };
    }
    if (s.latencyMs !== undefined) this.latency = s.latencyMs;
    if (s.hangNext !== undefined) this.hang = s.hangNext;
    if (s.resetNext !== undefined) this.reset = s.resetNext;
    if (s.poison !== undefined) this.poisonRule = s.poison;
    return this.state();
  }

  /** Requests holding a record with this attribute value get 400 until cleared (null). */
  poison(rule: { attribute: string; value: string } | null): FaultState {
    return this.set({ poison: rule });
  }

  /** The poisoned record's place in a request, if it holds one. */
  poisonedRecord(request: ExportLogsServiceRequest): string | null {
    const rule = this.poisonRule;
    if (!rule) return null;
    let index = 0;
    for (const [i, rl] of request.resourceLogs.entries()) {
      for (const [j, sl] of rl.scopeLogs.entries()) {
        for (const [k, record] of sl.logRecords.entries()) {
          const attr = record.attributes.find((a) => a.key === rule.attribute);
          if (attr && anyValueText(attr.value) === rule.value)
            return `resourceLogs[${i}].scopeLogs[${j}].logRecords[${k}] (record ${index + 1} of the request)`;
          index++;
        }
      }
    }
    return null;
  }

  /** The next `count` requests are answered with `status` (default 503). */
  failNext(count: number, options: FailNextInput = {}): FaultState {
    return this.set({ failNext: { count, ...options } });
  }

  /** Every answer waits this long first (0: none). */
  setLatency(ms: number): FaultState {
    return this.set({ latencyMs: ms });
  }

  /** The next `count` requests are never answered (until the endpoint closes). */
  hangNext(count: number): FaultState {
    return this.set({ hangNext: count });
  }

  /** The next `count` requests get their connection reset instead of an answer. */
  resetNext(count: number): FaultState {
    return this.set({ resetNext: count });
  }

  clear(): FaultState {
    this.fail = null;
    this.latency = 0;
    this.hang = 0;
    this.reset = 0;
    this.poisonRule = null;
    return this.state();
  }

  state(): FaultState {
    return {
      failNext: this.fail ? { ...this.fail } : null,
      latencyMs: this.latency,
      hangNext: this.hang,
      resetNext: this.reset,
      poison: this.poisonRule ? { ...this.poisonRule } : null,
    };
  }

  /** The fault for one incoming request; consumes it. */
  take(): PlannedFault {
    if (this.reset > 0) {
      this.reset--;
      return { kind: 'reset' };
    }
    if (this.hang > 0) {
      this.hang--;
      return { kind: 'hang' };
    }
    if (this.fail) {
      const { status, retryAfter, body } = this.fail;
      if (--this.fail.remaining <= 0) this.fail = null;
      return { kind: 'fail', status, retryAfter, body, latencyMs: this.latency };
    }
    return { kind: 'none', latencyMs: this.latency };
  }
}
