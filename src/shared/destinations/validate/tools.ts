import type { ToolDestination } from '../schema';
import { datadogLogsUrl, datadogSites, otlpLogsPath, splunkHecEventPath } from '../endpoints';
import { error, warning, type DestinationIssue } from './issues';

function pathOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).pathname.replace(/\/+$/, '') : null;
}

export function checkNewRelic(d: ToolDestination<'newrelic'>): DestinationIssue[] {
  const path = d.url === null ? null : pathOf(d.url);
  if (path !== null && !path.endsWith(otlpLogsPath)) {
    return [
      warning(
        'url',
        `OTLP receivers take logs at ${otlpLogsPath}; this URL is used exactly as entered. Leave it empty to use the ${d.region.toUpperCase()} region's endpoint.`,
      ),
    ];
  }
  return [];
}

export function checkElastic(d: ToolDestination<'elastic'>): DestinationIssue[] {
  if (!URL.canParse(d.url)) return [];
  const host = new URL(d.url).hostname;
  if (/\.kb\.|kibana/.test(host)) {
    return [
      warning(
        'url',
        'This looks like the Kibana address. Use the APM Server URL or the managed OTLP endpoint (Kibana: Add data > OpenTelemetry, or Fleet > Agent policies > Elastic APM).',
      ),
    ];
  }
  if (/\.es\.[a-z0-9.-]+\.(?:elastic-cloud\.com|cloud\.es\.io)$/.test(host)) {
    return [
      warning(
        'url',
        'This looks like the Elasticsearch address, which does not accept OTLP. Use the APM Server URL (…apm…) or the managed OTLP endpoint (…ingest…).',
      ),
    ];
  }
  return [];
}

export function checkDatadog(d: ToolDestination<'datadog'>): DestinationIssue[] {
  const issues: DestinationIssue[] = [];
  if (d.url === null && datadogLogsUrl(d.site) === null) {
    issues.push(
      error('site', 'Choose your Datadog site, for example datadoghq.com or datadoghq.eu.'),
    );
  } else if (!datadogSites.some((s) => s.value === d.site)) {
    issues.push(
      warning(
        'site',
        `${d.site} is not a Datadog site we know. Your site is the domain of the Datadog address you log in to (for example app.datadoghq.eu → datadoghq.eu).`,
      ),
    );
  }
  return issues;
}

export function checkSplunk(d: ToolDestination<'splunk'>): DestinationIssue[] {
  const path = pathOf(d.url);
  if (path === null) return [];
  if (path.endsWith('/services/collector/raw')) {
    return [
      warning(
        'url',
        `Sluice sends JSON events, which the raw endpoint would index as plain text. Use ${splunkHecEventPath}.`,
        {
          path: 'url',
          value: d.url.replace(/\/services\/collector\/raw\/?$/, splunkHecEventPath),
          label: 'Use the event endpoint',
        },
      ),
    ];
  }
  if (path !== '' && !path.endsWith('/services/collector') && !path.endsWith(splunkHecEventPath)) {
    return [
      warning(
        'url',
        `Splunk's HTTP Event Collector takes JSON events at ${splunkHecEventPath}; this URL is used exactly as entered.`,
      ),
    ];
  }
  return [];
}

/** The S3 bucket naming rules that matter for sending (docs/destinations.md). */
export function checkS3(d: ToolDestination<'s3'>): DestinationIssue[] {
  const issues: DestinationIssue[] = [];
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(d.bucket) || d.bucket.includes('..')) {
    issues.push(
      error(
        'bucket',
        'Bucket names are 3 to 63 characters: lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit. Copy the name from the S3 console.',
      ),
    );
  }
  if (d.endpoint === null && !/^[a-z]{2}(?:-[a-z]+)+-\d$/.test(d.region)) {
    issues.push(
      warning(
        'region',
        `${d.region} does not look like an AWS region (for example eu-west-1). The bucket's region is shown in the S3 console.`,
      ),
    );
  }
  if (d.prefix.startsWith('/')) {
    issues.push(
      warning(
        'prefix',
        'Object keys should not start with "/": S3 would show an empty folder name first.',
        {
          path: 'prefix',
          value: d.prefix.replace(/^\/+/, ''),
          label: 'Remove the leading slash',
        },
      ),
    );
  }
  if (d.endpoint !== null && !d.forcePathStyle) {
    issues.push(
      warning(
        'forcePathStyle',
        'Most S3-compatible servers (MinIO, Ceph, s3rver) need path-style addresses (endpoint/bucket/key). Turn on "Path-style addressing" if Test stream cannot find the bucket.',
      ),
    );
  }
  return issues;
}

/** RFC 9110 token characters: what an HTTP header name may contain. */
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function checkOtlp(d: ToolDestination<'otlp'>): DestinationIssue[] {
  const issues: DestinationIssue[] = [];
  if (d.headerName !== '' && !headerNamePattern.test(d.headerName)) {
    issues.push(
      error(
        'headerName',
        'A header name has no spaces or colons: for example Authorization, api-key or X-API-Key.',
      ),
    );
  }
  const path = pathOf(d.url);
  if (path !== null && !path.endsWith(otlpLogsPath)) {
    issues.push(
      warning(
        'url',
        `OTLP/HTTP receivers take logs at ${otlpLogsPath}; this URL is used exactly as entered.`,
      ),
    );
  }
  return issues;
}
