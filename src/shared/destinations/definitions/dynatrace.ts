import { dynatraceActiveGateUrl, dynatraceManagedUrl, dynatraceSaasUrl } from '../endpoints';
import { dynatraceTenantLabels } from '../../dynatrace/tenant';
import {
  DYNATRACE_MAX_RECORDS_PER_REQUEST,
  DYNATRACE_OTLP_MAX_REQUEST_BYTES,
  LIMIT_SOURCES,
} from '../../dynatrace/limits-data';
import type { DestinationDefinition } from './types';

export const dynatraceDefinition: DestinationDefinition<'dynatrace'> = {
  tool: 'dynatrace',
  label: 'Dynatrace',
  summary: 'OTLP logs ingest of a SaaS or Managed environment, directly or through an ActiveGate.',
  docsUrl:
    'https://docs.dynatrace.com/docs/discover-dynatrace/references/dynatrace-api/environment-api/opentelemetry/post-logs',
  fields: [
    {
      key: 'url',
      kind: 'url',
      label: 'OTLP logs URL',
      help:
        'Ends in /api/v2/otlp/v1/logs. SaaS: https://{environment-id}.live.dynatrace.com/api/v2/otlp/v1/logs. ' +
        'Build it from your environment id below, or paste it. The environment id is the first part of your Dynatrace address.',
      placeholder: 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs',
      required: true,
    },
    {
      key: 'tenant',
      kind: 'select',
      label: 'Dynatrace and its log pipeline',
      help:
        'Decides what Dynatrace keeps of each record, and so what the record inspector and the stream page warn about. ' +
        'SaaS environments process logs with OpenPipeline unless they are routed to the Classic pipeline; ' +
        'Managed has Log Monitoring Classic, with much lower limits.',
      required: true,
      options: [
        {
          value: 'saas-openpipeline',
          label: dynatraceTenantLabels['saas-openpipeline'],
          help: 'Value types kept; content up to 10 MB, attribute values up to 32 kB, 500 attributes.',
        },
        {
          value: 'saas-classic',
          label: dynatraceTenantLabels['saas-classic'],
          help: 'Keys lowercased, values stored as text; content up to 512 kB.',
        },
        {
          value: 'managed',
          label: dynatraceTenantLabels.managed,
          help: 'Flattened model only, classic processing; content up to 8 kB, attribute values up to 250 bytes, 50 attributes.',
        },
      ],
    },
    {
      key: 'model',
      kind: 'select',
      label: 'Data model',
      help:
        'How Dynatrace turns nested attributes into log attributes (the structure parameter). Raw keeps objects as JSON strings; ' +
        'flattened makes one attribute per leaf (a.b.c). Tenant default uses your environment setting. Managed always flattens.',
      required: true,
      options: [
        {
          value: 'tenant-default',
          label: 'Tenant default',
          help: 'No structure parameter is sent.',
        },
        { value: 'raw', label: 'Raw', help: 'structure=raw (SaaS only).' },
        { value: 'flattened', label: 'Flattened', help: 'structure=flattened.' },
      ],
    },
  ],
  credentials: [
    {
      name: 'token',
      label: 'API token',
      help:
        'An access token with the "Ingest logs" (logs.ingest) scope. In Dynatrace: Access Tokens > Generate new token, ' +
        'add the logs.ingest scope, then copy the token (it is shown only once). Paste the token alone, without "Api-Token".',
      placeholder: 'dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX.XXXX…',
      sentAs: 'Authorization: Api-Token <token>',
      optional: false,
    },
  ],
  urlBuilders: [
    {
      id: 'saas',
      label: 'SaaS',
      help: 'Your environment id, or any address of your environment as your browser shows it.',
      target: 'url',
      inputs: [
        {
          key: 'environmentId',
          label: 'Environment id',
          help: 'The first part of https://{environment-id}.apps.dynatrace.com.',
          placeholder: 'abc12345',
        },
      ],
      build: (i) => dynatraceSaasUrl(i.environmentId ?? ''),
    },
    {
      id: 'managed',
      label: 'Managed',
      help: 'Your Managed cluster address and the environment id (the part after /e/ in its URLs).',
      target: 'url',
      inputs: [
        {
          key: 'domain',
          label: 'Cluster domain',
          help: 'The host you open Dynatrace at.',
          placeholder: 'dynatrace.example.com',
        },
        {
          key: 'environmentId',
          label: 'Environment id',
          help: 'The part after /e/ in the address.',
          placeholder: '1a2b3c4d-…',
        },
      ],
      build: (i) => dynatraceManagedUrl(i.domain ?? '', i.environmentId ?? ''),
    },
    {
      id: 'activegate',
      label: 'ActiveGate',
      help:
        'An Environment or Cluster ActiveGate that forwards to Dynatrace (port 9999 unless you give another). ' +
        'ActiveGates often use a self-signed certificate: see Network settings.',
      target: 'url',
      inputs: [
        {
          key: 'host',
          label: 'ActiveGate host',
          help: 'Host name or address of the ActiveGate.',
          placeholder: 'activegate.example.com',
        },
        {
          key: 'environmentId',
          label: 'Environment id',
          help: 'The environment the ActiveGate serves.',
          placeholder: 'abc12345',
        },
      ],
      build: (i) => dynatraceActiveGateUrl(i.host ?? '', i.environmentId ?? ''),
    },
  ],
  defaults: { url: '', model: 'tenant-default', tenant: 'saas-openpipeline' },
  requestLimits: {
    requestBytes: {
      value: DYNATRACE_OTLP_MAX_REQUEST_BYTES,
      kind: 'documented',
      source: LIMIT_SOURCES['access-limit'],
      note:
        '"OpenTelemetry logs ingest API: the maximum payload size of a single request is 2 MB." ' +
        'Read as 2,000,000 bytes, the smaller reading, so a request never crosses it. ' +
        '(The limits pages\' "Request size 10 MB" is the generic Log ingestion API\'s.)',
    },
    recordsPerRequest: {
      value: DYNATRACE_MAX_RECORDS_PER_REQUEST,
      kind: 'documented',
      source: LIMIT_SOURCES['lma-limits'],
      note: '"Number of log records: 50,000 records. The maximum number of log records per request."',
    },
  },
  troubleshooting: {
    unauthorized:
      'Dynatrace did not accept the token: check that it was copied whole (dt0c01.…), has not expired or been revoked, ' +
      'and belongs to this environment. Generate a new one under Access Tokens if in doubt.',
    forbidden:
      'The token is valid but may not ingest logs: edit it under Access Tokens and add the "Ingest logs" (logs.ingest) scope.',
    notFound:
      'Nothing answers at this address: check the URL ends in /api/v2/otlp/v1/logs and the environment id is right ' +
      '(for Managed and ActiveGate, /e/{environment-id}/ comes first).',
    badRequest:
      'Dynatrace could not read the request. The response body says why; the batch is kept as a dead letter for inspection.',
    tooLarge:
      "The request was larger than Dynatrace accepts. Sluice splits such batches; lower the stream's maximum batch size to avoid it.",
    serverError:
      'Dynatrace (or an ActiveGate or proxy in between) had a problem. Check the Dynatrace status page and, for an ActiveGate, its health.',
    refusedConnection:
      'Check the port in the URL (ActiveGates listen on 9999; SaaS and Managed on 443) and that the ActiveGate is running; a firewall may also refuse it.',
    certificateOwner: 'an ActiveGate or a company proxy',
  },
  networkHelp: {
    caCertificatePem:
      'For an ActiveGate or proxy whose certificate your company issued: paste the CA certificate (PEM, -----BEGIN CERTIFICATE-----…). ' +
      "It is trusted for this stream in addition to the system's certificate authorities.",
  },
  findRecordQuery: (testId) => `fetch logs, from: now()-30m | filter sluice.test.id == "${testId}"`,
  findRecordHint: (testId) =>
    `In Dynatrace, open Logs or a Notebook and run: fetch logs, from: now()-30m | filter sluice.test.id == "${testId}"`,
};
