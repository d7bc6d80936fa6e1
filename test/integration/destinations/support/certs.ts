import { generate } from 'selfsigned';

/**
 * Certificates for TLS tests, made once per test file (RSA key generation is
 * the slow part). `selfSigned` is its own issuer, for the "self-signed
 * ActiveGate" case; `ca` + `leaf` is a private CA, for the "add our CA" case.
 * Names cover 127.0.0.1 and the made-up names tests reach through the proxy.
 */
export interface TestCert {
  key: string;
  cert: string;
  fingerprint256: string;
}

const altNames = [
  { type: 7 as const, ip: '127.0.0.1' },
  { type: 2 as const, value: 'localhost' },
  { type: 2 as const, value: 'dynatrace.sluice.test' },
];

function serverExtensions(names = altNames) {
  return [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage' as const, serverAuth: true },
    { name: 'subjectAltName' as const, altNames: names },
  ];
}

function fingerprintOf(pem: string): Promise<string> {
  return import('node:crypto').then(
    ({ X509Certificate }) => new X509Certificate(pem).fingerprint256,
  );
}

async function asTestCert(p: { private: string; cert: string }): Promise<TestCert> {
  return { key: p.private, cert: p.cert, fingerprint256: await fingerprintOf(p.cert) };
}

export async function selfSignedCert(commonName = 'activegate.sluice.test'): Promise<TestCert> {
  const p = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: serverExtensions(),
  });
  return asTestCert(p);
}

export async function privateCa(): Promise<{ ca: TestCert; leaf: TestCert }> {
  const ca = await generate([{ name: 'commonName', value: 'Sluice Test CA' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'dynatrace.sluice.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: serverExtensions(),
    ca: { key: ca.private, cert: ca.cert },
  });
  return { ca: await asTestCert(ca), leaf: await asTestCert(leaf) };
}

export async function expiredCert(): Promise<TestCert> {
  const p = await generate([{ name: 'commonName', value: 'expired.sluice.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: serverExtensions(),
    notBeforeDate: new Date(Date.now() - 3 * 86_400_000),
    notAfterDate: new Date(Date.now() - 86_400_000),
  });
  return asTestCert(p);
}
