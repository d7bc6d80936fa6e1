import type { PreviewRecordsInput } from '../../../../shared/api/processing';
import { Segmented } from '../ui/Field';

export type RecordSource = 'sample' | 'sources';

/** What rules are tried on: sample records, or the newest buffered records of the stream's sources. */
export function previewRecords(
  source: RecordSource,
  sourceIds: readonly string[],
): PreviewRecordsInput {
  return source === 'sources' && sourceIds.length > 0
    ? { from: 'sources', sourceIds: [...sourceIds], count: 50 }
    : { from: 'sample', count: 30 };
}

/** The choice between the two, saying when the stream has no source to try. */
export function RecordSourceChoice(props: {
  label: string;
  value: RecordSource;
  onChange: (value: RecordSource) => void;
  sourceIds: readonly string[];
}) {
  return (
    <>
      <Segmented
        label={props.label}
        value={props.value}
        options={[
          { value: 'sample', label: 'Sample records' },
          { value: 'sources', label: "The stream's sources" },
        ]}
        onChange={props.onChange}
      />
      {props.value === 'sources' && props.sourceIds.length === 0 ? (
        <p className="muted small">This stream reads no source yet: trying sample records.</p>
      ) : null}
    </>
  );
}
