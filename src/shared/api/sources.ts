import { z } from 'zod';
import { isLoopbackHost } from '../destinations/loopback';
import type { DurationHistogram } from './engine';

/**
 * Sources feed records into the buffer. Each has settings (what the user
 * edits) and a runtime (what it is doing), and a full-buffer policy.
 * docs/sources.md explains every option with an example.
 */
export const sourceKinds = ['otlp-receiver', 'otlp-grpc-receiver', 'file', 'sample'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const sourceKindLabels: Record<SourceKind, string> = {
  'otlp-receiver': 'OTLP/HTTP receiver',
  'otlp-grpc-receiver': 'OTLP/gRPC receiver',
  file: 'Log files',
  sample: 'Sample data',
};

/** Secrets a source kind keeps in the OS keychain (sent beside the settings, never inside). */
export const sourceCredentialNames: Record<SourceKind, readonly string[]> = {
  'otlp-receiver': ['token'],
  'otlp-grpc-receiver': ['token'],
  file: [],
  sample: [],
};

/** The receivers: they listen on host:port, and two of them cannot share one. */
export const receiverKinds = ['otlp-receiver', 'otlp-grpc-receiver'] as const;
export type ReceiverKind = (typeof receiverKinds)[number];

export function isReceiverKind(kind: SourceKind): kind is ReceiverKind {
  return (receiverKinds as readonly string[]).includes(kind);
}

/** The port each protocol's clients use unless told otherwise. */
export const defaultReceiverPorts: Record<ReceiverKind, number> = {
  'otlp-receiver': 4318,
  'otlp-grpc-receiver': 4317,
};

// Both receivers take the same settings, so a configuration file, the
// wizard and the checks treat them alike; only the protocol and port differ.
const receiverFields = {
  host: z
    .string()
    .trim()
    .min(1, 'Enter the address to listen on, e.g. 127.0.0.1.')
    .default('127.0.0.1'),
  /** Largest accepted request (HTTP: the body; gRPC: the message), compressed and after decompression, in bytes. */
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  /** Require `Authorization: Bearer <token>` (the token lives in the keychain). */
  requireToken: z.boolean().default(false),
};

/** A receiver's settings schema; only the kind and the default port differ. */
function receiverSettingsSchema<K extends ReceiverKind>(kind: K) {
  return z.object({
    kind: z.literal(kind),
    host: receiverFields.host,
    /** 0 lets the system pick a free port (the runtime's `endpoint` says which). */
    port: z.number().int().min(0).max(65535).default(defaultReceiverPorts[kind]),
    maxBodyBytes: receiverFields.maxBodyBytes,
    requireToken: receiverFields.requireToken,
  });
}

export const otlpReceiverSettingsSchema = receiverSettingsSchema('otlp-receiver');
export type OtlpReceiverSettings = z.infer<typeof otlpReceiverSettingsSchema>;

/** OTLP/gRPC: `opentelemetry.proto.collector.logs.v1.LogsService/Export`, gzip accepted. */
export const otlpGrpcReceiverSettingsSchema = receiverSettingsSchema('otlp-grpc-receiver');
export type OtlpGrpcReceiverSettings = z.infer<typeof otlpGrpcReceiverSettingsSchema>;

export type ReceiverSettings = OtlpReceiverSettings | OtlpGrpcReceiverSettings;

/**
 * What the wizard shows before a receiver is saved, and the runtime shows
 * while it runs: listening beyond loopback lets other machines send records.
 */
export function receiverExposureWarning(
  settings: Pick<ReceiverSettings, 'host' | 'requireToken'> & { kind?: ReceiverKind },
): string | null {
  if (isLoopbackHost(settings.host)) return null;
  const plain = settings.kind === 'otlp-grpc-receiver' ? 'gRPC without TLS' : 'plain HTTP';
  const where = `Listening on ${settings.host} lets other machines reach this receiver over ${plain}.`;
  return settings.requireToken
    ? `${where} The bearer token travels unencrypted: use it only on a network you trust.`
    : `${where} Anyone who can reach it can add records: turn on "Require a token".`;
}

export const jsonFieldMappingSchema = z.object({
  body: z.array(z.string()).default(['message', 'msg', 'log', 'body']),
  severity: z.array(z.string()).default(['level', 'severity', 'loglevel']),
  timestamp: z.array(z.string()).default(['timestamp', '@timestamp', 'time', 'ts']),
  traceId: z.array(z.string()).default(['trace_id', 'traceId', 'trace.id']),
  spanId: z.array(z.string()).default(['span_id', 'spanId', 'span.id']),
  /** Fields copied to attributes; empty means "every other field". */
  attributes: z.array(z.string()).default([]),
});
export type JsonFieldMapping = z.infer<typeof jsonFieldMappingSchema>;

// Absolute paths only: a relative path would depend on the engine's working
// folder, which the user never sees. `~/` is the user's home folder.
const absolutePath = /^(\/|~(\/|$)|[A-Za-z]:[\\/]|\\\\)/;

export const fileSourceSettingsSchema = z.object({
  kind: z.literal('file'),
  /** Absolute paths or globs, e.g. /var/log/app/*.log */
  paths: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .regex(absolutePath, 'Use an absolute path, e.g. /var/log/app/*.log or ~/logs/app.log.'),
    )
    .min(1, 'Add at least one file path or glob.'),
  /** Where to start in files found when the source is created; files that appear later are read whole. */
  startAt: z.enum(['end', 'beginning']).default('end'),
  format: z.enum(['json', 'text']).default('text'),
  /** A new record starts at a line matching this regular expression (stack traces). */
  multilineStart: z
    .string()
    .nullable()
    .default(null)
    .refine((p) => p === null || isValidRegExp(p), 'This is not a valid regular expression.'),
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
export type FileSourceSettings = z.infer<typeof fileSourceSettingsSchema>;

function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const sampleSourceSettingsSchema = z.object({
  kind: z.literal('sample'),
  recordsPerSecond: z.number().min(0.1).max(100_000).default(5),
});
export type SampleSourceSettings = z.infer<typeof sampleSourceSettingsSchema>;

export const sourceSettingsSchema = z.discriminatedUnion('kind', [
  otlpReceiverSettingsSchema,
  otlpGrpcReceiverSettingsSchema,
  fileSourceSettingsSchema,
  sampleSourceSettingsSchema,
]);
export type SourceSettings = z.infer<typeof sourceSettingsSchema>;

export function isReceiverSettings(settings: SourceSettings): settings is ReceiverSettings {
  return isReceiverKind(settings.kind);
}

export const sourceInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the source a name.').max(100),
  settings: sourceSettingsSchema,
  /** What happens when the buffer reaches its cap. */
  fullPolicy: z.enum(['block', 'drop-oldest']).default('block'),
});
export type SourceInput = z.input<typeof sourceInputSchema>;
export type SourceConfig = z.infer<typeof sourceInputSchema>;

