import { destinationDefinitions } from '../../shared/destinations/definitions';
import {
  destinationEndpointUrl,
  isOtlpDestination,
  missingCredentials,
  otlpRequestSpec,
  splunkRequestHeaders,
} from '../../shared/destinations/request-spec';
import type { Destination } from '../../shared/destinations/schema';
import { destinationErrors } from '../../shared/destinations/validate';
import { GuardedSender, RefusingSender } from './guarded-sender';
import { hostAndPort } from './http/failed-send';
import { secretsOf } from './http/redact';
import { createStreamDispatcher } from './network/dispatcher';
import { describeProxy, type ProxyChoice } from './network/proxy-selection';
import { OtlpHttpSender } from './otlp/otlp-sender';
import { S3Sender } from './s3/s3-sender';
import type { Sender, SenderContext, SenderFactory } from './sender';
import { HecSender } from './splunk/hec-sender';

export interface CreateSenderOptions {
  /** Proxy variables; process.env by default (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** A sender and what it was built on, for Test stream (which reports the route). */
export interface BuiltSender {
  sender: Sender;
  /** Null when the sender refuses without connecting. */
  route: ProxyChoice | null;
  endpoint: string;
  /** The S3 sender, so Test stream can name the object it wrote. */
  s3: S3Sender | null;
}

/** The connect phase gets the request's whole budget, at most 30 s. */
function connectTimeout(timeoutMs: number): number {
  return Math.min(timeoutMs, 30_000);
}

export function buildSender(
  destination: Destination,
  context: SenderContext,
  options: CreateSenderOptions = {},
): BuiltSender {
  const definition = destinationDefinitions[destination.tool];
  const endpoint = destinationEndpointUrl(destination);
  const refuse = (message: string, advice: string): BuiltSender => ({
    sender: new RefusingSender(message, advice),
    route: null,
    endpoint,
    s3: null,
  });

  const errors = destinationErrors(destination);
  if (errors[0])
    return refuse(
      `The ${definition.label} settings cannot work: ${errors[0].message}`,
      "Edit the stream's destination.",
    );
  const missing = missingCredentials(destination, context.credentials);
  if (missing.length > 0) {
    const labels = missing.map((n) => definition.credentials.find((c) => c.name === n)?.label ?? n);
    return refuse(
      `No ${labels.join(' and ')} is set for this stream, so ${definition.label} would refuse every request.`,
      `Edit the stream and enter the ${labels.join(' and ')}. ${definition.credentials[0]?.help ?? ''}`.trim(),
    );
  }

  const target = new URL(endpoint);
  const { agent, route } = createStreamDispatcher(target, destination.network, {
    connectTimeoutMs: connectTimeout(context.timeoutMs),
    env: options.env,
  });
  const proxy = route.proxy ? describeProxy(route.proxy) : null;
  const common = {
    dispatcher: agent,
    timeoutMs: context.timeoutMs,
    troubleshooting: definition.troubleshooting,
    proxy,
  };

  let inner: Sender;
  let s3: S3Sender | null = null;
  if (destination.tool === 's3') {
    s3 = new S3Sender({
      ...common,
      destination,
      accessKeyId: context.credentials.accessKeyId ?? '',
      secretAccessKey: context.credentials.secretAccessKey ?? '',
      target: hostAndPort(target),
      now: options.now,
    });
    inner = s3;
  } else if (destination.tool === 'splunk') {
    inner = new HecSender({
      ...common,
      url: endpoint,
      headers: splunkRequestHeaders(destination, context.credentials),
      events: {
        index: destination.index,
        sourcetype: destination.sourcetype,
        source: destination.source,
      },
    });
  } else if (isOtlpDestination(destination)) {
    inner = new OtlpHttpSender({
      ...common,
      spec: otlpRequestSpec(destination, context.credentials),
      label: definition.label,
    });
  } else {
    throw new Error(`No sender for ${(destination as Destination).tool}`);
  }

  const sender = new GuardedSender(inner, secretsOf(context.credentials), definition.label, () =>
    agent.close(),
  );
  return { sender, route, endpoint, s3 };
}

/**
 * The SenderFactory the exporter calls: one sender per stream, with its own
 * connection pool. Never throws for bad settings or a missing credential:
 * the sender then refuses every batch with a message saying what to fix.
 */
export const createSender: SenderFactory = (stream, context) =>
  buildSender(stream.destination, context).sender;
