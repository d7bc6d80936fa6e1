import { z } from 'zod';

/**
 * What a stream's destination looks like as data. Secrets are not here: each
 * tool names the credentials it needs (`credentialNames`), and those travel
 * separately to the keychain (see src/shared/api/streams.ts).
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

/** Proxy, custom CA and certificate pinning: the usual ActiveGate and corporate cases. */
export const networkSettingsSchema = z.object({
  proxyUrl: z.string().trim().nullable().default(null),
  caCertificatePem: z.string().nullable().default(null),
  pinnedCertificateSha256: z.string().nullable().default(null),
  allowPlainHttp: z.boolean().default(false),
});
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;
const network = networkSettingsSchema.prefault({});

export const dynatraceDestinationSchema = z.object({
  tool: z.literal('dynatrace'),
  url: httpUrl,
  /** The `structure` query parameter; `tenant-default` leaves it out. */
  model: z.enum(['raw', 'flattened', 'tenant-default']).default('tenant-default'),
  network,
});

export const newRelicDestinationSchema = z.object({
  tool: z.literal('newrelic'),
  region: z.enum(['us', 'eu', 'fedramp']).default('us'),
  url: httpUrl,
  network,
});

export const elasticDestinationSchema = z.object({
  tool: z.literal('elastic'),
  url: httpUrl,
  auth: z.enum(['secret-token', 'api-key']).default('api-key'),
  network,
});

export const datadogDestinationSchema = z.object({
  tool: z.literal('datadog'),
  site: z.string().trim().min(1).default('datadoghq.com'),
  url: httpUrl,
  network,
});

export const splunkDestinationSchema = z.object({
  tool: z.literal('splunk'),
  url: httpUrl,
  index: z.string().trim().nullable().default(null),
  sourcetype: z.string().trim().nullable().default(null),
  network,
});

export const s3DestinationSchema = z.object({
  tool: z.literal('s3'),
  bucket: z.string().trim().min(3, 'Enter the bucket name.'),
  region: z.string().trim().min(1, 'Enter the bucket region, for example us-east-1.'),
  prefix: z.string().trim().default('sluice/'),
  /** For S3-compatible services; null means AWS. */
  endpoint: z.string().trim().nullable().default(null),
  forcePathStyle: z.boolean().default(false),
  network,
});

export const otlpDestinationSchema = z.object({
  tool: z.literal('otlp'),
  url: httpUrl,
  headerName: z.string().trim().default('Authorization'),
  encoding: z.enum(['protobuf', 'json']).default('protobuf'),
  compression: z.enum(['gzip', 'none']).default('gzip'),
  network,
});

export const destinationSchema = z.discriminatedUnion('tool', [
  dynatraceDestinationSchema,
  newRelicDestinationSchema,
  elasticDestinationSchema,
  datadogDestinationSchema,
  splunkDestinationSchema,
  s3DestinationSchema,
  otlpDestinationSchema,
]);
export type Destination = z.infer<typeof destinationSchema>;
export type DestinationInput = z.input<typeof destinationSchema>;

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
