import { describe, expect, it } from 'vitest';
import { buildSender } from '../../../src/main/destinations/create-sender';
import { destinationSchema } from '../../../src/shared/destinations/schema';
import { parseExportRequestJson } from '../../../src/shared/otlp';
import { sampleBatch, sampleRequest } from './support/batches';
import { listKeys, readObject, s3Credentials, startS3 } from './support/s3';
import { verifySigV4 } from './support/sigv4';

function s3Sender(
  endpoint: string,
  credentials = s3Credentials,
  extra: Record<string, unknown> = {},
) {
  const destination = destinationSchema.parse({
    tool: 's3',
    bucket: 'logs',
    region: 'us-east-1',
    prefix: 'prod/sluice',
    endpoint,
    forcePathStyle: true,
    ...extra,
  });
  return buildSender(
    destination,
    { credentials, timeoutMs: 10_000 },
    { now: () => new Date(Date.UTC(2025, 2, 7, 9, 5, 3, 42)) },
  );
}

describe('S3 sender against a local S3-compatible server (s3rver)', () => {
  it('writes one gzip OTLP/JSON object per batch under a date-partitioned key, signed with SigV4', async () => {
    const { endpoint, client, seen } = await startS3();
    const built = s3Sender(endpoint);
    const first = await built.sender.send(sampleBatch());
    const second = await built.sender.send(sampleBatch());
    await built.sender.close();
    expect(first).toMatchObject({ kind: 'accepted', httpStatus: 200, rejectedRecords: 0 });
    expect(second.kind).toBe('accepted');

    const keys = await listKeys(client, 'logs');
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(
        /^prod\/sluice\/2025\/03\/07\/09\/20250307T090503042Z-[0-9a-f-]{36}\.json\.gz$/,
      );
    }
    expect(built.s3?.lastKey).toBe(keys.find((k) => k === built.s3?.lastKey));

    const object = await readObject(client, 'logs', keys[0]!);
    expect(object.contentEncoding).toBe('gzip');
    expect(object.contentType).toBe('application/json');
    expect(object.metadata).toEqual({ 'sluice-records': '2' });
    expect(object.text.endsWith('\n')).toBe(true);
    expect(object.text.trimEnd().split('\n')).toHaveLength(1);
    expect(parseExportRequestJson(object.text)).toEqual(sampleRequest());
    expect(first.kind === 'accepted' && first.bytesSent).toBe(object.raw.length);

    // Every PUT carries a valid Signature V4 for the secret, over the path,
    // query and headers exactly as they arrived.
    const puts = seen.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    for (const put of puts)
      expect(verifySigV4(put, s3Credentials.secretAccessKey)).toEqual({
        valid: true,
        reason: 'ok',
      });
    expect(verifySigV4(puts[0]!, 'another-secret').valid).toBe(false);
  });

  it('refuses an unknown access key id and stops sending, without echoing the secret', async () => {
    // (s3rver checks the key id but not V4 signatures; the signature itself is
    // verified independently in the test above.)
    const { endpoint, client } = await startS3();
    const built = s3Sender(endpoint, {
      accessKeyId: 'AKIAUNKNOWNKEY000000',
      secretAccessKey: 'the-secret-value-xyz',
    });
    const result = await built.sender.send(sampleBatch());
    await built.sender.close();
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 403, stopSending: true });
    expect(result.kind === 'refused' && result.message).toMatch(/InvalidAccessKeyId/);
    expect(result.kind === 'refused' && result.advice).toMatch(/access key id/);
    expect(JSON.stringify(result)).not.toContain('the-secret-value-xyz');
    expect(await listKeys(client, 'logs')).toEqual([]);
  });

  it('explains a bucket that does not exist', async () => {
    const { endpoint } = await startS3();
    const built = s3Sender(endpoint, s3Credentials, { bucket: 'missing-bucket' });
    const result = await built.sender.send(sampleBatch());
    await built.sender.close();
    expect(result).toMatchObject({ kind: 'refused', httpStatus: 404, stopSending: true });
    expect(result.kind === 'refused' && result.message).toMatch(/NoSuchBucket/);
  });
});
