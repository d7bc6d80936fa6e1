import { useMemo, useState } from 'react';
import type { AlignedData } from 'uplot';
import type { HistoryPoint, HistoryRange } from '../../../../shared/api/history';
import { Segmented } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import { timeZoneLabel, type ValueScale } from '../../components/chart-scales';
import { TimeSeriesChart } from '../../components/TimeSeriesChart';
import { isStale, useLiveness } from '../../store/connection';
import { formatBytes, formatCount, formatMs, formatRate } from '../../lib/format';
import { useSeries } from './use-series';

type Key = Exclude<keyof HistoryPoint, 't' | 'seconds'>;

function columns(points: readonly HistoryPoint[], keys: readonly Key[]): AlignedData {
  const xs = points.map((p) => p.t / 1000);
  return [xs, ...keys.map((k) => points.map((p) => p[k]))] as AlignedData;
}

function latest(points: readonly HistoryPoint[], keys: readonly Key[]): (number | null)[] {
  const last = points.at(-1);
  return keys.map((k) => (last ? last[k] : null));
}

/**
 * What a rate chart's series add up to over the points shown: each point's
 * rate times the seconds it covers. The counters count the same events since
 * the engine started, so the two always agree on what happened when.
 */
function totals(points: readonly HistoryPoint[], keys: readonly Key[]): (number | null)[] {
  if (points.length === 0) return keys.map(() => null);
  return keys.map((k) => points.reduce((n, p) => n + (p[k] ?? 0) * p.seconds, 0));
}

const charts: {
  id: string;
  title: string;
  keys: readonly Key[];
  labels: readonly string[];
  format: (v: number) => string;
  scale: ValueScale;
  /** A rate: the legend also says how many over the window. */
  rate: boolean;
}[] = [
  {
    id: 'chart-records',
    title: 'Records per second',
    keys: ['recordsInPerSec', 'recordsOutPerSec'],
    labels: ['In', 'Out'],
    format: formatRate,
    scale: 'count',
    rate: true,
  },
  {
    id: 'chart-bytes',
    title: 'Bytes per second',
    keys: ['bytesInPerSec', 'bytesOutPerSec'],
    labels: ['In', 'Out'],
    format: (v) => `${formatBytes(v)}/s`,
    scale: 'bytes',
    rate: false,
  },
  {
    id: 'chart-errors',
    title: 'Errors and retries per second',
    keys: ['errorsPerSec', 'retriesPerSec'],
    labels: ['Errors', 'Retries'],
    format: formatRate,
    scale: 'count',
    rate: true,
  },
  {
    id: 'chart-backlog',
    title: 'Backlog (records)',
    keys: ['backlogRecords'],
    labels: ['Backlog'],
    format: formatCount,
    scale: 'count',
    rate: false,
  },
  {
    id: 'chart-latency',
    title: 'Request latency',
    keys: ['latencyP50Ms', 'latencyP95Ms'],
    labels: ['p50', 'p95'],
    format: formatMs,
    scale: 'ms',
    rate: false,
  },
];

const windowSeconds: Record<HistoryRange, number> = { '5m': 300, '24h': 86_400, '7d': 604_800 };
const totalsLabels: Record<HistoryRange, string> = {
  '5m': 'in 5 min',
  '24h': 'in 24 h',
  '7d': 'in 7 days',
};

const rangeOptions: { value: HistoryRange; label: string }[] = [
  { value: '5m', label: 'Last 5 minutes (live)' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
];

export function Charts({ streamId }: { streamId: string }) {
  const [range, setRange] = useState<HistoryRange>('5m');
  const { points, error } = useSeries(streamId, range);
  const data = useMemo(() => charts.map((c) => columns(points, c.keys)), [points]);
  const sums = useMemo(() => charts.map((c) => (c.rate ? totals(points, c.keys) : null)), [points]);
  const { state } = useLiveness();
  const stale = range === '5m' && isStale(state);
  return (
    <section className="charts" aria-label="Charts">
      <div className="charts__head">
        <div>
          <h2 className="section-title">Activity</h2>
          <p className="muted small charts__zone">
            Times in {timeZoneLabel()}. Hover a chart for the values at that moment.
          </p>
        </div>
        <Segmented label="Time range" value={range} options={rangeOptions} onChange={setRange} />
      </div>
      {error ? <Notice kind="info">{error}</Notice> : null}
      {range !== '5m' && points.length === 0 && !error ? (
        <p className="muted small">No history for this range yet: points are kept once a minute.</p>
      ) : null}
      <div className="charts__grid">
        {charts.map((c, i) => (
          <TimeSeriesChart
            key={c.id}
            testId={c.id}
            title={c.title}
            series={c.labels.map((label, j) => ({ label, colorVar: `--chart-${j + 1}` }))}
            data={data[i]!}
            latest={latest(points, c.keys)}
            format={c.format}
            windowSec={windowSeconds[range]}
            scale={c.scale}
            totals={sums[i] ?? undefined}
            totalsLabel={totalsLabels[range]}
            stale={stale}
          />
        ))}
      </div>
    </section>
  );
}
