/**
 * Where each tool receives logs, as data and small URL builders. Sources are
 * cited in docs/destinations.md. Builders return null when their input cannot
 * make a URL, so the wizard can show "fill in the environment id" instead of
 * a broken address.
 */

export const dynatraceOtlpLogsPath = '/api/v2/otlp/v1/logs';
export const otlpLogsPath = '/v1/logs';
export const splunkHecEventPath = '/services/collector/event';

/** Strips a scheme, a path and trailing slashes from something pasted as a host. */
function hostPart(input: string): string {
  let s = input.trim();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = s.indexOf('/');
  if (slash >= 0) s = s.slice(0, slash);
  return s;
}

const envIdPattern = /^[a-z0-9][a-z0-9-]{2,}$/;

/**
 * A Dynatrace environment id from what the user typed: the id itself, or any
 * URL of the environment (`https://abc12345.live.dynatrace.com/...`,
 * `abc12345.apps.dynatrace.com`), since people paste what their browser shows.
 */
export function dynatraceEnvironmentId(input: string): string | null {
  const host = hostPart(input).toLowerCase();
  const fromHost =
    /^([a-z0-9-]+)\.(?:live|apps|sprint|dev)\.dynatrace(?:labs)?\.com(?::\d+)?$/.exec(host);
  if (fromHost) return fromHost[1] ?? null;
  // ".../e/<id>/..." in a Managed or ActiveGate URL.
  const fromPath = /\/e\/([a-z0-9-]+)(?:\/|$)/i.exec(input);
  if (fromPath) return (fromPath[1] ?? '').toLowerCase();
  return envIdPattern.test(host) ? host : null;
}

/** `https://{env-id}.live.dynatrace.com/api/v2/otlp/v1/logs` */
export function dynatraceSaasUrl(envIdOrUrl: string): string | null {
  const id = dynatraceEnvironmentId(envIdOrUrl);
  return id ? `https://${id}.live.dynatrace.com${dynatraceOtlpLogsPath}` : null;
}

/** `https://{domain}/e/{env-id}/api/v2/otlp/v1/logs` */
export function dynatraceManagedUrl(domain: string, envId: string): string | null {
  const host = hostPart(domain);
  const id = dynatraceEnvironmentId(envId);
  if (!host || !id) return null;
  return `https://${host}/e/${id}${dynatraceOtlpLogsPath}`;
}

/** `https://{host}:9999/e/{env-id}/api/v2/otlp/v1/logs` (9999 unless the host names a port). */
export function dynatraceActiveGateUrl(host: string, envId: string): string | null {
  const h = hostPart(host);
  const id = dynatraceEnvironmentId(envId);
  if (!h || !id) return null;
  const withPort = /:\d+$/.test(h) && !/^\[[^\]]*\]$/.test(h) ? h : `${h}:9999`;
  return `https://${withPort}/e/${id}${dynatraceOtlpLogsPath}`;
}

export type DynatraceDeployment = 'saas' | 'managed' | 'activegate' | 'unknown';

export interface DynatraceUrlParts {
  deployment: DynatraceDeployment;
  environmentId: string | null;
  host: string;
}

/** What kind of Dynatrace address a URL is, so the wizard can reopen the right form. */
export function describeDynatraceUrl(url: string): DynatraceUrlParts | null {
  if (!URL.canParse(url)) return null;
  const u = new URL(url);
  const saas = /^([a-z0-9-]+)\.(?:live|sprint|dev)\.dynatrace(?:labs)?\.com$/.exec(u.hostname);
  if (saas) return { deployment: 'saas', environmentId: saas[1] ?? null, host: u.host };
  const env = /^\/e\/([^/]+)/.exec(u.pathname);
  if (env) {
    return {
      deployment: u.port === '9999' ? 'activegate' : 'managed',
      environmentId: env[1] ?? null,
      host: u.host,
    };
  }
  return { deployment: 'unknown', environmentId: null, host: u.host };
}

export const newRelicRegions = [
  { value: 'us', label: 'United States', baseUrl: 'https://otlp.nr-data.net' },
  { value: 'eu', label: 'European Union', baseUrl: 'https://otlp.eu01.nr-data.net' },
  { value: 'fedramp', label: 'US FedRAMP', baseUrl: 'https://gov-otlp.nr-data.net' },
] as const;
export type NewRelicRegion = (typeof newRelicRegions)[number]['value'];

export function newRelicLogsUrl(region: NewRelicRegion): string {
  const r = newRelicRegions.find((x) => x.value === region) ?? newRelicRegions[0];
  return `${r.baseUrl}${otlpLogsPath}`;
}

/** Datadog sites (https://docs.datadoghq.com/getting_started/site/). */
export const datadogSites = [
  { value: 'datadoghq.com', label: 'US1 (datadoghq.com)' },
  { value: 'us3.datadoghq.com', label: 'US3 (us3.datadoghq.com)' },
  { value: 'us5.datadoghq.com', label: 'US5 (us5.datadoghq.com)' },
  { value: 'datadoghq.eu', label: 'EU1 (datadoghq.eu)' },
  { value: 'ap1.datadoghq.com', label: 'AP1 (ap1.datadoghq.com)' },
  { value: 'ap2.datadoghq.com', label: 'AP2 (ap2.datadoghq.com)' },
  { value: 'ddog-gov.com', label: 'US1-FED (ddog-gov.com)' },
] as const;

/** Datadog's OTLP logs intake: `https://otlp.{site}/v1/logs`. */
export function datadogLogsUrl(site: string): string | null {
  const s = hostPart(site).toLowerCase();
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(s)) return null;
  return `https://otlp.${s}${otlpLogsPath}`;
}

/**
 * An OTLP/HTTP base URL (what OTEL_EXPORTER_OTLP_ENDPOINT holds, e.g. an
 * Elastic APM Server URL) made into its logs URL; a URL that already ends in
 * /v1/logs is kept as it is.
 */
export function otlpLogsUrl(baseOrLogsUrl: string): string {
  if (!URL.canParse(baseOrLogsUrl)) return baseOrLogsUrl;
  const u = new URL(baseOrLogsUrl);
  const path = u.pathname.replace(/\/+$/, '');
  if (!path.endsWith(otlpLogsPath)) u.pathname = `${path}${otlpLogsPath}`;
  return u.toString();
}

/**
 * A Splunk HEC URL made into its JSON event endpoint: a bare
 * `https://host:8088` or `.../services/collector` gets `/services/collector/event`.
 */
export function splunkHecEventUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  if (path === '') u.pathname = splunkHecEventPath;
  else if (path.endsWith('/services/collector')) u.pathname = `${path}/event`;
  return u.toString();
}

/** The AWS S3 endpoint a bucket is reached at, for the Test stream network steps. */
export function s3EndpointUrl(d: {
  bucket: string;
  region: string;
  endpoint: string | null;
  forcePathStyle: boolean;
}): string {
  if (d.endpoint) return d.endpoint;
  const region = d.region.trim() || 'us-east-1';
  // Virtual-hosted style, which the AWS SDK uses for DNS-compatible names.
  if (!d.forcePathStyle && /^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(d.bucket)) {
    return `https://${d.bucket}.s3.${region}.amazonaws.com`;
  }
  return `https://s3.${region}.amazonaws.com`;
}
