import type { TestProcessingReport } from '../../../shared/api/test-stream';
import { encodeExportRequest, type ExportLogsServiceRequest } from '../../../shared/otlp';
import {
  describeField,
  processRequest,
  ProcessingError,
  type Change,
  type CompiledProcessing,
} from '../../../shared/processing';
import type { OutgoingBatch } from '../sender';

function changeText(c: Change): string {
  const field = describeField(c.field);
  switch (c.action) {
    case 'mask':
      return `masked ${c.spans.length} ${c.spans.length === 1 ? 'span' : 'spans'} in ${field}`;
    case 'drop':
      return `dropped ${field}`;
    case 'rename':
      return `renamed ${field} to ${c.to}`;
    case 'set':
      return `${c.replaced ? 'replaced' : 'set'} ${field}`;
    case 'truncate':
      return `cut ${field} from ${c.fromChars} to ${c.toChars} characters`;
  }
}

/**
 * The test record through the stream's rules, as every record it sends goes
 * through them, and which rules touched it. A rule that fails means nothing
 * is sent: a real record would go to the dead letters.
 */
export function processTestRecord(
  request: ExportLogsServiceRequest,
  processing: CompiledProcessing | null,
): { batch: OutgoingBatch; report: TestProcessingReport | null } | { error: string } {
  if (!processing || processing.isEmpty) {
    return { batch: { body: encodeExportRequest(request), recordCount: 1 }, report: null };
  }
  try {
    const out = processRequest(processing, request);
    const touched = processing.refs
      .map((ref) => ({
        key: ref.key,
        label: ref.label,
        changes: out.changes.filter((c) => c.rule.index === ref.index).map(changeText),
      }))
      .filter((t) => t.changes.length > 0);
    return {
      batch: { body: encodeExportRequest(out.request), recordCount: 1 },
      report: { ruleCount: processing.refs.length, touched },
    };
  } catch (err) {
    if (err instanceof ProcessingError) return { error: err.message };
    throw err;
  }
}
