import { datadogSites } from '../endpoints';
import { sluiceCeiling } from '../request-limits';
import type { DestinationDefinition } from './types';

export const datadogDefinition: DestinationDefinition<'datadog'> = {
  tool: 'datadog',
  label: 'Datadog',
  summary: "Datadog's OTLP logs intake for your site, no Agent needed.",
  docsUrl: 'https://docs.datadoghq.com/opentelemetry/setup/otlp_ingest/logs/',
  fields: [
    {
      key: 'site',
      kind: 'select',
      label: 'Datadog site',
      help: 'The domain of the address you log in to Datadog at (app.datadoghq.eu → datadoghq.eu). Logs go to https://otlp.{site}/v1/logs.',
      required: true,
      options: datadogSites.map((s) => ({ value: s.value, label: s.label })),
    },
    {
      key: 'url',
      kind: 'url',
      label: 'Endpoint override',
      help: "Leave empty to use the site's OTLP logs intake. Set only if Datadog gave you another endpoint.",
      placeholder: 'https://otlp.datadoghq.com/v1/logs',
      required: false,
      advanced: true,
    },
  ],
  credentials: [
    {
      name: 'token',
      label: 'API key',
      help: 'A Datadog API key (32 hexadecimal characters): Organization Settings > API Keys. An Application key does not work.',
      placeholder: '0123456789abcdef0123456789abcdef',
      sentAs: 'dd-api-key: <API key>',
      optional: false,
    },
  ],
  urlBuilders: [],
  defaults: { site: 'datadoghq.com', url: null },
  requestLimits: {
    requestBytes: {
      value: 5_347_737,
      kind: 'documented',
      source: {
        title: 'Datadog OTLP Intake Endpoint: intake limits',
        url: 'https://docs.datadoghq.com/opentelemetry/setup/otlp_ingest/',
      },
      note: '"/v1/logs: maximum payload size 5.1 MiB (uncompressed)": 5.1 x 1,048,576 = 5,347,737 bytes, rounded down.',
    },
    recordsPerRequest: sluiceCeiling(
      'records',
      'Datadog documents no record count for OTLP logs (the 1,000 entries of its own HTTP logs API do not apply).',
    ),
  },
  troubleshooting: {
    unauthorized:
      'Datadog did not accept the API key: copy an API key (not an Application key) from Organization Settings > API Keys.',
    forbidden:
      'Datadog refused the request: the API key may belong to another site. Check the site matches the address you log in at.',
    notFound:
      "Nothing answers at this address: leave the endpoint override empty to use the site's OTLP logs intake.",
    badRequest: 'Datadog could not read the request; the response body says why.',
    tooLarge:
      "The request was larger than Datadog accepts. Sluice splits such batches; lower the stream's maximum batch size to avoid it.",
    serverError: 'Datadog had a problem. Check status.datadoghq.com.',
    refusedConnection:
      "Check the URL: Datadog's OTLP intake listens on 443. A firewall or proxy on your side may be refusing the connection.",
    certificateOwner: 'a company proxy that inspects TLS',
  },
  findRecordQuery: (testId) => `@sluice.test.id:${testId}`,
  findRecordHint: (testId) => `In Datadog Log Explorer, search: @sluice.test.id:${testId}`,
};
