import type { ServerResponse } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSender, createSender } from '../../../src/main/destinations/create-sender';
import type { SendResult } from '../../../src/main/destinations/sender';
import { destinationSchema, type DestinationInput } from '../../../src/shared/destinations/schema';
import { decodeExportRequest } from '../../../src/shared/otlp';
import { sampleBatch, sampleRequest } from './support/batches';
import { expiredCert, privateCa, selfSignedCert, type TestCert } from './support/certs';
import { startProxy } from './support/proxy';
import { startHttpServer, startHttpsServer } from './support/servers';

const token = `dt0c01.${'P'.repeat(24)}.${'S'.repeat(64)}`;
const path = '/api/v2/otlp/v1/logs';

let selfSigned: TestCert;
let ca: TestCert;
let leaf: TestCert;
let expired: TestCert;

beforeAll(async () => {
  selfSigned = await selfSignedCert();
  ({ ca, leaf } = await privateCa());
  expired = await expiredCert();
});

async function send(
  url: string,
  network: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<SendResult> {
  const destination = destinationSchema.parse({
    tool: 'dynatrace',
    url,
    network,
  } as DestinationInput);
  // createSender reads the proxy variables from process.env; these tests pass
  // them per call instead, through the same code path (buildSender's env).
  const s = buildSender(destination, { credentials: { token }, timeoutMs: 5_000 }, { env }).sender;
  try {
    return await s.send(sampleBatch());
  } finally {
    await s.close();
  }
}

const ok = (_req: unknown, res: ServerResponse) => void res.writeHead(200).end();

describe('TLS trust', () => {
  it('refuses a self-signed certificate before sending anything, naming its fingerprint', async () => {
    const server = await startHttpsServer(selfSigned, ok);
    const result = await send(`${server.url}${path}`);
    expect(result).toMatchObject({ kind: 'refused', httpStatus: null, stopSending: true });
    expect(result.kind === 'refused' && result.message).toMatch(/self-signed certificate/);
    expect(result.kind === 'refused' && result.advice).toContain(selfSigned.fingerprint256);
    expect(server.requests).toHaveLength(0);
  });

  it('accepts that certificate once its fingerprint is pinned, and sends the batch', async () => {
    const server = await startHttpsServer(selfSigned, ok);
    const result = await send(`${server.url}${path}`, {
      pinnedCertificateSha256: selfSigned.fingerprint256.toLowerCase(),
    });
    expect(result).toMatchObject({ kind: 'accepted', httpStatus: 200 });
    expect(decodeExportRequest(new Uint8Array(server.requests[0]!.body))).toEqual(sampleRequest());
  });

  it('refuses another certificate than the pinned one', async () => {
    const server = await startHttpsServer(selfSigned, ok);
    const result = await send(`${server.url}${path}`, {
      pinnedCertificateSha256: expired.fingerprint256,
    });
    expect(result).toMatchObject({ kind: 'refused', stopSending: true });
    expect(result.kind === 'refused' && result.message).toMatch(
      /other than the one this stream trusts/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('needs the private CA for a certificate it issued, and trusts it once added', async () => {
    const server = await startHttpsServer(leaf, ok);
    const without = await send(`${server.url}${path}`);
    expect(without.kind === 'refused' && without.message).toMatch(
      /certificate authority this computer does not know/,
    );
    const withCa = await send(`${server.url}${path}`, { caCertificatePem: ca.cert });
    expect(withCa).toMatchObject({ kind: 'accepted' });
    expect(server.requests).toHaveLength(1);
  });

  it('explains an expired certificate', async () => {
    const server = await startHttpsServer(expired, ok);
    const result = await send(`${server.url}${path}`, { caCertificatePem: expired.cert });
    expect(result.kind === 'refused' && result.message).toMatch(/expired on/);
  });

  it('explains a plain-http server behind an https:// URL', async () => {
    const server = await startHttpServer(ok);
    const result = await send(`${server.url.replace('http:', 'https:')}${path}`);
    expect(result).toMatchObject({ kind: 'refused', stopSending: true });
    expect(result.kind === 'refused' && result.message).toMatch(/TLS handshake .* failed/);
  });
});

describe('proxies', () => {
  it("tunnels through the stream's own proxy (CONNECT), with the CA still checked end to end", async () => {
    const proxy = await startProxy();
    const server = await startHttpsServer(leaf, ok);
    const url = `https://dynatrace.sluice.test:${server.port}${path}`;
    const result = await send(url, { proxyUrl: proxy.url, caCertificatePem: ca.cert });
    expect(result).toMatchObject({ kind: 'accepted' });
    expect(proxy.connects).toEqual([`dynatrace.sluice.test:${server.port}`]);
    expect(server.requests[0]?.headers.authorization).toBe(`Api-Token ${token}`);
  });

  it('uses HTTPS_PROXY from the environment, and reports a wrong certificate name through it', async () => {
    const proxy = await startProxy();
    const server = await startHttpsServer(leaf, ok);
    const env = { HTTPS_PROXY: proxy.url };
    const good = await send(
      `https://dynatrace.sluice.test:${server.port}${path}`,
      { caCertificatePem: ca.cert },
      env,
    );
    expect(good).toMatchObject({ kind: 'accepted' });
    const wrongName = await send(
      `https://other.sluice.test:${server.port}${path}`,
      { caCertificatePem: ca.cert },
      env,
    );
    expect(wrongName.kind === 'refused' && wrongName.message).toMatch(/issued for another name/);
    expect(proxy.connects).toEqual([
      `dynatrace.sluice.test:${server.port}`,
      `other.sluice.test:${server.port}`,
    ]);
  });

  it('honours NO_PROXY, never proxies this machine, and can ignore the environment', async () => {
    const proxy = await startProxy();
    const server = await startHttpServer(ok);
    const env = {
      https_proxy: proxy.url,
      http_proxy: proxy.url,
      NO_PROXY: 'corp.example,.sluice.test',
    };
    const bypassed = await send(`https://dynatrace.sluice.test:1${path}`, {}, env);
    expect(bypassed.kind === 'retryable' && bypassed.message).toMatch(/could not be resolved/);
    const local = await send(`${server.url}${path}`, {}, env);
    expect(local).toMatchObject({ kind: 'accepted' });
    const ignored = await send(
      `https://dynatrace.sluice.test:1${path}`,
      { useEnvironmentProxy: false },
      { HTTPS_PROXY: proxy.url },
    );
    expect(ignored.kind).toBe('retryable');
    expect(proxy.connects).toEqual([]);
  });

  it('explains a proxy that wants credentials (407) and stops sending', async () => {
    const proxy = await startProxy({ requireAuth: true });
    const result = await send(`https://dynatrace.sluice.test:443${path}`, { proxyUrl: proxy.url });
    expect(result).toMatchObject({ kind: 'refused', stopSending: true });
    expect(result.kind === 'refused' && result.message).toMatch(/refused to open a tunnel: 407/);
    expect(result.kind === 'refused' && result.advice).toMatch(/user name and password/);
  });
});

describe('createSender, as the exporter calls it', () => {
  it('reads the proxy from process.env', async () => {
    const proxy = await startProxy();
    const server = await startHttpsServer(leaf, ok);
    const before = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = proxy.url;
    try {
      const s = createSender(
        {
          id: 's',
          destination: destinationSchema.parse({
            tool: 'dynatrace',
            url: `https://dynatrace.sluice.test:${server.port}${path}`,
            network: { caCertificatePem: ca.cert },
          }),
        },
        { credentials: { token }, timeoutMs: 5_000 },
      );
      expect((await s.send(sampleBatch())).kind).toBe('accepted');
      await s.close();
    } finally {
      if (before === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = before;
    }
    expect(proxy.connects).toHaveLength(1);
  });
});
