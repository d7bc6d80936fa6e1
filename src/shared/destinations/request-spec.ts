import type { Destination, ToolDestination } from './schema';
import {
  datadogLogsUrl,
  newRelicLogsUrl,
  otlpLogsUrl,
  s3EndpointUrl,
  splunkHecEventUrl,
} from './endpoints';
import { stripPastedScheme } from './validate/credentials';

/**
 * What a request to each tool looks like: URL and headers, as pure data. The
 * senders in src/main/destinations put bytes on the wire from this; the
 * wizard uses the same functions to show where data will go.
 */

export type OtlpTool = 'dynatrace' | 'newrelic' | 'elastic' | 'datadog' | 'otlp';
export type OtlpDestination = ToolDestination<OtlpTool>;

export function isOtlpDestination(d: Destination): d is OtlpDestination {
  return d.tool !== 's3' && d.tool !== 'splunk';
}

/** The URL the stream sends to (for S3: the bucket's endpoint). */
export function destinationEndpointUrl(d: Destination): string {
  switch (d.tool) {
    case 'dynatrace': {
      if (d.model === 'tenant-default' || !URL.canParse(d.url)) return d.url;
      const u = new URL(d.url);
      u.searchParams.set('structure', d.model);
      return u.toString();
    }
    case 'newrelic':
      return d.url ?? newRelicLogsUrl(d.region);
    case 'elastic':
      return otlpLogsUrl(d.url);
    case 'datadog':
      return d.url ?? datadogLogsUrl(d.site) ?? `https://otlp.${d.site}/v1/logs`;
    case 'splunk':
      return splunkHecEventUrl(d.url);
    case 's3':
      return s3EndpointUrl(d);
    case 'otlp':
      return d.url;
  }
}

export interface OtlpRequestSpec {
  url: string;
  /** Authentication and tool-specific headers; content headers are the sender's. */
  headers: Record<string, string>;
  encoding: 'protobuf' | 'json';
  compression: 'gzip' | 'none';
}

/** The credential as it goes into a header: trimmed, without a pasted scheme word. */
function credential(
  d: Destination,
  credentials: Record<string, string>,
  name = 'token',
): string | null {
  const raw = credentials[name];
  if (raw === undefined || raw.trim() === '') return null;
  return stripPastedScheme(d.tool, raw);
}

function authHeaders(d: OtlpDestination, token: string | null): Record<string, string> {
  if (token === null) return {};
  switch (d.tool) {
    case 'dynatrace':
      return { authorization: `Api-Token ${token}` };
    case 'newrelic':
      return { 'api-key': token };
    case 'elastic':
      return { authorization: d.auth === 'secret-token' ? `Bearer ${token}` : `ApiKey ${token}` };
    case 'datadog':
      return { 'dd-api-key': token };
    case 'otlp':
      return d.headerName === '' ? {} : { [d.headerName.toLowerCase()]: token };
  }
}

export function otlpRequestSpec(
  d: OtlpDestination,
  credentials: Record<string, string>,
): OtlpRequestSpec {
  const headers = authHeaders(d, credential(d, credentials));
  // Datadog's earlier OTLP intake documentation also asked for this header;
  // it is harmless where it is no longer needed.
  if (d.tool === 'datadog') headers['dd-protocol'] = 'otlp';
  return {
    url: destinationEndpointUrl(d),
    headers,
    encoding: d.tool === 'otlp' ? d.encoding : 'protobuf',
    compression: d.tool === 'otlp' ? d.compression : 'gzip',
  };
}

export function splunkRequestHeaders(
  d: ToolDestination<'splunk'>,
  credentials: Record<string, string>,
): Record<string, string> {
  const token = credential(d, credentials);
  return token === null ? {} : { authorization: `Splunk ${token}` };
}

/**
 * The credentials a tool cannot send without. The Other form's key is
 * optional whatever its header name: no key means no header, the usual case
 * for an unauthenticated local Collector (the form fills the header name in
 * with Authorization, and that alone must not stop the stream).
 */
export function missingCredentials(d: Destination, credentials: Record<string, string>): string[] {
  const required =
    d.tool === 's3' ? ['accessKeyId', 'secretAccessKey'] : d.tool === 'otlp' ? [] : ['token'];
  return required.filter((name) => credential(d, credentials, name) === null);
}
