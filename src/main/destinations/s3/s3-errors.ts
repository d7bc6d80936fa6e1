import type { Troubleshooting } from '../../../shared/destinations/definitions/types';
import type { SendResult } from '../sender';
import { classifyHttpFailure } from '../http/classify';
import { failedSendResult } from '../http/failed-send';

/**
 * What an AWS SDK error from PutObject means for the exporter. S3 answers in
 * its own XML error codes; the SDK gives them as the error's name and the
 * HTTP status in $metadata. Failures below HTTP (DNS, TLS, proxy) come
 * through from our request handler unchanged and are described like any
 * other destination's.
 */
interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string> };
}

/** S3 codes that no retry will fix: the stream stops until its settings change. */
const configurationCodes = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'NoSuchBucket',
  'AuthorizationHeaderMalformed',
  'PermanentRedirect',
  'InvalidBucketName',
  'AccountProblem',
  'AllAccessDisabled',
  'InvalidRequest',
]);

/** S3 codes AWS documents as worth retrying even though their status is not 429/502-504. */
const transientCodes = new Set([
  'InternalError',
  'RequestTimeout',
  'SlowDown',
  'ServiceUnavailable',
]);

const codeAdvice: Record<string, string> = {
  InvalidAccessKeyId:
    'AWS does not know this access key id: check it, and that the key is active in IAM.',
  SignatureDoesNotMatch:
    'The secret access key does not belong to this access key id: enter both again.',
  NoSuchBucket:
    'The bucket does not exist: check its name and, for S3-compatible servers, the endpoint and path-style setting.',
  AuthorizationHeaderMalformed:
    "The bucket is in another region than the one configured: set the bucket's region.",
  PermanentRedirect:
    "The bucket is in another region than the one configured: set the bucket's region.",
  AccessDenied:
    'The key may not write here: allow s3:PutObject on this bucket and prefix (and kms:GenerateDataKey if the bucket uses a KMS key).',
};

export function s3ErrorResult(
  err: unknown,
  ctx: {
    troubleshooting: Troubleshooting;
    target: string;
    proxy: string | null;
    timeoutMs: number;
    timedOut: boolean;
    cancelled: boolean;
  },
): SendResult {
  const e = (err ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status !== 'number' || ctx.timedOut || ctx.cancelled) {
    return failedSendResult(
      { error: err, timedOut: ctx.timedOut, cancelled: ctx.cancelled },
      { ...ctx, hints: ctx.troubleshooting },
    );
  }
  const name = e.name ?? 'Error';
  const responseBody = `${name}: ${e.message ?? ''}`.trim();
  if (transientCodes.has(name) && status < 600) {
    return {
      kind: 'retryable',
      httpStatus: status,
      retryAfterMs: null,
      message: `S3 answered ${status} ${name}: ${e.message ?? 'try again later'}.`,
      advice: ctx.troubleshooting.serverError,
      responseBody,
    };
  }
  const result = classifyHttpFailure(
    { status, headers: e.$response?.headers ?? {}, responseBody },
    { label: 'S3', troubleshooting: ctx.troubleshooting },
  );
  if (result.kind === 'refused') {
    result.message = `S3 answered ${status} ${name}: ${e.message ?? ''}`.trim();
    result.advice = codeAdvice[name] ?? result.advice;
    result.stopSending = result.stopSending || configurationCodes.has(name);
  }
  return result;
}
