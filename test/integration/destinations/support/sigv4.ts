import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * An independent AWS Signature Version 4 check, because s3rver accepts any
 * V4 signature from a known key id. It recomputes the signature of a request
 * as received (method, path, query, signed headers, payload hash) from the
 * secret, per https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html.
 * A mismatch means the request handler changed something that was signed.
 */
const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();
const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function verifySigV4(
  request: { method: string; url: string; headers: IncomingHttpHeaders },
  secretAccessKey: string,
): { valid: boolean; reason: string } {
  const auth = String(request.headers.authorization ?? '');
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { valid: false, reason: `not a SigV4 Authorization header: ${auth.slice(0, 40)}` };
  const [, , date, region, service, signedHeaders, signature] = m as unknown as string[];
  const url = new URL(request.url, 'http://placeholder');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = signedHeaders!.split(';');
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(request.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD');
  const canonical = [
    request.method,
    url.pathname,
    query,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date']),
    scope,
    sha256(canonical),
  ].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, date!);
  key = hmac(key, region!);
  key = hmac(key, service!);
  key = hmac(key, 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  return expected === signature
    ? { valid: true, reason: 'ok' }
    : { valid: false, reason: `signature mismatch for canonical request:\n${canonical}` };
}
