import { z } from 'zod';
import type { ConfigChange, ConfigIssue } from '../config';
import { collectorDistributions, collectorFormats } from '../otelcol/types';

export type { ConfigChange, ConfigIssue, ConfigDocument } from '../config';
export type { CollectorExport } from '../otelcol/types';

/**
 * Applying a configuration file (`sluice streams import`, `sluice run
 * --config`): the engine validates the whole document itself, so every
 * problem is reported by its path in the file, and applies it all or nothing.
 */
export const applyConfigInputSchema = z.object({
  /** The document as read from the file. */
  document: z.unknown(),
  /** Report what would change; change nothing. */
  dryRun: z.boolean().default(false),
  /** At start (`run --config`): an {"env": ...} variable that is not set is an error, not a warning. */
  requireEnv: z.boolean().default(false),
  /** Secrets supplied once beside the file (`--token-stdin`): stored in the keychain. */
  secrets: z
    .array(
      z.object({
        stream: z.string().trim().min(1),
        credential: z.string().min(1).default('token'),
        value: z.string().min(1),
      }),
    )
    .max(100)
    .default([]),
});
export type ApplyConfigInput = z.input<typeof applyConfigInputSchema>;

export interface ConfigApplyResult {
  /** No errors: the file can be applied (and was, unless a dry run or nothing changed). */
  valid: boolean;
  /** Something was changed. */
  applied: boolean;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  changes: ConfigChange[];
}

/**
 * Streams as an OpenTelemetry Collector configuration (docs/outgrowing.md):
 * the text to preview, copy or save, its variables and what differs.
 */
export const exportCollectorInputSchema = z.object({
  distribution: z.enum(collectorDistributions).default('dynatrace'),
  format: z.enum(collectorFormats).default('otelcol'),
  /** Stream names (any case); empty: every stream. */
  streams: z.array(z.string().trim().min(1)).max(1000).default([]),
});
export type ExportCollectorInput = z.input<typeof exportCollectorInputSchema>;
