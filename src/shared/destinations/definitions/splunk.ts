import { sluiceCeiling } from '../request-limits';
import type { DestinationDefinition } from './types';

export const splunkDefinition: DestinationDefinition<'splunk'> = {
  tool: 'splunk',
  label: 'Splunk',
  summary: 'Splunk HTTP Event Collector (HEC), one JSON event per log record.',
  docsUrl:
    'https://help.splunk.com/splunk-enterprise/get-data-in/collect-http-event-data/format-events-for-http-event-collector',
  fields: [
    {
      key: 'url',
      kind: 'url',
      label: 'HEC URL',
      help:
        'Your HTTP Event Collector address: https://{host}:8088 for Splunk Enterprise, https://http-inputs-{stack}.splunkcloud.com for Splunk Cloud. ' +
        '/services/collector/event is added to a bare address.',
      placeholder: 'https://splunk.example.com:8088/services/collector/event',
      required: true,
    },
    {
      key: 'index',
      kind: 'text',
      label: 'Index',
      help: "Leave empty to use the token's default index. If set, it must be in the token's allowed indexes.",
      placeholder: 'main',
      required: false,
    },
    {
      key: 'sourcetype',
      kind: 'text',
      label: 'Source type',
      help: "Leave empty to use the token's default source type.",
      placeholder: '_json',
      required: false,
      advanced: true,
    },
    {
      key: 'source',
      kind: 'text',
      label: 'Source',
      help: 'Leave empty to use each record\'s service.name (or "sluice").',
      placeholder: 'outsystems',
      required: false,
      advanced: true,
    },
  ],
  credentials: [
    {
      name: 'token',
      label: 'HEC token',
      help: 'The Token Value of an HTTP Event Collector input: Settings > Data inputs > HTTP Event Collector. Indexer acknowledgement must be off for it.',
      placeholder: '12345678-abcd-1234-abcd-1234567890ab',
      sentAs: 'Authorization: Splunk <token>',
      optional: false,
    },
  ],
  urlBuilders: [],
  defaults: { url: '', index: null, sourcetype: null, source: null },
  requestLimits: {
    requestBytes: sluiceCeiling(
      'bytes',
      'HEC answers 413 to a request larger than limits.conf [http_input] max_content_length: ' +
        '838,860,800 bytes (800 MiB) by default since Splunk Enterprise 6.5 (1,000,000 before), and ' +
        "an administrator may set it lower: then lower the stream's batch size to match.",
      {
        title: 'Splunk Enterprise Admin Manual: limits.conf, [http_input] max_content_length',
        url: 'https://docs.splunk.com/Documentation/Splunk/latest/Admin/Limitsconf',
      },
    ),
    recordsPerRequest: sluiceCeiling('records', 'HEC documents no event count per request.'),
  },
  troubleshooting: {
    unauthorized:
      'Splunk did not accept the token: copy the Token Value of the HEC input again (Settings > Data inputs > HTTP Event Collector).',
    forbidden:
      'Splunk refused the token: it may be disabled or unknown to this Splunk. Enable it under Settings > Data inputs > HTTP Event Collector.',
    notFound:
      'Nothing answers at this address: the HEC address ends in /services/collector/event and usually uses port 8088 (Enterprise) or http-inputs-… (Cloud).',
    badRequest:
      'Splunk refused the events; its answer says why (for example an index the token may not write to).',
    tooLarge:
      "The request was larger than HEC accepts (max_content_length). Sluice splits such batches; lower the stream's maximum batch size to avoid it.",
    serverError:
      'Splunk or its indexers are busy or unhealthy. Check the HEC health endpoint (/services/collector/health).',
    refusedConnection:
      'Check the port in the URL (the HTTP Event Collector listens on 8088 unless your Splunk administrator changed it) and that HEC is enabled; a firewall may also refuse it.',
    certificateOwner: 'a Splunk server with its own or its default certificate, or a company proxy',
  },
  findRecordQuery: (testId) => `sluice.test.id="${testId}"`,
  findRecordHint: (testId) => `In Splunk Search, run: sluice.test.id="${testId}"`,
};
