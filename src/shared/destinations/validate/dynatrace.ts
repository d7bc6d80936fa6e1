import type { ToolDestination } from '../schema';
import { describeDynatraceUrl, dynatraceOtlpLogsPath } from '../endpoints';
import { warning, type DestinationIssue } from './issues';

/**
 * The URL an admin most often gets almost right: the environment's browser
 * address (apps.dynatrace.com), the OTLP base URL without /v1/logs, or the
 * generic log ingest API. Each is a warning with the corrected URL.
 */
function suggestedUrl(u: URL): string | null {
  const fixed = new URL(u.toString());
  const path = u.pathname.replace(/\/+$/, '');
  const apps = /^([a-z0-9-]+)\.apps\.dynatrace\.com$/.exec(u.hostname);
  if (apps) {
    return `https://${apps[1]}.live.dynatrace.com${dynatraceOtlpLogsPath}${u.search}`;
  }
  if (path.endsWith(dynatraceOtlpLogsPath)) return null;
  const prefix = /^(\/e\/[^/]+)?/.exec(path)?.[0] ?? '';
  fixed.pathname = `${prefix}${dynatraceOtlpLogsPath}`;
  return fixed.toString();
}

export function checkDynatrace(d: ToolDestination<'dynatrace'>): DestinationIssue[] {
  if (!URL.canParse(d.url)) return [];
  const u = new URL(d.url);
  const issues: DestinationIssue[] = [];
  const fix = suggestedUrl(u);
  if (fix !== null) {
    const path = u.pathname.replace(/\/+$/, '');
    let why: string;
    if (/\.apps\.dynatrace\.com$/.test(u.hostname)) {
      why =
        'This is the address of the Dynatrace web UI (apps.dynatrace.com). The API, including OTLP ingest, lives on live.dynatrace.com.';
    } else if (path.includes('/api/v2/logs/ingest')) {
      why =
        'This is the generic log ingest API, which takes Dynatrace JSON, not OTLP. Use the OTLP logs endpoint.';
    } else if (path.endsWith('/api/v2/otlp')) {
      why = 'This is the OTLP base URL; logs are posted to its /v1/logs path.';
    } else {
      why = `Dynatrace receives OTLP logs at ${dynatraceOtlpLogsPath}.`;
    }
    issues.push(
      warning('url', `${why} Did you mean ${fix}?`, {
        path: 'url',
        value: fix,
        label: 'Use this URL',
      }),
    );
  }
  const parts = describeDynatraceUrl(d.url);
  if (parts?.deployment === 'managed' && d.model === 'raw') {
    issues.push(
      warning(
        'model',
        'Dynatrace Managed stores every record with the flattened data model; the raw model (the structure parameter) applies to SaaS only.',
      ),
    );
  }
  if (
    u.protocol === 'https:' &&
    parts?.deployment === 'activegate' &&
    d.network.caCertificatePem === null &&
    d.network.pinnedCertificateSha256 === null
  ) {
    issues.push(
      warning(
        'network.caCertificatePem',
        'ActiveGates often use a self-signed or company-issued certificate. If Test stream reports a certificate problem, add your CA certificate or trust the certificate by its fingerprint.',
      ),
    );
  }
  return issues;
}
