import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { OtlpRequestSpec } from '../../../shared/destinations/request-spec';
import type { Troubleshooting } from '../../../shared/destinations/definitions/types';
import { decodeExportRequest, exportRequestToJson } from '../../../shared/otlp';
import type { OutgoingBatch, SendResult, Sender } from '../sender';
import { classifyHttpFailure } from '../http/classify';
import { failedSendResult, hostAndPort } from '../http/failed-send';
import { bodyExcerpt } from '../http/response-body';
import { headerValue, post } from '../http/transport';
import { readPartialSuccess } from './partial-success';

const gzip = promisify(gzipCallback);

/**
 * gzip's fastest level: on realistic log records it compresses to 11.8% of
 * the protobuf instead of level 6's 9.7%, for 2.0 instead of 3.5 us of CPU
 * per record (docs/destinations.md, "Compression"). A shipper on an
 * administrator's workstation spends its CPU more carefully than its bytes.
 */
const gzipLevel = 1;

export interface OtlpSenderOptions {
  spec: OtlpRequestSpec;
  dispatcher: Dispatcher;
  timeoutMs: number;
  label: string;
  troubleshooting: Troubleshooting;
  /** host:port of the proxy in use, for messages. */
  proxy: string | null;
}

/**
 * OTLP/HTTP (https://opentelemetry.io/docs/specs/otlp/#otlphttp) for
 * Dynatrace, New Relic, Elastic, Datadog and the Other form: the exporter's
 * protobuf as is, or converted to OTLP/JSON, optionally gzipped.
 */
export class OtlpHttpSender implements Sender {
  private readonly url: URL;

  constructor(private readonly options: OtlpSenderOptions) {
    this.url = new URL(options.spec.url);
  }

  private async encode(
    batch: OutgoingBatch,
  ): Promise<{ body: Uint8Array; headers: Record<string, string> }> {
    const { spec } = this.options;
    let body = batch.body;
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.encoding === 'json') {
      const json = JSON.stringify(exportRequestToJson(decodeExportRequest(batch.body)));
      body = new TextEncoder().encode(json);
      headers['content-type'] = 'application/json';
    } else {
      headers['content-type'] = 'application/x-protobuf';
    }
    if (spec.compression === 'gzip') {
      body = await gzip(body, { level: gzipLevel });
      headers['content-encoding'] = 'gzip';
    }
    return { body, headers };
  }

  async send(batch: OutgoingBatch, signal?: AbortSignal): Promise<SendResult> {
    const { body, headers } = await this.encode(batch);
    const { timeoutMs, label, troubleshooting, proxy } = this.options;
    const outcome = await post(this.options.dispatcher, {
      url: this.url,
      headers,
      body,
      timeoutMs,
      signal,
    });
    if (outcome.kind === 'failed') {
      return failedSendResult(outcome, {
        target: hostAndPort(this.url),
        proxy,
        timeoutMs,
        hints: troubleshooting,
      });
    }
    const contentType = headerValue(outcome.headers, 'content-type');
    if (outcome.status >= 200 && outcome.status < 300) {
      const acceptance = readPartialSuccess(outcome.body.bytes, contentType);
      return {
        kind: 'accepted',
        httpStatus: outcome.status,
        bytesSent: body.length,
        ...acceptance,
      };
    }
    return classifyHttpFailure(
      {
        status: outcome.status,
        headers: outcome.headers,
        responseBody: bodyExcerpt(outcome.body, contentType),
      },
      { label, troubleshooting },
    );
  }

  async close(): Promise<void> {
    // The dispatcher belongs to the sender made by createSender, which closes it.
  }
}
