import { sluiceCeiling } from '../request-limits';
import type { DestinationDefinition } from './types';

export const otlpDefinition: DestinationDefinition<'otlp'> = {
  tool: 'otlp',
  label: 'Other (OTLP/HTTP)',
  summary: 'Any OTLP/HTTP receiver: an OpenTelemetry Collector, or a tool not listed.',
  docsUrl: 'https://opentelemetry.io/docs/specs/otlp/#otlphttp',
  fields: [
    {
      key: 'url',
      kind: 'url',
      label: 'Endpoint',
      help: 'The full logs URL, used exactly as entered; for OTLP receivers it ends in /v1/logs (a local collector: http://127.0.0.1:4318/v1/logs).',
      placeholder: 'https://collector.example.com:4318/v1/logs',
      required: true,
    },
    {
      key: 'headerName',
      kind: 'text',
      label: 'API key header name',
      help: 'The header the receiver reads the key from, for example Authorization, api-key or X-API-Key. It is sent only with an API key.',
      placeholder: 'Authorization',
      required: false,
    },
    {
      key: 'encoding',
      kind: 'select',
      label: 'Encoding',
      help: "Protobuf is OTLP's default and smallest; choose JSON only if the receiver needs it.",
      required: true,
      options: [
        { value: 'protobuf', label: 'Protobuf', help: 'Content-Type: application/x-protobuf' },
        { value: 'json', label: 'JSON', help: 'Content-Type: application/json' },
      ],
    },
    {
      key: 'compression',
      kind: 'select',
      label: 'Compression',
      help: 'Gzip saves bandwidth; choose none only if the receiver cannot decompress.',
      required: true,
      options: [
        { value: 'gzip', label: 'gzip' },
        { value: 'none', label: 'None' },
      ],
    },
  ],
  credentials: [
    {
      name: 'token',
      label: 'API key',
      help: 'The whole header value, including any scheme word the receiver expects (for bearer tokens: "Bearer …"; for Dynatrace: "Api-Token dt0c01.…"). Leave it empty for a receiver without authentication, such as a local Collector: no key, no header.',
      placeholder: 'Bearer …',
      sentAs: '<header name>: <API key>',
      sending: 'Only when there is a key: without one, no header is sent.',
      optional: true,
    },
  ],
  urlBuilders: [],
  defaults: { url: '', headerName: 'Authorization', encoding: 'protobuf', compression: 'gzip' },
  requestLimits: {
    requestBytes: sluiceCeiling(
      'bytes',
      "The OTLP specification sets no size limit; receivers do. The OpenTelemetry Collector's " +
        "OTLP/HTTP receiver takes 20 MiB by default (max_request_body_size), above Sluice's ceiling; " +
        "lower the stream's batch size for a receiver set lower.",
      {
        title: 'OpenTelemetry Collector confighttp: max_request_body_size',
        url: 'https://github.com/open-telemetry/opentelemetry-collector/blob/main/config/confighttp/README.md',
      },
    ),
    recordsPerRequest: sluiceCeiling(
      'records',
      'The OTLP specification sets no record count per request.',
    ),
  },
  troubleshooting: {
    unauthorized:
      'The receiver did not accept the key: check the header name and the whole value, including a scheme word such as Bearer or Api-Token if it needs one.',
    forbidden:
      'The receiver accepted the key but refused the request: the key may lack permission to ingest logs.',
    notFound:
      'Nothing answers at this address: OTLP/HTTP receivers take logs at /v1/logs, and the URL is used exactly as entered.',
    badRequest:
      'The receiver could not read the request; try the other encoding if it supports only one.',
    tooLarge:
      "The request was larger than the receiver accepts. Sluice splits such batches; lower the stream's maximum batch size to avoid it.",
    serverError: 'The receiver had a problem.',
    refusedConnection:
      'Check the port in the URL (OTLP/HTTP receivers such as the OpenTelemetry Collector listen on 4318 unless configured otherwise) and that the receiver is running; a firewall may also refuse it.',
    certificateOwner: 'a Collector in your network or a company proxy',
  },
  findRecordHint: (testId) => `Look for a record whose attribute sluice.test.id is ${testId}.`,
};
