import type { ConfigSource } from '../config/schema';
import type { ConfigBuilder } from './builder';
import { storageId } from './builder';
import { fileOperatorNotes, fileOperators } from './file-operators';
import { envCredentialPart, envRef, envSlug, literal } from './names';
import type { YamlValue } from './yaml';

/** `host:port` as Go's net package reads it (IPv6 in brackets). */
function hostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `~/x` → `${env:HOME}/x`: the Collector does not expand a tilde in a path. */
function collectorPath(path: string): string {
  return /^~(\/|$)/.test(path) ? `${envRef('HOME')}${literal(path.slice(1))}` : literal(path);
}

/**
 * An OTLP receiver (HTTP or gRPC) -> the Collector's `otlp` receiver with the
 * one protocol, on the same address and port.
 */
function otlpReceiver(b: ConfigBuilder, source: ConfigSource, slug: string): string {
  const s = source.settings;
  if (s.kind !== 'otlp-receiver' && s.kind !== 'otlp-grpc-receiver')
    throw new Error('not a receiver');
  const grpc = s.kind === 'otlp-grpc-receiver';
  const protocol: Record<string, YamlValue> = grpc
    ? {
        endpoint: literal(hostPort(s.host, s.port)),
        // The Collector counts whole MiB; rounded up so nothing Sluice took is refused.
        max_recv_msg_size_mib: Math.max(1, Math.ceil(s.maxBodyBytes / (1024 * 1024))),
      }
    : { endpoint: literal(hostPort(s.host, s.port)), max_request_body_size: s.maxBodyBytes };
  if (s.requireToken) {
    const variable = `SLUICE_SOURCE_${envSlug(source.name)}_${envCredentialPart('token')}`;
    const auth = b.add('extensions', `bearertokenauth/${slug}`, {
      scheme: 'Bearer',
      token: envRef(variable),
    });
    b.variable(variable, `Bearer token clients send to the receiver "${source.name}"`);
    protocol.auth = { authenticator: auth };
  }
  if (s.port === 0) {
    b.note(
      `Source "${source.name}"`,
      'Port 0 (any free port) is kept; give the receiver a fixed port so that clients can find it.',
    );
  }
  b.note(
    `Source "${source.name}"`,
    'The otlp receiver also accepts traces and metrics on this port; only logs pipelines read it here, ' +
      "and a full sending queue answers clients with an error they retry, as Sluice's 503 does.",
  );
  return b.add('receivers', `otlp/${slug}`, { protocols: { [grpc ? 'grpc' : 'http']: protocol } });
}

function fileReceiver(b: ConfigBuilder, source: ConfigSource, slug: string): string {
  if (source.settings.kind !== 'file') throw new Error('not a file source');
  const s = source.settings;
  const config: Record<string, YamlValue> = {
    include: s.paths.map(collectorPath),
    start_at: s.startAt,
    // Checkpoints in the storage extension: a restart neither loses nor repeats lines.
    storage: storageId,
    include_file_name: true,
    include_file_path: true,
    // Sluice polls every 500 ms and completes a quiet partial line after 5 s.
    poll_interval: '500ms',
    force_flush_period: '5s',
    max_log_size: s.maxRecordBytes,
  };
  if (s.multilineStart !== null)
    config.multiline = { line_start_pattern: literal(s.multilineStart) };
  if (s.serviceName !== null) config.resource = { 'service.name': literal(s.serviceName) };
  config.operators = fileOperators(s);
  for (const note of fileOperatorNotes(s)) b.note(`Source "${source.name}"`, note);
  if (s.startAt === 'end') {
    b.note(
      `Source "${source.name}"`,
      "start_at: end applies to files the Collector finds on its first start; Sluice's checkpoints do not carry over, so a file Sluice was reading is read from its end.",
    );
  }
  return b.add('receivers', `file_log/${slug}`, config);
}

/**
 * The receiver for a source, or null for sample data (which has no Collector
 * equivalent: the export says so).
 */
export function receiverFor(b: ConfigBuilder, source: ConfigSource, slug: string): string | null {
  switch (source.settings.kind) {
    case 'otlp-receiver':
    case 'otlp-grpc-receiver':
      return otlpReceiver(b, source, slug);
    case 'file':
      return fileReceiver(b, source, slug);
    case 'sample':
      b.note(
        `Source "${source.name}"`,
        'Sample data is a Sluice generator with no Collector equivalent: it is left out.',
      );
      return null;
  }
}
