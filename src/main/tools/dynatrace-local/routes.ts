/**
 * The paths the endpoint answers. The ingest paths are Dynatrace's own (seed
 * 004): SaaS `/api/v2/otlp/v1/logs`, and Managed / ActiveGate
 * `/e/{environment-id}/api/v2/otlp/v1/logs`. Everything else of ours sits on
 * paths Dynatrace does not use.
 */
export type Route =
  | { kind: 'ingest'; environment: string | null }
  | { kind: 'records' }
  | { kind: 'stats' }
  | { kind: 'faults' }
  | { kind: 'index' }
  | { kind: 'unknown' };

export const INGEST_PATH = '/api/v2/otlp/v1/logs';
const ENVIRONMENT_PATH = /^\/e\/([A-Za-z0-9_-]{1,64})\/api\/v2\/otlp\/v1\/logs$/;

export function routeOf(pathname: string): Route {
  if (pathname === INGEST_PATH) return { kind: 'ingest', environment: null };
  const env = ENVIRONMENT_PATH.exec(pathname);
  if (env) return { kind: 'ingest', environment: env[1]! };
  switch (pathname) {
    case '/records':
      return { kind: 'records' };
    case '/stats':
      return { kind: 'stats' };
    case '/_faults':
      return { kind: 'faults' };
    case '/':
      return { kind: 'index' };
    default:
      return { kind: 'unknown' };
  }
}