export interface Source extends SourceConfig {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** For a receiver: whether its token is set (never the token). */
  credentials: Record<string, { set: boolean; hint: string | null }>;
}

/**
 * running: reading or listening, and at least one stream reads it.
 * idle: working, but no stream reads it (a receiver refuses records with a
 * partial success; files and sample data wait without reading).
 * backpressure: the buffer is full under the `block` policy; clients are
 * asked to retry, files wait at their checkpoint.
 * error: cannot work (port in use, token missing); `message` says why.
 * stopped: not started (the engine is closing).
 */
export type SourceState = 'running' | 'idle' | 'backpressure' | 'error' | 'stopped';

export const sourceStateLabels: Record<SourceState, string> = {
  running: 'Running',
  idle: 'Idle',
  backpressure: 'Buffer full',
  error: 'Error',
  stopped: 'Stopped',
};

/** Counters since the engine started. */
export interface SourceTotals {
  /** Records committed to the buffer. */
  records: number;
  /** Their encoded size. */
  bytes: number;
  /** Records refused to a client that was told to retry (buffer full, or the disk failing). */
  refused: number;
  /** Requests answered with an error (malformed, too large, unauthorized, buffer full). */
  refusedRequests: number;
  /** Records with no stream to deliver them to: not stored (the client was told). */
  unrouted: number;
  /** Records that did not fit in a full buffer under drop-oldest. */
  dropped: number;
  /** Records cut to the source's record size limit (they carry `sluice.record.truncated_bytes`). */
  truncated: number;
}

export interface SourceFileRuntime {
  path: string;
  /** Bytes read and committed. */
  offset: number;
  size: number;
  /** Why this file cannot be read right now, if so. */
  problem: string | null;
}

export interface SourceRuntime {
  id: string;
  kind: SourceKind;
  state: SourceState;
  /** What is wrong, or what it is waiting for, in words. */
  message: string | null;
  /** A standing caution (a receiver listening beyond loopback). */
  warning: string | null;
  /** Receivers: where clients send, e.g. http://127.0.0.1:4318/v1/logs or grpc://127.0.0.1:4317 (null until listening). */
  endpoint: string | null;
  recordsInPerSec: number;
  totals: SourceTotals;
  /** File sources: the files being followed and how far. */
  files?: SourceFileRuntime[];
  /** Receivers: how long each request took to answer, since the engine started. */
  requestDurations: DurationHistogram;
}

export const createSourceInputSchema = z.object({
  source: sourceInputSchema,
  /** Credential values by name; null clears one. */
  credentials: z.record(z.string(), z.string().min(1).nullable()).default({}),
});
export const updateSourceInputSchema = createSourceInputSchema.extend({ id: z.string().min(1) });
