import type { PeerCertificate, TLSSocket } from 'node:tls';

/**
 * Certificate checks done by us rather than inside OpenSSL, so that a
 * rejection can say which certificate was presented (its fingerprint is what
 * a user pins) and so that a pinned self-signed certificate can be accepted.
 * Connections are opened with rejectUnauthorized: false and checked here
 * before a single request byte is written (undici hands us the socket on
 * 'secureConnect', before it sends anything).
 */

export interface CertificateSummary {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** AB:CD:... as Node prints it and as network.pinnedCertificateSha256 stores it. */
  fingerprint256: string;
  selfSigned: boolean;
}

export type CertificateProblem =
  | 'self-signed'
  | 'unknown-ca'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-name'
  | 'pin-mismatch'
  | 'other';

export class CertificateError extends Error {
  readonly code: string;
  constructor(
    /** OpenSSL's or Node's code (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, ...). */
    code: string,
    readonly problem: CertificateProblem,
    readonly host: string,
    readonly certificate: CertificateSummary | null,
  ) {
    super(`The certificate of ${host} is not trusted (${code})`);
    this.name = 'CertificateError';
    this.code = code;
  }
}

function dn(fields: Record<string, string | string[] | undefined> | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

export function summarizeCertificate(cert: PeerCertificate | undefined): CertificateSummary | null {
  if (!cert || !cert.fingerprint256) return null;
  const subject = dn(cert.subject as unknown as Record<string, string>);
  const issuer = dn(cert.issuer as unknown as Record<string, string>);
  return {
    subject,
    issuer,
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256.toUpperCase(),
    selfSigned: subject === issuer,
  };
}

export function classifyCertificateCode(code: string): CertificateProblem {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'self-signed';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_UNTRUSTED':
      return 'unknown-ca';
    case 'CERT_HAS_EXPIRED':
      return 'expired';
    case 'CERT_NOT_YET_VALID':
      return 'not-yet-valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return 'wrong-name';
    case 'SLUICE_PIN_MISMATCH':
      return 'pin-mismatch';
    default:
      return 'other';
  }
}

/**
 * Null when the connection may be used: the certificate chain and name check
 * passed, or the leaf certificate is exactly the pinned one. A pin widens
 * trust (a self-signed ActiveGate); it never narrows it.
 */
export function checkPeerTrust(
  socket: TLSSocket,
  host: string,
  pinnedSha256: string | null,
): CertificateError | null {
  if (socket.authorized) return null;
  const certificate = summarizeCertificate(socket.getPeerCertificate());
  if (pinnedSha256 !== null && certificate?.fingerprint256 === pinnedSha256) return null;
  const reason = socket.authorizationError as unknown;
  const code =
    typeof reason === 'string'
      ? reason
      : reason instanceof Error
        ? ((reason as NodeJS.ErrnoException).code ?? reason.message)
        : 'UNKNOWN';
  if (pinnedSha256 !== null && certificate !== null) {
    // Otherwise-untrusted and not the pinned one: say so, since the user
    // expects the pin to cover it (the certificate was probably replaced).
    return new CertificateError('SLUICE_PIN_MISMATCH', 'pin-mismatch', host, certificate);
  }
  return new CertificateError(code, classifyCertificateCode(code), host, certificate);
}
