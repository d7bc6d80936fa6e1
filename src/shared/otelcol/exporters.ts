import { defaultRetryWindowMs } from '../api/streams';
import type { ConfigStream } from '../config/schema';
import { isOtlpDestination, otlpRequestSpec } from '../destinations/request-spec';
import { splunkHecEventUrl } from '../destinations/endpoints';
import { toolLabels, type Destination, type NetworkSettings } from '../destinations/schema';
import { goDuration, storageId, type ConfigBuilder } from './builder';
import { envCredentialPart, envRef, envSlug, literal } from './names';
import type { YamlValue } from './yaml';

/** Exporter types the contrib distribution has and the Dynatrace one lacks. */
export const contribOnlyExporters: Record<string, string> = { splunk: 'splunk_hec', s3: 'awss3' };

/** The credential names a destination sends (the Other form without a header sends none). */
function credentialsUsed(d: Destination): string[] {
  if (d.tool === 's3') return ['accessKeyId', 'secretAccessKey'];
  if (d.tool === 'otlp' && d.headerName === '') return [];
  return ['token'];
}

function network(b: ConfigBuilder, scope: string, n: NetworkSettings): Record<string, YamlValue> {
  const out: Record<string, YamlValue> = {};
  if (n.proxyUrl !== null) out.proxy_url = literal(n.proxyUrl);
  if (n.caCertificatePem !== null) {
    // Trusted in addition to the system's roots, as Sluice does.
    out.tls = { ca_pem: n.caCertificatePem, include_system_ca_certs_pool: true };
  }
  if (n.pinnedCertificateSha256 !== null) {
    b.note(
      scope,
      `The pinned certificate (SHA-256 ${n.pinnedCertificateSha256}) has no Collector equivalent: ` +
        'put that certificate (or its CA) in tls.ca_pem, or the Collector will refuse the server.',
    );
  }
  if (!n.useEnvironmentProxy && n.proxyUrl === null) {
    b.note(
      scope,
      'Sluice ignores HTTPS_PROXY/HTTP_PROXY for this stream; the Collector always honours them: ' +
        'leave them unset (or list the host in NO_PROXY) in its environment.',
    );
  }
  return out;
}

/**
 * Retry and a persistent queue, shared by every exporter the export writes.
 * The queue is persistent because the Collector keeps it in memory unless
 * told otherwise: a restart would lose every batch waiting there, which
 * Sluice's buffer never does.
 */
function delivery(stream: ConfigStream, blockOnFull: boolean): Record<string, YamlValue> {
  const r = stream.delivery.retry;
  return {
    timeout: goDuration(stream.delivery.timeoutMs),
    retry_on_failure: {
      enabled: true,
      initial_interval: goDuration(r.initialDelayMs),
      max_interval: goDuration(r.maxDelayMs),
      max_elapsed_time: goDuration(r.windowMs ?? defaultRetryWindowMs(stream.destination.tool)),
    },
    sending_queue: {
      enabled: true,
      storage: storageId,
      sizer: 'requests',
      queue_size: 1000,
      // As many requests in flight as the stream allows (docs/exporter.md).
      num_consumers: stream.delivery.maxInFlight,
      block_on_overflow: blockOnFull,
    },
  };
}

/** The stream's credential as an environment reference, declared in the header. */
function credentialVariable(b: ConfigBuilder, stream: ConfigStream, credential: string): string {
  const name = `SLUICE_${envSlug(stream.name)}_${envCredentialPart(credential)}`;
  const ref = stream.credentials[credential];
  const from = ref && 'env' in ref ? ` (Sluice reads it from ${ref.env})` : '';
  b.variable(
    name,
    `${credential} of stream "${stream.name}" (${toolLabels[stream.destination.tool]})${from}`,
  );
  return envRef(name);
}

/** The exporter for a stream's destination; returns its id. */
export function exporterFor(
  b: ConfigBuilder,
  stream: ConfigStream,
  slug: string,
  blockOnFull: boolean,
): string {
  const d = stream.destination;
  const scope = `Stream "${stream.name}"`;
  const net = network(b, scope, d.network);
  if (isOtlpDestination(d)) {
    const placeholders = Object.fromEntries(
      credentialsUsed(d).map((c) => [c, credentialVariable(b, stream, c)]),
    );
    const spec = otlpRequestSpec(d, placeholders);
    // Header values are the tool's scheme words around ${env:…} references:
    // no user text that could need escaping.
    const headers = spec.headers;
    return b.add('exporters', `otlp_http/${slug}`, {
      logs_endpoint: literal(spec.url),
      ...(Object.keys(headers).length ? { headers } : {}),
      compression: spec.compression,
      encoding: spec.encoding === 'json' ? 'json' : 'proto',
      ...net,
      ...delivery(stream, blockOnFull),
    });
  }
  if (d.tool === 'splunk') {
    if (d.source === null) {
      b.note(
        scope,
        "Sluice sends each record's service.name as the HEC source; splunk_hec sends the resource attribute com.splunk.source when present, else the token's default.",
      );
    }
    return b.add('exporters', `splunk_hec/${slug}`, {
      endpoint: literal(splunkHecEventUrl(d.url)),
      token: credentialVariable(b, stream, 'token'),
      ...(d.index !== null ? { index: literal(d.index) } : {}),
      ...(d.sourcetype !== null ? { sourcetype: literal(d.sourcetype) } : {}),
      ...(d.source !== null ? { source: literal(d.source) } : {}),
      ...net,
      ...delivery(stream, blockOnFull),
    });
  }
  // Amazon S3: the exporter has no credential fields; the AWS SDK in the
  // Collector reads the standard variables, for every S3 exporter at once.
  b.variable(
    'AWS_ACCESS_KEY_ID',
    `access key id for the S3 stream "${stream.name}" (read by the AWS SDK)`,
  );
  b.variable(
    'AWS_SECRET_ACCESS_KEY',
    `secret access key for the S3 stream "${stream.name}" (read by the AWS SDK)`,
  );
  b.note(
    scope,
    'The awss3 exporter takes its credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance role): ' +
      'one identity for every S3 stream in this Collector, where Sluice keeps one per stream.',
  );
  b.note(
    scope,
    'Objects are named by the exporter (its partition folders and file prefix), not {prefix}YYYY/MM/DD/HH/<time>-<uuid>.json.gz; ' +
      'they hold OTLP/JSON, gzip-compressed, as Sluice writes. The awss3 exporter of the contrib version the schema was checked against has no sending_queue: batches wait in memory only.',
  );
  if (Object.keys(net).length > 0) {
    b.note(
      scope,
      "The awss3 exporter has no proxy or CA settings of its own: it uses HTTPS_PROXY and the system's certificates.",
    );
  }
  const prefix = d.prefix.replace(/\/+$/, '');
  return b.add('exporters', `awss3/${slug}`, {
    s3uploader: {
      region: literal(d.region),
      s3_bucket: literal(d.bucket),
      ...(prefix ? { s3_prefix: literal(prefix) } : {}),
      ...(d.endpoint !== null ? { endpoint: literal(d.endpoint) } : {}),
      s3_force_path_style: d.forcePathStyle,
      compression: 'gzip',
    },
    marshaler: 'otlp_json',
  });
}
