import { randomUUID } from 'node:crypto';
import type * as S3SdkModule from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Dispatcher } from 'undici';
import type { ToolDestination } from '../../../shared/destinations/schema';
import type { Troubleshooting } from '../../../shared/destinations/definitions/types';
import type { OutgoingBatch, SendResult, Sender } from '../sender';
import { startDeadline } from '../http/deadline';
import { s3ObjectBody } from './object-body';
import { s3ObjectKey } from './object-key';
import { s3ErrorResult } from './s3-errors';
import { UndiciHttpHandler } from './undici-handler';

export interface S3SenderOptions {
  destination: ToolDestination<'s3'>;
  accessKeyId: string;
  secretAccessKey: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  troubleshooting: Troubleshooting;
  /** host:port of the endpoint and of the proxy, for messages. */
  target: string;
  proxy: string | null;
  now?: () => Date;
}

type S3Sdk = typeof S3SdkModule;
let sdk: Promise<S3Sdk> | null = null;

/**
 * The AWS SDK adds about 23 MB of memory and 0.1 s to every engine that loads
 * it (measured in docs/benchmarks.md), so it is loaded on the first write to
 * S3: engines without an S3 stream never pay for it.
 */
function loadSdk(): Promise<S3Sdk> {
  // The SDK warns, on the first client of every run, that its releases after
  // January 2027 will need Node 22: advice for whoever upgrades our
  // dependencies, not for the administrator reading `sluice serve`'s output.
  // This variable (read by @aws-sdk/core's emitWarningIfUnsupportedVersion)
  // silences that one warning and no other; a value the user set is kept.
  if (!process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  }
  sdk ??= import('@aws-sdk/client-s3').catch((err: unknown) => {
    sdk = null; // a later attempt may load it
    throw err;
  });
  return sdk;
}

/**
 * Amazon S3 (and S3-compatible servers): one gzip-compressed OTLP/JSON object
 * per batch, written with PutObject and signed with Signature Version 4 by the
 * AWS SDK. The SDK's own retries are off (maxAttempts 1): retrying is the
 * exporter's job. Checksums are sent only where S3 requires them, because
 * several S3-compatible servers refuse the SDK's newer default trailers.
 */
export class S3Sender implements Sender {
  private client: S3Client | null = null;
  private closed = false;
  /** The key of the last object written (Test stream shows it). */
  lastKey: string | null = null;

  constructor(private readonly options: S3SenderOptions) {}

  private async clientAndSdk(): Promise<{
    client: S3Client;
    PutObjectCommand: S3Sdk['PutObjectCommand'];
  }> {
    const { S3Client, PutObjectCommand } = await loadSdk();
    if (this.closed) throw new Error('The S3 sender is closed.');
    if (!this.client) {
      const o = this.options;
      const d = o.destination;
      this.client = new S3Client({
        region: d.region,
        endpoint: d.endpoint ?? undefined,
        forcePathStyle: d.forcePathStyle,
        credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
        requestHandler: new UndiciHttpHandler(o.dispatcher),
        maxAttempts: 1,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    }
    return { client: this.client, PutObjectCommand };
  }

  async send(batch: OutgoingBatch, signal?: AbortSignal): Promise<SendResult> {
    const { destination: d, timeoutMs } = this.options;
    const body = await s3ObjectBody(batch.body);
    const key = s3ObjectKey(d.prefix, (this.options.now ?? (() => new Date()))(), randomUUID());
    const deadline = startDeadline(timeoutMs, signal);
    try {
      const { client, PutObjectCommand } = await this.clientAndSdk();
      await client.send(
        new PutObjectCommand({
          Bucket: d.bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
          ContentEncoding: 'gzip',
          Metadata: { 'sluice-records': String(batch.recordCount) },
        }),
        { abortSignal: deadline.signal },
      );
      this.lastKey = key;
      return {
        kind: 'accepted',
        httpStatus: 200,
        rejectedRecords: 0,
        rejectionMessage: null,
        bytesSent: body.length,
      };
    } catch (err) {
      return s3ErrorResult(err, {
        troubleshooting: this.options.troubleshooting,
        target: this.options.target,
        proxy: this.options.proxy,
        timeoutMs,
        timedOut: deadline.timedOut(),
        cancelled: deadline.cancelled(),
      });
    } finally {
      deadline.dispose();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.client?.destroy();
  }
}
