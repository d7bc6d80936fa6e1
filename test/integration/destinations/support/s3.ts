import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import S3rver from 's3rver';
import { afterEach } from 'vitest';
import { tempDir } from '../../../support/temp-dir';

/**
 * s3rver, a local S3-compatible server, on 127.0.0.1 in a temp folder. It
 * checks Signature V4 with its fixed credentials (S3RVER / S3RVER). Objects
 * are read back with a separate, plain SDK client.
 */
export const s3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const running: S3rver[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export async function startS3(
  bucket = 'logs',
): Promise<{ endpoint: string; client: S3Client; seen: SeenRequest[] }> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: tempDir('sluice-s3-'),
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  running.push(server);
  // What arrived, as sent, for the independent signature check (sigv4.ts).
  const seen: SeenRequest[] = [];
  server.httpServer.prependListener('request', (req: IncomingMessage) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { ...s3Credentials },
  });
  return { endpoint, client, seen };
}

export async function listKeys(client: S3Client, bucket: string): Promise<string[]> {
  const out = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (out.Contents ?? []).map((o) => o.Key ?? '').sort();
}

export async function readObject(client: S3Client, bucket: string, key: string) {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const raw = Buffer.from(await out.Body!.transformToByteArray());
  return {
    raw,
    text: gunzipSync(raw).toString('utf8'),
    contentEncoding: out.ContentEncoding,
    contentType: out.ContentType,
    metadata: out.Metadata,
  };
}
