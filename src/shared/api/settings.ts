import { z } from 'zod';

/** Engine-wide settings, shared by both front doors. */
export const appSettingsSchema = z.object({
  buffer: z
    .object({
      capBytes: z
        .number()
        .int()
        .min(16 * 1024 * 1024, 'The disk cap must be at least 16 MB.')
        .default(1024 * 1024 * 1024),
    })
    .prefault({}),
  /** Days of per-minute metrics and events kept. */
  historyRetentionDays: z.number().int().min(1).max(90).default(7),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** The first start offers the demo stream until the user takes it or dismisses it. */
  demoOffered: z.boolean().default(true),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

export interface DemoResult {
  streamId: string;
  sourceId: string;
  /** Where the local Dynatrace-compatible endpoint listens. */
  endpointUrl: string;
}
