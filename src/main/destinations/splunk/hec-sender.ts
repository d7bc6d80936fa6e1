import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { Troubleshooting } from '../../../shared/destinations/definitions/types';
import { decodeExportRequest } from '../../../shared/otlp';
import type { OutgoingBatch, SendResult, Sender } from '../sender';
import { classifyHttpFailure } from '../http/classify';
import { failedSendResult, hostAndPort } from '../http/failed-send';
import { bodyExcerpt } from '../http/response-body';
import { headerValue, post } from '../http/transport';
import { encodeHecEvents, type HecEventOptions } from './hec-encoder';
import { hecAdvice, parseHecReply } from './hec-response';

const gzip = promisify(gzipCallback);

export interface HecSenderOptions {
  url: string;
  /** `authorization: Splunk <token>`. */
  headers: Record<string, string>;
  events: HecEventOptions;
  dispatcher: Dispatcher;
  timeoutMs: number;
  troubleshooting: Troubleshooting;
  proxy: string | null;
}

/** Splunk HTTP Event Collector: JSON events, gzip, `Authorization: Splunk <token>`. */
export class HecSender implements Sender {
  private readonly url: URL;

  constructor(private readonly options: HecSenderOptions) {
    this.url = new URL(options.url);
  }

  async send(batch: OutgoingBatch, signal?: AbortSignal): Promise<SendResult> {
    const { timeoutMs, troubleshooting, proxy } = this.options;
    const text = encodeHecEvents(decodeExportRequest(batch.body), this.options.events);
    const body = await gzip(new TextEncoder().encode(text));
    const outcome = await post(this.options.dispatcher, {
      url: this.url,
      headers: {
        ...this.options.headers,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body,
      timeoutMs,
      signal,
    });
    if (outcome.kind === 'failed') {
      return failedSendResult(outcome, {
        target: hostAndPort(this.url),
        proxy,
        timeoutMs,
        hints: this.options.troubleshooting,
      });
    }
    const excerpt = bodyExcerpt(outcome.body, headerValue(outcome.headers, 'content-type'));
    const reply = parseHecReply(excerpt);
    if (outcome.status >= 200 && outcome.status < 300) {
      return {
        kind: 'accepted',
        httpStatus: outcome.status,
        rejectedRecords: 0,
        rejectionMessage: null,
        bytesSent: body.length,
      };
    }
    const result = classifyHttpFailure(
      { status: outcome.status, headers: outcome.headers, responseBody: excerpt },
      { label: 'Splunk', troubleshooting },
    );
    if (reply.text !== null && result.kind !== 'accepted') {
      const at =
        reply.invalidEventNumber !== null
          ? ` (at event ${reply.invalidEventNumber} of the batch)`
          : '';
      result.message = `${result.message.replace(/\.$/, '')}: ${reply.text}${reply.code !== null ? ` (code ${reply.code})` : ''}${at}.`;
    }
    const specific = hecAdvice(reply.code);
    if (specific && result.kind === 'refused') {
      result.advice = specific.advice;
      result.stopSending = result.stopSending || specific.stopSending;
    } else if (specific && result.kind === 'retryable') {
      result.advice = specific.advice;
    }
    return result;
  }

  async close(): Promise<void> {}
}
