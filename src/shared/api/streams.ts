import { z } from 'zod';
import { defaultMaxBatchBytes, deliveryIssuesFor } from '../destinations/limits-of';
import { SLUICE_MAX_BATCH_BYTES, SLUICE_MAX_BATCH_RECORDS } from '../destinations/request-limits';
import { destinationSchema, type Destination } from '../destinations/schema';
import { processingRulesSchema } from '../processing/schema';

/** OTLP severity numbers: 1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL. */
export const severityFloorNames = [
  'any',
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
] as const;
export type SeverityFloor = (typeof severityFloorNames)[number];

/** The lowest OTLP severity number of each floor (1-4 TRACE ... 21-24 FATAL). */
export const severityFloorNumbers: Record<SeverityFloor, number> = {
  any: 0,
  trace: 1,
  debug: 5,
  info: 9,
  warn: 13,
  error: 17,
  fatal: 21,
};

export const attributeMatchSchema = z.object({
  key: z.string().trim().min(1, 'Name the attribute to match.'),
  op: z.enum(['equals', 'contains', 'matches']).default('equals'),
  value: z.string(),
});
export type AttributeMatch = z.infer<typeof attributeMatchSchema>;

export const streamFilterSchema = z.object({
  minSeverity: z.enum(severityFloorNames).default('any'),
  include: z.array(attributeMatchSchema).default([]),
  exclude: z.array(attributeMatchSchema).default([]),
});
export type StreamFilter = z.infer<typeof streamFilterSchema>;

export const retrySettingsSchema = z.object({
  initialDelayMs: z.number().int().min(10).max(600_000).default(1_000),
  maxDelayMs: z.number().int().min(10).max(3_600_000).default(120_000),
  /** How long one batch is retried before it is dead-lettered; null = the tool's default. */
  windowMs: z.number().int().min(1_000).nullable().default(null),
});

/**
 * How long one batch is retried when the stream does not say
 * (`delivery.retry.windowMs` null). Dynatrace drops records older than its
 * log-age limit on arrival, so retrying longer than a day only produces
 * records it will discard; the other tools get 48 hours, as the seed's
 * streaming service does.
 */
export function defaultRetryWindowMs(tool: string): number {
  return tool === 'dynatrace' ? 24 * 3_600_000 : 48 * 3_600_000;
}

export const deliverySettingsSchema = z.object({
  // The ceilings are Sluice's own; each destination's documented limits are
  // checked against the stream's destination (withRequestLimits below).
  maxBatchRecords: z.number().int().min(1).max(SLUICE_MAX_BATCH_RECORDS).default(10_000),
  /**
   * Bytes of one request before compression. Absent: 2,000,000, or less where
   * the destination takes less (New Relic: 1,000,000); filled in below.
   */
  maxBatchBytes: z
    .number()
    .int()
    .min(1_024)
    .max(SLUICE_MAX_BATCH_BYTES)
    .optional()
    .describe(
      "Bytes of one request before compression. Default 2,000,000, or the destination's limit where lower; at most the destination's request limit (docs/destinations.md).",
    ),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /**
   * Requests a stream may have in flight at once (docs/exporter.md): two keep
   * the connection busy while the next batch is prepared; more rarely help a
   * single destination and multiply what a failing one is sent.
   */
  maxInFlight: z.number().int().min(1).max(8).default(2),
  retry: retrySettingsSchema.prefault({}),
  /** OutSystems-compatible: cut content and exception.stacktrace to 4,000 characters (seed 000). */
  outsystemsTruncation: z.boolean().default(false),
  /**
   * Dynatrace only: a record older than Dynatrace's log-age limit (24 hours)
   * when it would be sent is discarded on arrival. `dead-letter` keeps it in
   * the dead letters with the reason instead of sending it to be lost;
   * `send` sends it anyway (docs/exporter.md, "Log age").
   */
  logAge: z.enum(['dead-letter', 'send']).default('dead-letter'),
});

export const streamNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the stream a name.')
  .max(100, 'Keep the name under 100 characters.');

