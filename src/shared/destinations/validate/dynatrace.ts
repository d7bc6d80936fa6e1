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

/** A SaaS address with the Managed setting, or a Managed address with a SaaS one. */
function tenantMismatch(
  d: ToolDestination<'dynatrace'>,
  deployment: 'saas' | 'managed' | 'activegate' | 'unknown',
): DestinationIssue[] {
  if (deployment === 'managed' && d.tenant !== 'managed') {
    return [
      warning(
        'tenant',
        'This looks like a Dynatrace Managed address (/e/{environment-id}/ on your own domain): Managed has Log Monitoring Classic and its lower limits.',
        { path: 'tenant', value: 'managed', label: 'Use Managed' },
      ),
    ];
  }
  if (deployment === 'saas' && d.tenant === 'managed') {
    return [
      warning(
        'tenant',
        "This is a Dynatrace SaaS address (live.dynatrace.com), but Managed is chosen: the inspector and the checks will apply Managed's much lower limits.",
        { path: 'tenant', value: 'saas-openpipeline', label: 'Use SaaS with OpenPipeline' },
      ),
    ];
  }
  return [];
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
  if ((parts?.deployment === 'managed' || d.tenant === 'managed') && d.model === 'raw') {
    issues.push(
      warning(
        'model',
        'Dynatrace Managed stores every record with the flattened data model; the raw model (the structure parameter) applies to SaaS only.',
        { path: 'model', value: 'flattened', label: 'Use flattened' },
      ),
    );
  }
  issues.push(...tenantMismatch(d, parts?.deployment ?? 'unknown'));
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
