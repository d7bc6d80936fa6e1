import { z } from 'zod';
import { dynatraceTenants } from '../dynatrace/tenant';
import { normalizeSha256Fingerprint } from './fingerprint';
import { destinationErrors } from './validate';

/**
 * What a stream's destination looks like as data. Secrets are not here: each
 * tool names the credentials it needs (`credentialNames`), and those travel
 * separately to the keychain (see src/shared/api/streams.ts).
 *
 * The schema refuses what cannot work (an unparsable URL, plain http:// to
 * another machine without the user's confirmation, a malformed pin); what
 * merely looks wrong is a warning from `validateDestination` (./validate),
 * which the wizard shows but which never blocks a save.
 */
export const destinationTools = [
  'dynatrace',
  'newrelic',
  'elastic',
  'datadog',
  'splunk',
  's3',
  'otlp',
] as const;
export type DestinationTool = (typeof destinationTools)[number];

/** An endpoint URL; one message for the first thing wrong with it. */
export const httpUrl = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v === '') return void ctx.addIssue({ code: 'custom', message: 'Enter the endpoint URL.' });
    if (!URL.canParse(v)) {
      return void ctx.addIssue({
        code: 'custom',
        message: 'Enter a full URL, starting with https://',
      });
    }
    const { protocol } = new URL(v);
    if (protocol !== 'https:' && protocol !== 'http:') {
      ctx.addIssue({
        code: 'custom',
        message: 'The URL must start with https:// (or http:// for a local test endpoint).',
      });
    }
  });

/** Free text where empty means "not set". */
const optionalText = z
  .string()
  .trim()
  .nullable()
  .default(null)
  .transform((v) => (v === '' ? null : v));

/** Proxy, custom CA and certificate pinning: the usual ActiveGate and corporate cases. */
export const networkSettingsSchema = z.object({
  /** This stream's proxy (http:// or https://). Null: see useEnvironmentProxy. */
  proxyUrl: optionalText,
  /** With no proxyUrl: honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY (true) or connect directly (false). */
  useEnvironmentProxy: z.boolean().default(true),
  /** PEM certificates trusted for this stream in addition to the system's (e.g. the ActiveGate's CA). */
  caCertificatePem: z
    .string()
    .nullable()
    .default(null)
    .transform((v) => (v === null || v.trim() === '' ? null : v)),
  /**
   * "Trust this certificate": the SHA-256 fingerprint of a server certificate
   * accepted even though no CA vouches for it (self-signed). Stored normalised
   * (AB:CD:...), so an unusable value stays as typed and is reported.
   */
  pinnedCertificateSha256: optionalText.transform((v) =>
    v === null ? null : (normalizeSha256Fingerprint(v) ?? v),
  ),
  /** The user confirmed sending unencrypted to a host other than this machine. */
  allowPlainHttp: z.boolean().default(false),
});
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;
const network = networkSettingsSchema.prefault({});

export const dynatraceDestinationSchema = z.object({
  tool: z.literal('dynatrace'),
  /** The full OTLP logs URL (SaaS, Managed or ActiveGate); see endpoints.ts for builders. */
  url: httpUrl,
  /** The `structure` query parameter; `tenant-default` leaves it out. */
  model: z.enum(['raw', 'flattened', 'tenant-default']).default('tenant-default'),
  /**
   * Which Dynatrace receives the logs, which decides the rules and limits the
   * record inspector and the stream's checks apply (src/shared/dynatrace/tenant.ts).
   */
  tenant: z.enum(dynatraceTenants).default('saas-openpipeline'),
  network,
});

export const newRelicDestinationSchema = z.object({
  tool: z.literal('newrelic'),
  region: z.enum(['us', 'eu', 'fedramp']).default('us'),
  /** Overrides the region's OTLP endpoint (e.g. a collector in between); null uses the region's. */
  url: httpUrl.nullable().default(null),
  network,
});

export const elasticDestinationSchema = z.object({
  tool: z.literal('elastic'),
  /** The APM Server or managed OTLP endpoint; /v1/logs is added unless present. */
  url: httpUrl,
  /** secret-token: `Authorization: Bearer`; api-key: `Authorization: ApiKey`. */
  auth: z.enum(['secret-token', 'api-key']).default('api-key'),
  network,
});

export const datadogDestinationSchema = z.object({
  tool: z.literal('datadog'),
  site: z.string().trim().min(1, 'Choose your Datadog site.').default('datadoghq.com'),
  /** Overrides the site's OTLP logs intake; null uses `https://otlp.{site}/v1/logs`. */
  url: httpUrl.nullable().default(null),
  network,
});

export const splunkDestinationSchema = z.object({
  tool: z.literal('splunk'),
  /** The HEC address; a bare host:port gets /services/collector/event. */
  url: httpUrl,
  index: optionalText,
  sourcetype: optionalText,
  /** Null: the record's service.name, else "sluice". */
  source: optionalText,
  network,
});

export const s3DestinationSchema = z.object({
  tool: z.literal('s3'),
  bucket: z.string().trim().min(3, 'Enter the bucket name.'),
  region: z.string().trim().min(1, 'Enter the bucket region, for example us-east-1.'),
  /** Object keys start with this; a trailing slash is added when missing. */
  prefix: z.string().trim().default('sluice/'),
  /** For S3-compatible services; null means AWS. */
  endpoint: httpUrl.nullable().default(null),
  forcePathStyle: z.boolean().default(false),
  network,
});

export const otlpDestinationSchema = z.object({
  tool: z.literal('otlp'),
  /** Used exactly as given (OTLP's per-signal endpoint convention). */
  url: httpUrl,
  /** Empty: no API key header is sent (e.g. a local collector). */
  headerName: z.string().trim().default('Authorization'),
  encoding: z.enum(['protobuf', 'json']).default('protobuf'),
  compression: z.enum(['gzip', 'none']).default('gzip'),
  network,
});

export const destinationSchema = z
  .discriminatedUnion('tool', [
    dynatraceDestinationSchema,
    newRelicDestinationSchema,
    elasticDestinationSchema,
    datadogDestinationSchema,
    splunkDestinationSchema,
    s3DestinationSchema,
    otlpDestinationSchema,
  ])
  .superRefine((d, ctx) => {
    for (const issue of destinationErrors(d)) {
      ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
    }
  });
export type Destination = z.infer<typeof destinationSchema>;
export type DestinationInput = z.input<typeof destinationSchema>;
export type ToolDestination<T extends DestinationTool> = Extract<Destination, { tool: T }>;

/** The credentials each tool needs; values live only in the OS keychain. */
export const credentialNames: Record<DestinationTool, readonly string[]> = {
  dynatrace: ['token'],
  newrelic: ['token'],
  elastic: ['token'],
  datadog: ['token'],
  splunk: ['token'],
  s3: ['accessKeyId', 'secretAccessKey'],
  otlp: ['token'],
};

export const toolLabels: Record<DestinationTool, string> = {
  dynatrace: 'Dynatrace',
  newrelic: 'New Relic',
  elastic: 'Elastic Cloud',
  datadog: 'Datadog',
  splunk: 'Splunk',
  s3: 'Amazon S3',
  otlp: 'Other (OTLP/HTTP)',
};
