import { z } from 'zod';
import { credentialsInputSchema, streamSettingsSchema } from './streams';

/**
 * "Test stream": resolve, connect, TLS, send one clearly marked test record,
 * each step reported with its duration; on failure, the step that failed and
 * what to check.
 */
export const testStepNames = ['resolve', 'connect', 'tls', 'send'] as const;
export type TestStepName = (typeof testStepNames)[number];

export interface TestStep {
  name: TestStepName;
  ok: boolean;
  /** null when the step did not run. */
  durationMs: number | null;
  detail: string;
}

/** What the stream's processing rules did to the test record (docs/processing.md). */
export interface TestProcessingReport {
  /** How many rules the stream has (its OutSystems truncation included). */
  ruleCount: number;
  /** The rules that changed the test record, each with what it changed, in words. */
  touched: { key: string; label: string; changes: string[] }[];
}

export interface TestStreamResult {
  outcome: 'success' | 'failure';
  steps: TestStep[];
  /** One sentence: what happened. */
  summary: string;
  /** What to check, for a failure. */
  advice: string | null;
  httpStatus: number | null;
  responseBody: string | null;
  /** How to find the test record in the destination (e.g. a DQL query). */
  findRecordHint: string | null;
  /** null when the stream has no processing rules. */
  processing?: TestProcessingReport | null;
  /** The query in that hint alone, for copying; null where there is none. */
  findRecordQuery: string | null;
}

export const testStreamInputSchema = z.union([
  /** A saved stream, with its stored credentials. */
  z.object({ id: z.string().min(1) }),
  /** Unsaved settings from the wizard; credentials typed so far (or, when editing, the stored ones). */
  z.object({
    settings: streamSettingsSchema,
    credentials: credentialsInputSchema.default({}),
    existingId: z.string().min(1).nullable().default(null),
    /**
     * Credentials to read from the engine's environment (the wizard's
     * "Environment variable" choice): credential name to variable name. The
     * value never comes to the window.
     */
    credentialEnv: z
      .record(
        z.string(),
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Letters, digits and _ only.'),
      )
      .default({}),
  }),
]);
