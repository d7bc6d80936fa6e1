import { configDocumentSchema, type ConfigDocument } from '../../../../src/shared/config';

/**
 * A configuration with every tool, both source kinds that the Collector can
 * run (and sample data, which it cannot), filters, a stage label, truncation,
 * a proxy and a CA: what the rich export test exports whole.
 */
export const caPem =
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUSluiceTestCA0000000000000000wCgYIKoZIzj0EAwIw\nEjEQMA4GA1UEAwwHdGVzdC1jYTAeFw0yNTAxMDEwMDAwMDBaFw0zNTAxMDEwMDAw\n-----END CERTIFICATE-----\n';

export function richDocumentInput(): Record<string, unknown> {
  return {
    version: 1,
    sources: [
      {
        name: 'App logs',
        settings: {
          kind: 'file',
          paths: ['/var/log/app/*.log', '~/logs/app.log'],
          format: 'json',
          startAt: 'beginning',
          serviceName: 'orders',
        },
      },
      {
        name: 'Server logs',
        settings: {
          kind: 'file',
          paths: ['/var/log/server.log'],
          multilineStart: '^\\d{4}-\\d{2}-\\d{2}[ T]',
          maxRecordBytes: 65536,
        },
      },
      {
        name: 'Local apps',
        settings: { kind: 'otlp-receiver', host: '0.0.0.0', port: 14318, requireToken: true },
        credentials: { token: { keychain: true } },
      },
      { name: 'Open receiver', settings: { kind: 'otlp-receiver' }, fullPolicy: 'drop-oldest' },
      {
        name: 'gRPC apps',
        settings: {
          kind: 'otlp-grpc-receiver',
          port: 14317,
          maxBodyBytes: 5_000_000,
          requireToken: true,
        },
        credentials: { token: { keychain: true } },
      },
      { name: 'Sample data', settings: { kind: 'sample' }, fullPolicy: 'drop-oldest' },
    ],
    streams: [
      {
        name: 'Production',
        destination: {
          tool: 'dynatrace',
          url: 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs',
          model: 'flattened',
          network: { proxyUrl: 'http://proxy.example.com:3128', caCertificatePem: caPem },
        },
        credentials: { token: { env: 'DT_API_TOKEN' } },
        sources: ['App logs', 'Local apps', 'Sample data'],
        stage: 'Production',
        processing: [
          { mask: 'builtin' },
          { mask: { pattern: 'ORD-\\d+', name: 'order-id' }, replace: { keepLast: 4 } },
          { drop: 'http.request.header.cookie' },
          { rename: 'usr', to: 'user.name' },
          { set: 'team', value: 'payments' },
          { truncate: 'content', maxChars: 2000 },
        ],
        filter: {
          minSeverity: 'info',
          include: [{ key: 'service.name', op: 'equals', value: 'orders' }],
          exclude: [
            { key: 'http.route', op: 'contains', value: '/health$' },
            { key: 'user.agent', op: 'matches', value: '^kube-probe/\\d+' },
          ],
        },
        delivery: {
          maxBatchRecords: 5000,
          timeoutMs: 15000,
          retry: { initialDelayMs: 500, maxDelayMs: 60000, windowMs: 3600000 },
          outsystemsTruncation: true,
        },
      },
      {
        name: 'New Relic EU',
        destination: { tool: 'newrelic', region: 'eu' },
        credentials: { token: { keychain: true } },
        sources: ['Open receiver'],
      },
      {
        name: 'Elastic',
        destination: {
          tool: 'elastic',
          url: 'https://my-deployment.apm.eu-west-1.aws.cloud.es.io',
          auth: 'secret-token',
        },
        sources: ['Server logs'],
        stage: 'QA',
      },
      {
        name: 'Datadog',
        destination: {
          tool: 'datadog',
          site: 'datadoghq.eu',
          network: { pinnedCertificateSha256: 'AB'.repeat(32), useEnvironmentProxy: false },
        },
        sources: ['Server logs'],
      },
      {
        name: 'Splunk HEC',
        destination: {
          tool: 'splunk',
          url: 'https://splunk.example.com:8088',
          index: 'main',
          sourcetype: 'sluice',
        },
        sources: ['App logs'],
      },
      {
        name: 'Archive',
        destination: {
          tool: 's3',
          bucket: 'logs-archive',
          region: 'eu-central-1',
          prefix: 'sluice/prod/',
        },
        sources: ['App logs'],
        active: false,
      },
      {
        name: 'Local collector',
        destination: {
          tool: 'otlp',
          url: 'https://collector.example.com:4318/v1/logs',
          headerName: 'X-Api-Key',
          encoding: 'json',
          compression: 'none',
        },
        sources: ['Local apps', 'Server logs'],
      },
      {
        name: 'Demo only',
        destination: {
          tool: 'dynatrace',
          url: 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs',
        },
        sources: ['Sample data'],
      },
    ],
  };
}

export function richDocument(): ConfigDocument {
  return configDocumentSchema.parse(richDocumentInput());
}
