import { newRelicRegions } from '../endpoints';
import { sluiceCeiling } from '../request-limits';
import type { DestinationDefinition } from './types';

export const newRelicDefinition: DestinationDefinition<'newrelic'> = {
  tool: 'newrelic',
  label: 'New Relic',
  summary: 'New Relic native OTLP endpoint (US, EU or FedRAMP).',
  docsUrl: 'https://docs.newrelic.com/docs/opentelemetry/best-practices/opentelemetry-otlp/',
  fields: [
    {
      key: 'region',
      kind: 'select',
      label: 'Data center',
      help: 'Where your New Relic account lives: EU if you log in at one.eu.newrelic.com, US otherwise (FedRAMP for US government accounts).',
      required: true,
      options: newRelicRegions.map((r) => ({
        value: r.value,
        label: r.label,
        help: `${r.baseUrl}/v1/logs`,
      })),
    },
    {
      key: 'url',
      kind: 'url',
      label: 'Endpoint override',
      help: "Leave empty to use the data center's endpoint. Set only to send through something in between, such as a collector.",
      placeholder: 'https://otlp.nr-data.net/v1/logs',
      required: false,
      advanced: true,
    },
  ],
  credentials: [
    {
      name: 'token',
      label: 'License key',
      help: 'An Ingest - License key of the account to report to: API Keys > Create a key > Ingest - License (40 characters, ending in NRAL). A User key (NRAK-…) does not work.',
      placeholder: '0123456789abcdef0123456789abcdef0123NRAL',
      sentAs: 'api-key: <license key>',
      optional: false,
    },
  ],
  urlBuilders: [],
  defaults: { region: 'us', url: null },
  requestLimits: {
    requestBytes: {
      value: 1_000_000,
      kind: 'documented',
      source: {
        title: 'New Relic OTLP endpoint: payload batching, timeout, compression and rate limits',
        url: 'https://docs.newrelic.com/docs/opentelemetry/best-practices/opentelemetry-otlp/#payload-limits',
      },
      note: '"Your payloads must be smaller than the 1MB (10^6 bytes) maximum payload size."',
    },
    recordsPerRequest: sluiceCeiling(
      'records',
      'New Relic documents no record count per OTLP request, only the payload size.',
    ),
  },
  troubleshooting: {
    unauthorized:
      'New Relic did not accept the key: use an Ingest - License key (not a User key, NRAK-…) of the account you want to report to.',
    forbidden:
      'New Relic refused the key for this endpoint: check the data center (an EU account needs the EU endpoint) and that the key is an Ingest - License key.',
    notFound:
      "Nothing answers at this address: leave the endpoint override empty to use the data center's OTLP endpoint.",
    badRequest: 'New Relic could not read the request; the response body says why.',
    tooLarge:
      "New Relic accepts at most 1 MB per request. Sluice splits such batches; lower the stream's maximum batch size to avoid it.",
    serverError: 'New Relic had a problem. Check status.newrelic.com.',
    refusedConnection:
      "Check the URL: New Relic's OTLP endpoints listen on 443 (and 4318). A firewall or proxy on your side may be refusing the connection.",
    certificateOwner: 'a company proxy that inspects TLS',
  },
  findRecordQuery: (testId) =>
    `SELECT * FROM Log WHERE \`sluice.test.id\` = '${testId}' SINCE 30 minutes ago`,
  findRecordHint: (testId) =>
    `In New Relic, run the NRQL query: SELECT * FROM Log WHERE \`sluice.test.id\` = '${testId}' SINCE 30 minutes ago`,
};
