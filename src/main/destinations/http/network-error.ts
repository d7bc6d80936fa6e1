import { CertificateError, type CertificateSummary } from '../network/tls-trust';
import { ProxyTunnelError } from '../network/tunnel';
import type { Troubleshooting } from '../../../shared/destinations/definitions/types';
import { DeadlineExceededError } from './deadline';

/**
 * Turns a failure below HTTP (DNS, TCP, TLS, proxy, timeout) into words an
 * admin can act on, and says which Test stream step it belongs to and whether
 * trying again later can help.
 */
export type NetworkStep = 'resolve' | 'connect' | 'tls' | 'send';

export interface NetworkFailure {
  step: NetworkStep;
  code: string;
  message: string;
  advice: string;
  /** True when the same request may work later (the exporter retries). */
  retryable: boolean;
  /** True when only a configuration change can help (the exporter stops sending). */
  stopSending: boolean;
  certificate: CertificateSummary | null;
}

export interface FailureContext {
  /** host:port of the destination. */
  target: string;
  /** host:port of the proxy in use, or null. */
  proxy: string | null;
  timeoutMs: number;
  /**
   * The tool's own words for what to check (its usual ports, whose
   * certificate it usually is): a Splunk failure must not talk about
   * ActiveGates. Without them the advice names no tool.
   */
  hints?: ToolHints;
}

export type ToolHints = Pick<Troubleshooting, 'refusedConnection' | 'certificateOwner'>;

const genericHints: ToolHints = {
  refusedConnection:
    'Check the port in the URL and that the service is running; a firewall may also refuse it.',
  certificateOwner: 'a server in your network or a company proxy',
};

export function errorCode(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED') return code;
    e = (e as { cause?: unknown }).cause;
  }
  if (err instanceof Error && err.name === 'AbortError') return 'ABORT_ERR';
  return 'UNKNOWN';
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function describeCertificateProblem(
  err: CertificateError,
  hints: ToolHints = genericHints,
): {
  message: string;
  advice: string;
} {
  const c = err.certificate;
  const fp = c ? ` Its SHA-256 fingerprint is ${c.fingerprint256}.` : '';
  const who = c ? ` It was issued to "${c.subject}" by "${c.issuer}".` : '';
  const trustAdvice =
    `If this is your server (${hints.certificateOwner} usually is), add your company's CA certificate in the stream's network settings` +
    (c
      ? `, or trust this certificate by its fingerprint ${c.fingerprint256} after checking it with your administrator.`
      : '.');
  switch (err.problem) {
    case 'self-signed':
      return {
        message: `${err.host} presented a self-signed certificate, which no certificate authority vouches for.${who}${fp}`,
        advice: trustAdvice,
      };
    case 'unknown-ca':
      return {
        message: `${err.host} presented a certificate issued by a certificate authority this computer does not know.${who}${fp}`,
        advice: trustAdvice,
      };
    case 'expired':
      return {
        message: `The certificate of ${err.host} expired on ${c?.validTo ?? 'an earlier date'}.${fp}`,
        advice: "Ask the server's administrator to renew it. Also check this computer's clock.",
      };
    case 'not-yet-valid':
      return {
        message: `The certificate of ${err.host} is not valid before ${c?.validFrom ?? 'a later date'}.${fp}`,
        advice: "Check this computer's date and time.",
      };
    case 'wrong-name':
      return {
        message: `The certificate presented by ${err.host} was issued for another name ("${c?.subject ?? 'unknown'}").${fp}`,
        advice:
          'Use the host name the certificate was issued for in the URL (not an IP address or alias), or ask for a certificate that covers this name.',
      };
    case 'pin-mismatch':
      return {
        message: `${err.host} presented a certificate other than the one this stream trusts.${fp}`,
        advice:
          "The server's certificate may have been renewed, or something is intercepting the connection. If your administrator confirms the new fingerprint, trust it instead.",
      };
    default:
      return {
        message: `The certificate of ${err.host} could not be verified (${err.code}).${who}${fp}`,
        advice: trustAdvice,
      };
  }
}

