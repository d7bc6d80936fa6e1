import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import { useSettings } from '../store/settings';
import { formatCount, formatDateTime } from '../lib/format';
import {
  axisTop,
  tickIncrements,
  timeTickLabel,
  timeTickSpace,
  type ValueScale,
} from './chart-scales';

export interface ChartSeries {
  label: string;
  /** A CSS variable holding the colour, e.g. --chart-1 (both themes define it). */
  colorVar: string;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/**
 * One uPlot instance per chart, created once; every update is setData().
 * Colours are read from the theme's CSS variables when uPlot draws, so a
 * theme change is a redraw, not a new chart.
 */
export function TimeSeriesChart(props: {
  title: string;
  series: readonly ChartSeries[];
  data: AlignedData;
  format: (v: number) => string;
  /** Latest values, for the legend and the accessible summary. */
  latest: readonly (number | null)[];
  /** Seconds of time the x axis spans, ending now. */
  windowSec: number;
  /** How the y axis ticks: counts and rates, bytes (in 1024s), milliseconds. */
  scale?: ValueScale;
  /** For rates: each series' count over the window ("7 in 5 min"), beside its latest rate. */
  totals?: readonly (number | null)[];
  /** "in 5 min": what the totals cover. */
  totalsLabel?: string;
  /** The figures are not current (the engine stopped answering). */
  stale?: boolean;
  testId?: string;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const formatRef = useRef(props.format);
  formatRef.current = props.format;
  const windowRef = useRef(props.windowSec);
  windowRef.current = props.windowSec;
  const readoutRef = useRef<HTMLDivElement>(null);
  const seriesRef = useRef(props.series);
  seriesRef.current = props.series;
  const scale = props.scale ?? 'count';
  const theme = useSettings((s) => s.resolvedTheme);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const opts: Options = {
      width: Math.max(200, host.clientWidth),
      height: 160,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: true, size: 6 } },
      // The readout under the plot: the time and every series' value at the cursor.
      hooks: {
        setCursor: [
          (u) => {
            const out = readoutRef.current;
            if (!out) return;
            const idx = u.cursor.idx;
            const t = idx == null ? undefined : u.data[0][idx];
            if (idx == null || t == null) {
              out.textContent = '';
              return;
            }
            const values = seriesRef.current.map((s, i) => {
              const v = u.data[i + 1]?.[idx];
              return `${s.label} ${v == null ? '—' : formatRef.current(v)}`;
            });
            out.textContent = `${formatDateTime(t * 1000)} · ${values.join(' · ')}`;
          },
        ],
      },
      scales: {
        // The axis always spans the chosen window, however few points there are yet.
        x: {
          time: true,
          range: () => {
            const now = Date.now() / 1000;
            return [now - windowRef.current, now];
          },
        },
        // From zero to a tick at or above the data, in the axis' own round units.
        y: { range: (_u, _min, max) => [0, axisTop(max || 0, scale)] },
      },
      axes: [
        {
          stroke: () => cssVar('--muted'),
          grid: { stroke: () => cssVar('--grid'), width: 1 },
          ticks: { stroke: () => cssVar('--grid'), width: 1 },
          space: () => timeTickSpace(windowRef.current),
          values: (_u, splits, _axis, _space, incr) =>
            splits.map((t) => timeTickLabel(t, incr, windowRef.current)),
        },
        {
          stroke: () => cssVar('--muted'),
          grid: { stroke: () => cssVar('--grid'), width: 1 },
          ticks: { show: false },
          incrs: tickIncrements(scale),
          // As wide as the longest label needs, so none is clipped ("1,000 KB/s").
          size: (_u, values) =>
            values ? Math.max(40, ...values.map((v) => Math.ceil(v.length * 6.6) + 14)) : 40,
          values: (_u, splits) => splits.map((v) => formatRef.current(v)),
        },
      ],
      series: [
        {},
        ...props.series.map((s) => ({
          label: s.label,
          stroke: () => cssVar(s.colorVar),
          width: 1.5,
          points: { show: false },
          spanGaps: false,
        })),
      ],
    };
    const plot = new uPlot(opts, props.data, host);
    plotRef.current = plot;
    const observer = new ResizeObserver(() => {
      const width = Math.max(200, host.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height: 160 });
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // Created once per mount; data and theme flow in through the effects below.
  }, []);

  useEffect(() => {
    plotRef.current?.setData(props.data);
  }, [props.data]);

  useEffect(() => {
    plotRef.current?.redraw(false, true);
  }, [theme]);

  const summary = props.series
    .map(
      (s, i) =>
        `${s.label} ${props.latest[i] == null ? 'no data' : props.format(props.latest[i]!)}${
          props.totals && props.totals[i] != null
            ? ` now, ${formatCount(Math.round(props.totals[i]!))} ${props.totalsLabel ?? ''}`
            : ''
        }`,
    )
    .join(', ');
  return (
    <figure
      className={props.stale ? 'chart chart--stale' : 'chart'}
      data-testid={props.testId}
      data-stale={props.stale || undefined}
    >
      <figcaption className="chart__head">
        <span className="chart__title">{props.title}</span>
        <span className="chart__legend">
          {props.series.map((s, i) => (
            <span key={s.label} className="chart__key">
              <span
                className={`chart__swatch chart__swatch--${s.colorVar.replace(/^--/, '')}`}
                aria-hidden="true"
              />
              {s.label}{' '}
              <span
                className="chart__value"
                data-testid={props.testId ? `${props.testId}-value-${i}` : undefined}
              >
                {props.latest[i] == null ? '—' : props.format(props.latest[i]!)}
              </span>
              {props.totals ? (
                <span
                  data-total={props.totals[i] == null ? undefined : Math.round(props.totals[i]!)}
                  className="chart__total"
                  data-testid={props.testId ? `${props.testId}-total-${i}` : undefined}
                >
                  {' '}
                  now · {props.totals[i] == null
                    ? '—'
                    : formatCount(Math.round(props.totals[i]!))}{' '}
                  {props.totalsLabel}
                </span>
              ) : null}
            </span>
          ))}
        </span>
      </figcaption>
      <div
        className="chart__plot"
        ref={hostRef}
        role="img"
        aria-label={`${props.title}${props.stale ? ' (as last received)' : ''}: ${summary}`}
      />
      <div className="chart__readout muted small" ref={readoutRef} aria-hidden="true" />
    </figure>
  );
}
