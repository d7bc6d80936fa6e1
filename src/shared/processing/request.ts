import type { ExportLogsServiceRequest } from '../otlp/model';
import type { Change } from './changes';
import type { CompiledProcessing } from './compile';

/**
 * A whole request through a stream's rules (Test stream, tools and tests;
 * the exporter works on stored bytes with createWireProcessor instead).
 * Throws ProcessingError as the rules do.
 */
export function processRequest(
  compiled: CompiledProcessing,
  request: ExportLogsServiceRequest,
): { request: ExportLogsServiceRequest; changes: Change[] } {
  const changes: Change[] = [];
  const resourceLogs = request.resourceLogs.map((rl) => {
    const resource = compiled.resource(rl.resource);
    changes.push(...resource.changes);
    return {
      ...rl,
      resource: resource.value,
      scopeLogs: rl.scopeLogs.map((sl) => {
        const scope = compiled.scope(sl.scope);
        changes.push(...scope.changes);
        return {
          ...sl,
          scope: scope.value,
          logRecords: sl.logRecords.map((rec) => {
            const out = compiled.record(rec);
            changes.push(...out.changes);
            return out.value;
          }),
        };
      }),
    };
  });
  return { request: { resourceLogs }, changes };
}