export function describeNetworkFailure(err: unknown, ctx: FailureContext): NetworkFailure {
  const code = errorCode(err);
  const via = ctx.proxy ? ` through the proxy ${ctx.proxy}` : '';
  const base = { code, certificate: null };
  if (err instanceof CertificateError) {
    return {
      ...base,
      step: 'tls',
      ...describeCertificateProblem(err, ctx.hints),
      retryable: false,
      stopSending: true,
      certificate: err.certificate,
    };
  }
  if (err instanceof ProxyTunnelError) {
    const auth = err.status === 407;
    return {
      ...base,
      step: 'connect',
      message: `${err.message} to ${ctx.target}.`,
      advice: auth
        ? 'The proxy wants a user name and password: set HTTPS_PROXY=http://user:password@host:port in the environment Sluice starts in.'
        : "Ask the proxy's administrator to allow connections to this host and port, or check the proxy address.",
      retryable: !auth && (err.status === null || err.status >= 500),
      stopSending: auth || (err.status !== null && err.status < 500),
    };
  }
  if (
    err instanceof DeadlineExceededError ||
    code === 'SLUICE_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return {
      ...base,
      step: 'send',
      message: `${ctx.target} did not answer within ${seconds(ctx.timeoutMs)}${via}.`,
      advice:
        'The connection was made but no answer came back: the service may be overloaded, or a firewall or proxy may be holding the request. ' +
        "Sluice retries; if the destination is just slow, raise the stream's timeout.",
      retryable: true,
      stopSending: false,
    };
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
    case 'EAI_NODATA': {
      const host = ctx.proxy ?? ctx.target.replace(/:\d+$/, '');
      return {
        ...base,
        step: 'resolve',
        message: `The name ${host} could not be resolved (${code === 'EAI_AGAIN' ? 'DNS did not answer' : 'no such host'}).`,
        advice: ctx.proxy
          ? "Check the proxy address (HTTPS_PROXY or the stream's proxy setting) for typos."
          : "Check the host name in the URL for typos. If this computer reaches the internet only through a proxy, set it in the stream's network settings or in HTTPS_PROXY.",
        retryable: true,
        stopSending: false,
      };
    }
    case 'ECONNREFUSED':
      return {
        ...base,
        step: 'connect',
        message: `${ctx.proxy ?? ctx.target} refused the connection: nothing is listening on that port.`,
        advice: ctx.proxy
          ? "Check the proxy's port and that the proxy is running."
          : (ctx.hints ?? genericHints).refusedConnection,
        retryable: true,
        stopSending: false,
      };
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return {
        ...base,
        step: 'connect',
        message: `Could not connect to ${ctx.proxy ?? ctx.target} (${code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' ? 'no answer' : 'network unreachable'}).`,
        advice:
          "A firewall may be dropping the connection, or this computer may need a proxy to reach it (set it in the stream's network settings or in HTTPS_PROXY).",
        retryable: true,
        stopSending: false,
      };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return {
        ...base,
        step: 'send',
        message: `${ctx.target} closed the connection before answering${via}.`,
        advice:
          "The server or something in between (a load balancer, proxy or firewall) dropped the request. Sluice retries; if it keeps happening, check the URL's port and protocol.",
        retryable: true,
        stopSending: false,
      };
    default:
      break;
  }
  if (
    /^ERR_SSL_|^EPROTO$|^ERR_TLS_/.test(code) ||
    /wrong version number|ssl3_get_record|packet length too long/i.test(
      String((err as Error)?.message),
    )
  ) {
    return {
      ...base,
      step: 'tls',
      message: `The TLS handshake with ${ctx.target} failed (${code}).`,
      advice:
        'The server may not speak https on this port (try http:// for a local endpoint, or check the port), or it accepts only TLS versions or ciphers Node does not offer.',
      retryable: false,
      stopSending: true,
    };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    ...base,
    step: 'send',
    message: `The request to ${ctx.target} failed${via}: ${detail}.`,
    advice: 'Sluice retries. If it persists, run Test stream to see which step fails.',
    retryable: true,
    stopSending: false,
  };
}
