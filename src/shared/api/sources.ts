import { z } from 'zod';

/**
 * Sources feed records into the buffer. Each has settings (what the user
 * edits) and a runtime (what it is doing), and a full-buffer policy.
 */
export const sourceKinds = ['otlp-receiver', 'file', 'sample'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const sourceKindLabels: Record<SourceKind, string> = {
  'otlp-receiver': 'OTLP/HTTP receiver',
  file: 'Log files',
  sample: 'Sample data',
};

export const otlpReceiverSettingsSchema = z.object({
  kind: z.literal('otlp-receiver'),
  host: z.string().trim().min(1).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535).default(4318),
  /** Largest accepted body, compressed or not, in bytes. */
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  /** Require `Authorization: Bearer <token>` (the token lives in the keychain). */
  requireToken: z.boolean().default(false),
});

export const jsonFieldMappingSchema = z.object({
  body: z.array(z.string()).default(['message', 'msg', 'log', 'body']),
  severity: z.array(z.string()).default(['level', 'severity', 'loglevel']),
  timestamp: z.array(z.string()).default(['timestamp', '@timestamp', 'time', 'ts']),
  /** Fields copied to attributes; empty means "every other field". */
  attributes: z.array(z.string()).default([]),
});

export const fileSourceSettingsSchema = z.object({
  kind: z.literal('file'),
  /** Paths or globs, e.g. /var/log/app/*.log */
  paths: z.array(z.string().trim().min(1)).min(1, 'Add at least one file path or glob.'),
  startAt: z.enum(['end', 'beginning']).default('end'),
  format: z.enum(['json', 'text']).default('text'),
  /** A new record starts at a line matching this regular expression (stack traces). */
  multilineStart: z.string().nullable().default(null),
  jsonMapping: jsonFieldMappingSchema.prefault({}),
  maxRecordBytes: z
    .number()
    .int()
    .min(256)
    .max(16 * 1024 * 1024)
    .default(256 * 1024),
  /** Resource attribute service.name for these records. */
  serviceName: z.string().trim().nullable().default(null),
});

export const sampleSourceSettingsSchema = z.object({
  kind: z.literal('sample'),
  recordsPerSecond: z.number().min(0.1).max(100_000).default(5),
});

export const sourceSettingsSchema = z.discriminatedUnion('kind', [
  otlpReceiverSettingsSchema,
  fileSourceSettingsSchema,
  sampleSourceSettingsSchema,
]);
export type SourceSettings = z.infer<typeof sourceSettingsSchema>;

export const sourceInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the source a name.').max(100),
  settings: sourceSettingsSchema,
  /** What happens when the buffer reaches its cap. */
  fullPolicy: z.enum(['block', 'drop-oldest']).default('block'),
});
export type SourceInput = z.input<typeof sourceInputSchema>;

export interface Source extends z.infer<typeof sourceInputSchema> {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** For a receiver with requireToken: whether its token is set. */
  credentials: Record<string, { set: boolean; hint: string | null }>;
}

export type SourceState = 'running' | 'backpressure' | 'error' | 'stopped';

export interface SourceRuntime {
  id: string;
  state: SourceState;
  /** What is wrong, or what it is waiting for, in words. */
  message: string | null;
  recordsInPerSec: number;
  totals: {
    records: number;
    bytes: number;
    /** Refused to clients (malformed, too large, buffer full). */
    refused: number;
    /** Records with no stream to deliver them to. */
    unrouted: number;
  };
  /** File sources: the files being followed and how far. */
  files?: { path: string; offset: number; size: number }[];
}

export const createSourceInputSchema = z.object({
  source: sourceInputSchema,
  credentials: z.record(z.string(), z.string().min(1).nullable()).default({}),
});
export const updateSourceInputSchema = createSourceInputSchema.extend({ id: z.string().min(1) });
