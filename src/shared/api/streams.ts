import { z } from 'zod';
import { destinationSchema } from '../destinations/schema';
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

export const deliverySettingsSchema = z.object({
  // Dynatrace accepts at most 50,000 records per request and we stay well under
  // its payload limit before compression (docs/dynatrace-mapping.md, limits).
  maxBatchRecords: z.number().int().min(1).max(50_000).default(10_000),
  maxBatchBytes: z.number().int().min(1_024).max(10_000_000).default(2_000_000),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  retry: retrySettingsSchema.prefault({}),
  /** OutSystems-compatible: cut content and exception.stacktrace to 4,000 characters (seed 000). */
  outsystemsTruncation: z.boolean().default(false),
});

export const streamNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the stream a name.')
  .max(100, 'Keep the name under 100 characters.');

/** Everything about a stream a user edits, minus secrets. */
export const streamSettingsSchema = z.object({
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
export type StreamSettings = z.infer<typeof streamSettingsSchema>;
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
  settings: streamSettingsSchema,
  credentials: credentialsInputSchema.default({}),
  active: z.boolean().default(true),
});

export const updateStreamInputSchema = z.object({
  id: z.string().min(1),
  settings: streamSettingsSchema,
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