type DeliveryInput = z.output<typeof deliverySettingsSchema>;
/** Delivery settings as stored and used: the batch size always known. */
export type DeliverySettings = Omit<DeliveryInput, 'maxBatchBytes'> & { maxBatchBytes: number };

/** Fills in the batch size the destination allows when the settings name none. */
export function withDestinationDefaults<
  T extends { destination: Destination; delivery: DeliveryInput },
>(settings: T): Omit<T, 'delivery'> & { delivery: DeliverySettings } {
  const { delivery } = settings;
  return {
    ...settings,
    delivery: {
      ...delivery,
      maxBatchBytes: delivery.maxBatchBytes ?? defaultMaxBatchBytes(settings.destination.tool),
    },
  };
}

/**
 * Refuses batch settings beyond what the destination takes in one request,
 * naming the limit and the page that documents it. Only where settings come
 * in (the API, the configuration file): settings already stored are loaded
 * as they are, and the exporter holds requests to the limits regardless.
 */
export function refineRequestLimits(
  settings: {
    destination: Destination;
    delivery: { maxBatchBytes: number; maxBatchRecords: number };
  },
  ctx: z.RefinementCtx,
): void {
  for (const issue of deliveryIssuesFor(settings.destination, settings.delivery)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  }
}

/** The fields of a stream's settings; streamSettingsSchema adds the destination's defaults. */
export const streamSettingsFields = z.object({
  name: streamNameSchema,
  destination: destinationSchema,
  sourceIds: z.array(z.string().min(1)).default([]),
  /** Added to every record as the resource attribute deployment.environment.name. */
  stage: z.string().trim().max(100).nullable().default(null),
  filter: streamFilterSchema.prefault({}),
  delivery: deliverySettingsSchema.prefault({}),
  /** Ordered rules applied when the stream sends: masking, drop, rename, set, truncate (docs/processing.md). */
  processing: processingRulesSchema.default([]),
});

/** Everything about a stream a user edits, minus secrets. */
export const streamSettingsSchema = streamSettingsFields.transform(withDestinationDefaults);
/** The same, checked against the destination's request limits: for settings coming in. */
export const checkedStreamSettingsSchema = streamSettingsSchema.superRefine(refineRequestLimits);
export type StreamSettings = z.output<typeof streamSettingsSchema>;
export type StreamSettingsInput = z.input<typeof streamSettingsSchema>;

/**
 * Credentials are sent next to the settings, never inside them, so a settings
 * object can be stored, logged and exported as is. A value of null clears it.
 */
export const credentialsInputSchema = z.record(z.string(), z.string().min(1).nullable());

export interface CredentialState {
  set: boolean;
  /** Safe to show: for Dynatrace the public token id (dt0c01.PUBLIC), else a masked tail. */
  hint: string | null;
}

export interface Stream extends StreamSettings {
  id: string;
  /** The user's choice: false is Inactive (paused). */
  active: boolean;
  createdAt: string;
  updatedAt: string;
  credentials: Record<string, CredentialState>;
}

export const streamIdSchema = z.object({ id: z.string().min(1) });

export const createStreamInputSchema = z.object({
  settings: checkedStreamSettingsSchema,
  credentials: credentialsInputSchema.default({}),
  active: z.boolean().default(true),
});

export const updateStreamInputSchema = z.object({
  id: z.string().min(1),
  settings: checkedStreamSettingsSchema,
  credentials: credentialsInputSchema.default({}),
});

export const setStreamActiveInputSchema = z.object({
  id: z.string().min(1),
  active: z.boolean(),
});

export interface DeleteStreamResult {
  id: string;
  /** Records that were buffered only for this stream and went with it. */
  discardedRecords: number;
}

export const duplicateStreamInputSchema = z.object({
  id: z.string().min(1),
  /** Defaults to "<name> (copy)". Credentials are copied in the keychain; the copy starts Inactive. */
  name: streamNameSchema.nullable().default(null),
});
