import { z } from 'zod';
import type { Change, RuleRef } from '../processing/changes';
import { processingRulesSchema } from '../processing/schema';

/**
 * `processing.preview`: a stream's rules applied to some records, each
 * before and after with what every rule changed. It runs in the engine
 * because the keyed hash's key never leaves it (docs/processing.md).
 */
export const previewRecordsSchema = z.discriminatedUnion('from', [
  /** Records from the sample-data generator, with a few carrying typical secrets. */
  z.object({
    from: z.literal('sample'),
    count: z.number().int().min(1).max(100).default(12),
  }),
  /** The newest buffered records of these sources. */
  z.object({
    from: z.literal('sources'),
    sourceIds: z.array(z.string().min(1)).min(1, 'Choose at least one source.'),
    count: z.number().int().min(1).max(100).default(12),
  }),
  /** An OTLP/JSON ExportLogsServiceRequest (a pasted record, a live sample); at most 200 records are taken. */
  z.object({ from: z.literal('request'), request: z.unknown() }),
]);
export type PreviewRecordsInput = z.input<typeof previewRecordsSchema>;

export const processingPreviewInputSchema = z.object({
  /** Whose keyed-hash key to use, and whose saved rules when `rules` is null; null: a temporary key. */
  streamId: z.string().min(1).nullable().default(null),
  /** The rules to try (the wizard's, unsaved); null: the stream's own (with its OutSystems truncation). */
  rules: processingRulesSchema.nullable().default(null),
  records: previewRecordsSchema,
});

export interface PreviewedRecord {
  /** OTLP/JSON requests holding only this record, with its resource and scope. */
  before: unknown;
  /** null when a rule could not be applied (see `error`). */
  after: unknown | null;
  /** What each rule changed in the resource, the scope and the record, in rule order. */
  changes: Change[];
  /** Why the record would go to the dead letters instead of being sent. */
  error: string | null;
}

export interface ProcessingPreview {
  rules: RuleRef[];
  records: PreviewedRecord[];
  /** Records each rule changed, by rule key. */
  counts: Record<string, number>;
  /**
   * Which key hashed: the stream's own (what it sends), a temporary one (a
   * stream not saved yet: the hashes will differ once it is), or none (no
   * rule hashes).
   */
  hashKey: 'stream' | 'temporary' | 'none';
  /** Something to say about the records, e.g. that the sources have none buffered. */
  note: string | null;
}
