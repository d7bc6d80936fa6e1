import type { Destination } from '../schema';
import { warning, type DestinationIssue } from './issues';

/**
 * Shape checks on a credential as typed in the wizard. Only warnings: token
 * formats change, and a test against the real service is the real check. The
 * value is never quoted back in a message.
 */

/** Prefixes people paste along with the value, copied from a header example. */
const pastedSchemes: Partial<Record<Destination['tool'], RegExp>> = {
  dynatrace: /^Api-Token\s+/i,
  splunk: /^Splunk\s+/i,
  elastic: /^(?:Bearer|ApiKey)\s+/i,
};

/** The value without a pasted scheme prefix; the sender sends this. */
export function stripPastedScheme(tool: Destination['tool'], value: string): string {
  const scheme = pastedSchemes[tool];
  const v = value.trim();
  return scheme ? v.replace(scheme, '') : v;
}

function dynatraceToken(value: string): DestinationIssue[] {
  if (/^dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/.test(value)) return [];
  if (/^dt0s\d\d\./.test(value)) {
    return [
      warning(
        'credentials.token',
        'This looks like a platform token or OAuth client secret (dt0s…). OTLP ingest takes an access token (dt0c01.…) with the logs.ingest scope: Access Tokens > Generate new token.',
      ),
    ];
  }
  return [
    warning(
      'credentials.token',
      'This does not look like a Dynatrace access token, which reads dt0c01.<24 characters>.<64 characters>. Copy it again from Access Tokens (it is shown only once, when generated).',
    ),
  ];
}

function byTool(d: Destination, name: string, value: string): DestinationIssue[] {
  switch (d.tool) {
    case 'dynatrace':
      return dynatraceToken(value);
    case 'newrelic':
      if (/^NRAK-/.test(value)) {
        return [
          warning(
            'credentials.token',
            'This is a New Relic User key (NRAK-…). OTLP needs an Ingest - License key: API Keys > Create a key > Ingest - License.',
          ),
        ];
      }
      return value.length === 40
        ? []
        : [
            warning(
              'credentials.token',
              'New Relic license keys are 40 characters long (ingest keys end in NRAL). Copy it again from API Keys.',
            ),
          ];
    case 'datadog':
      return /^[0-9a-f]{32}$/.test(value)
        ? []
        : [
            warning(
              'credentials.token',
              'Datadog API keys are 32 hexadecimal characters. Copy one from Organization Settings > API Keys (not an Application key).',
            ),
          ];
    case 'splunk':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
        ? []
        : [
            warning(
              'credentials.token',
              'HEC tokens look like 12345678-abcd-1234-abcd-1234567890ab. Copy the Token Value from Settings > Data inputs > HTTP Event Collector.',
            ),
          ];
    case 's3':
      if (d.endpoint !== null) return [];
      if (name === 'accessKeyId' && !/^(?:AKIA|ASIA)[A-Z0-9]{16}$/.test(value)) {
        return [
          warning(
            'credentials.accessKeyId',
            'AWS access key ids are 20 characters starting with AKIA. Copy it from IAM > Users > Security credentials.',
          ),
        ];
      }
      if (name === 'secretAccessKey' && value.length !== 40) {
        return [
          warning(
            'credentials.secretAccessKey',
            'AWS secret access keys are 40 characters. It is shown only once, when the access key is created.',
          ),
        ];
      }
      return [];
    default:
      return [];
  }
}

export function validateCredential(d: Destination, name: string, raw: string): DestinationIssue[] {
  const issues: DestinationIssue[] = [];
  const value = stripPastedScheme(d.tool, raw);
  if (value !== raw.trim()) {
    issues.push(
      warning(
        `credentials.${name}`,
        'Paste only the key itself: Sluice adds the scheme word (Api-Token, Splunk, Bearer or ApiKey) to the header. It was removed.',
      ),
    );
  }
  if (/\s/.test(value)) {
    issues.push(
      warning(
        `credentials.${name}`,
        'The value contains spaces or line breaks; API keys do not. Copy it again.',
      ),
    );
    return issues;
  }
  return [...issues, ...byTool(d, name, value)];
}
