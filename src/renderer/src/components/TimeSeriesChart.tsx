import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import { useSettings } from '../store/settings';

export interface ChartSeries {
  label: string;
  /** A CSS variable holding the colour, e.g. --chart-1 (both themes define it). */
  colorVar: string;
}

/** The next 1, 2, 2.5 or 5 times a power of ten: axis tops that divide into round ticks. */
function niceCeiling(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * p >= v) ?? 10;
  return step * p;
}

/** 24-hour clock labels; the date too when the window spans days. */
function clockLabel(sec: number, windowSec: number): string {
  const d = new Date(sec * 1000);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  if (windowSec <= 86_400) return time;
  return `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
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
  testId?: string;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const formatRef = useRef(props.format);
  formatRef.current = props.format;
  const windowRef = useRef(props.windowSec);
  windowRef.current = props.windowSec;
  const theme = useSettings((s) => s.resolvedTheme);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const opts: Options = {
      width: Math.max(200, host.clientWidth),
      height: 160,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        // The axis always spans the chosen window, however few points there are yet.
        x: {
          time: true,
          range: () => {
            const now = Date.now() / 1000;
            return [now - windowRef.current, now];
          },
        },
        // From zero, and at least 0-4 so small counts get whole-number ticks.
        y: { range: (_u, _min, max) => [0, niceCeiling(Math.max(4, (max || 0) * 1.1))] },
      },
      axes: [
        {
          stroke: () => cssVar('--muted'),
          grid: { stroke: () => cssVar('--grid'), width: 1 },
          ticks: { stroke: () => cssVar('--grid'), width: 1 },
          values: (_u, splits) => splits.map((t) => clockLabel(t, windowRef.current)),
        },
        {
          stroke: () => cssVar('--muted'),
          grid: { stroke: () => cssVar('--grid'), width: 1 },
          ticks: { show: false },
          size: 56,
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
        `${s.label} ${props.latest[i] == null ? 'no data' : props.format(props.latest[i]!)}`,
    )
    .join(', ');
  return (
    <figure className="chart" data-testid={props.testId}>
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
            </span>
          ))}
        </span>
      </figcaption>
      <div
        className="chart__plot"
        ref={hostRef}
        role="img"
        aria-label={`${props.title}: ${summary}`}
      />
    </figure>
  );
}
