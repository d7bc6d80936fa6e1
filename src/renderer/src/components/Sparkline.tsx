import { memo } from 'react';
import { formatRate } from '../lib/format';

const width = 96;
const height = 24;

/**
 * A minute of records/s as a small SVG line: fixed size, so a row never
 * changes shape when numbers change.
 */
export const Sparkline = memo(function Sparkline(props: {
  values: readonly number[];
  label: string;
  /** The figures are not current (the engine stopped answering): drawn dashed and grey. */
  stale?: boolean;
}) {
  const values = props.values;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
    .join(' ');
  const latest = values.at(-1) ?? 0;
  return (
    <svg
      className={props.stale ? 'sparkline sparkline--stale' : 'sparkline'}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${props.label}: ${formatRate(latest)} records per second ${props.stale ? 'when last known' : 'now'}, at most ${formatRate(Math.max(0, ...values))} in the minute before`}
    >
      <line className="sparkline__base" x1="0" x2={width} y1={height - 1.5} y2={height - 1.5} />
      {values.length > 1 ? <polyline className="sparkline__line" points={points} /> : null}
    </svg>
  );
});
