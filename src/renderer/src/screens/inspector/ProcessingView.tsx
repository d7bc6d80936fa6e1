import { useMemo } from 'react';
import type { PreviewedRecord } from '../../../../shared/api/processing';
import { exportRequestFromJson, exportRequestToJson } from '../../../../shared/otlp';
import { RecordChanges } from '../../components/processing/PreviewRecords';
import { RuleList } from '../../components/processing/RuleList';
import { usePreview, type PreviewState } from '../../components/processing/use-preview';
import { Notice } from '../../components/ui/Notice';
import { useStreams } from '../../store/streams';
import { useInspector } from './inspector-store';
import { flattenRequest, singleRecordRequest, type InspectedRecord } from './model';

export interface StreamRules {
  streamId: string | null;
  streamName: string | null;
  ruleCount: number;
  preview: PreviewState;
  /** The record after the stream's rules; null while unknown, or without rules. */
  after: InspectedRecord | null;
  record: PreviewedRecord | null;
}

/**
 * The inspected record through the rules of the stream chosen in the
 * inspector, computed by the engine (which holds the keyed hash's key).
 */
export function useStreamRules(record: InspectedRecord): StreamRules {
  const streamId = useInspector((s) => s.streamId);
  const stream = useStreams((s) => s.streams.find((x) => x.id === streamId) ?? null);
  const ruleCount =
    (stream?.processing.length ?? 0) + (stream?.delivery.outsystemsTruncation ? 2 : 0);
  const request = useMemo(() => exportRequestToJson(singleRecordRequest(record)), [record]);
  const preview = usePreview(
    stream && ruleCount > 0
      ? { streamId: stream.id, rules: null, records: { from: 'request', request } }
      : null,
    0,
  );
  const previewed = preview.result?.records[0] ?? null;
  const after = useMemo(
    () =>
      previewed?.after ? (flattenRequest(exportRequestFromJson(previewed.after))[0] ?? null) : null,
    [previewed],
  );
  return {
    streamId: stream?.id ?? null,
    streamName: stream?.name ?? null,
    ruleCount,
    preview,
    after,
    record: previewed,
  };
}

/** The record before and after the stream's rules: every masked span with the rule that masked it. */
export function ProcessingView({ rules }: { rules: StreamRules }) {
  const stream = useStreams((s) => s.streams.find((x) => x.id === rules.streamId) ?? null);
  if (!stream)
    return <p className="muted">Choose a stream (Live) to see what its rules do to this record.</p>;
  if (rules.ruleCount === 0) {
    return (
      <p className="muted" data-testid="no-stream-rules">
        {stream.name} has no processing rules: the record is sent as received.
      </p>
    );
  }
  return (
    <div className="processing-view" data-testid="processing-view">
      <p className="small">
        Before and after the rules of <strong>{stream.name}</strong>; the Dynatrace and Wire views
        show the record after them, as it will be sent.
      </p>
      <RuleList rules={stream.processing} />
      {rules.preview.error ? <Notice kind="error">{rules.preview.error}</Notice> : null}
      {rules.preview.busy && !rules.record ? <p role="status">Applying the rules…</p> : null}
      {rules.record ? <RecordChanges record={rules.record} /> : null}
    </div>
  );
}
