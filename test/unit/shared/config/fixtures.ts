/** A small valid configuration for tests: one file source, one Dynatrace stream. */
export const dtUrl = 'https://abc12345.live.dynatrace.com/api/v2/otlp/v1/logs';

export function validDocument(): Record<string, unknown> {
  return {
    version: 1,
    sources: [{ name: 'App logs', settings: { kind: 'file', paths: ['/var/log/app/*.log'] } }],
    streams: [
      {
        name: 'Production',
        destination: { tool: 'dynatrace', url: dtUrl },
        credentials: { token: { env: 'DT_API_TOKEN' } },
        sources: ['App logs', 'Sample data'],
        stage: 'Production',
      },
    ],
  };
}
