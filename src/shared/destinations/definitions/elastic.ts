import { sluiceCeiling } from '../request-limits';
import type { DestinationDefinition } from './types';

export const elasticDefinition: DestinationDefinition<'elastic'> = {
  tool: 'elastic',
  label: 'Elastic Cloud',
  summary: "Elastic's managed OTLP endpoint or an APM Server, over OTLP/HTTP.",
  docsUrl: 'https://www.elastic.co/docs/reference/opentelemetry/motlp/managed-otlp-endpoint',
  fields: [
    {
      key: 'url',
      kind: 'url',
      label: 'OTLP endpoint',
      help:
        'The managed OTLP endpoint (Kibana: Add data > Application > OpenTelemetry) or your APM Server URL ' +
        '(Fleet > Agent policies > Elastic APM). /v1/logs is added unless the URL already ends with it.',
      placeholder: 'https://my-deployment.ingest.us-east-1.aws.elastic.cloud',
      required: true,
    },
    {
      key: 'auth',
      kind: 'select',
      label: 'Authentication',
      help: 'API keys work with both endpoints; a secret token only with an APM Server that has one configured.',
      required: true,
      options: [
        { value: 'api-key', label: 'API key', help: 'Sent as Authorization: ApiKey <key>.' },
        {
          value: 'secret-token',
          label: 'APM secret token',
          help: 'Sent as Authorization: Bearer <token>.',
        },
      ],
    },
  ],
  credentials: [
    {
      name: 'token',
      label: 'API key or secret token',
      help: 'An API key (the encoded value Kibana shows once, under Stack Management > API keys) or the APM Server secret token. Paste the value alone.',
      placeholder: 'VnVhQ2ZHY0JDZGJrU…',
      sentAs: 'Authorization: ApiKey <key> (or Bearer <secret token>)',
      optional: false,
    },
  ],
  urlBuilders: [],
  defaults: { url: '', auth: 'api-key' },
  requestLimits: {
    requestBytes: {
      value: 4_000_000,
      kind: 'recommended',
      source: {
        title:
          'EDOT Collector default configuration: batching configuration for the Managed OTLP Endpoint',
        url: 'https://www.elastic.co/docs/reference/edot-collector/config/default-config-standalone',
      },
      note:
        'Elastic documents no hard request limit for its managed OTLP endpoint; a 413 is answered by ' +
        '"lowering batching limits", and the recommended batch is at most 4,000,000 bytes uncompressed ' +
        '(max_size: 4_000_000).',
    },
    recordsPerRequest: sluiceCeiling(
      'records',
      'Elastic documents no record count per OTLP request.',
    ),
  },
  troubleshooting: {
    unauthorized:
      'Elastic did not accept the credential: check it was copied whole and that "Authentication" matches it (API key or secret token).',
    forbidden:
      "The API key is valid but lacks privileges to write data: create one with the ingest privileges Elastic's OTLP documentation lists.",
    notFound:
      'Nothing answers at this address: use the managed OTLP endpoint or the APM Server URL, not the Kibana or Elasticsearch address.',
    badRequest: 'Elastic could not read the request; the response body says why.',
    tooLarge:
      "The request was larger than Elastic accepts. Sluice splits such batches; lower the stream's maximum batch size to avoid it.",
    serverError: "Elastic had a problem. Check your deployment's health in Elastic Cloud.",
    refusedConnection:
      'Check the port in the URL (Elastic Cloud listens on 443; a self-managed APM Server on 8200) and that the APM Server or integration is running; a firewall may also refuse it.',
    certificateOwner: 'a self-managed APM Server or a company proxy',
  },
  findRecordQuery: (testId) => `"${testId}"`,
  findRecordHint: (testId) => `In Kibana Discover (logs), search: "${testId}"`,
};
