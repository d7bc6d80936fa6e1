import { z } from 'zod';
import { sourceInputSchema } from '../api/sources';
import {
  refineRequestLimits,
  streamNameSchema,
  streamSettingsFields,
  withDestinationDefaults,
} from '../api/streams';
import { destinationSchema } from '../destinations/schema';

/**
 * The configuration file (docs/config.md): sources and streams as data, for
 * version control and for setting up several workstations alike. It reuses
 * the contract's schemas field for field, so a file is checked exactly as the
 * wizard checks what is typed. Secrets are never in it: a credential is a
 * reference, and sources are named, never referred to by their ids.
 */
export const configVersion = 1;

const envVariableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

const credentialRefMessage =
  'Refer to the secret, never write it here: {"keychain": true} (stored in this machine\'s keychain) ' +
  'or {"env": "NAME"} (read from the environment variable NAME, e.g. DT_API_TOKEN, when Sluice starts).';

/** Where a secret comes from. The value itself is never part of a configuration. */
export const credentialRefSchema = z.union(
  [
    z.strictObject({ keychain: z.literal(true) }),
    z.strictObject({ env: z.string().regex(envVariableName) }),
  ],
  { error: credentialRefMessage },
);
export type CredentialRef = z.infer<typeof credentialRefSchema>;

/** By credential name (`token`; for S3 `accessKeyId`, `secretAccessKey`). */
export const credentialRefsSchema = z.record(z.string(), credentialRefSchema).default({});
export type CredentialRefs = z.infer<typeof credentialRefsSchema>;

export const configSourceSchema = sourceInputSchema.extend({
  /** A receiver's bearer token (`token`), by reference. */
  credentials: credentialRefsSchema,
});
export type ConfigSource = z.infer<typeof configSourceSchema>;

const settings = streamSettingsFields.shape;

export const configStreamFields = z.object({
  name: streamNameSchema,
  /** false: Inactive (paused). */
  active: z.boolean().default(true),
  destination: destinationSchema,
  credentials: credentialRefsSchema,
  /** Source names: in this file, or already configured in the data folder. */
  sources: z.array(z.string().trim().min(1, 'Name a source.')).default([]),
  stage: settings.stage,
  filter: settings.filter,
  delivery: settings.delivery,
  processing: settings.processing,
});
/** A stream of the file: the destination's defaults filled in, its request limits checked. */
export const configStreamSchema = configStreamFields
  .transform(withDestinationDefaults)
  .superRefine(refineRequestLimits);
export type ConfigStream = z.output<typeof configStreamSchema>;
export type ConfigStreamInput = z.input<typeof configStreamSchema>;

export const configDocumentSchema = z.object({
  /** For editors: where the JSON Schema is (ignored by Sluice). */
  $schema: z.string().optional(),
  version: z.literal(configVersion),
  sources: z.array(configSourceSchema).default([]),
  streams: z.array(configStreamSchema).default([]),
});
export type ConfigDocument = z.infer<typeof configDocumentSchema>;
export type ConfigDocumentInput = z.input<typeof configDocumentSchema>;
