import type { BenchReport } from './runner';
import { round } from './lib/stats';
import { targets, units } from './targets';

/** What --quick shrinks, so nobody mistakes its figures for the real ones. */
export const quickScaleNote =
  'quick: 10,000 records encoded (not 100,000), a 20,000-record export backlog (not 1,000,000), a 100,000-record backlog (not 10,000,000), an 8 MB file (not 1 GB), windows of 1-3 s; syslog-ng is not installed by --quick';

function medians(r: BenchReport): Record<string, number | null> {
  return Object.fromEntries(Object.entries(r.figures).map(([k, f]) => [k, f.value]));
}

function metOf(r: BenchReport, key: string): boolean | null {
  const target = targets[key];
  const value = r.figures[key]?.value;
  if (!target || value === null || value === undefined) return null;
  return target.met(value, medians(r));
}

/**
 * `--json`: one object. Each issue key at the top level holds the median
 * (or null); `spread` has min, max and every run's figure; `reasons` says why
 * a figure is null; `met` compares with the targets.
 */
export function toJson(r: BenchReport): Record<string, unknown> {
  const out: Record<string, unknown> = { scale: r.scale, runs: r.runs };
  if (r.scale === 'quick') out.scale_note = quickScaleNote;
  for (const [key, f] of Object.entries(r.figures))
    out[key] = f.value === null ? null : round(f.value, 4);
  out.spread = Object.fromEntries(
    Object.entries(r.figures).map(([k, f]) => [
      k,
      {
        min: f.min === null ? null : round(f.min, 4),
        max: f.max === null ? null : round(f.max, 4),
        samples: f.samples.map((v) => (v === null ? null : round(v, 4))),
      },
    ]),
  );
  out.reasons = Object.fromEntries(
    Object.entries(r.figures)
      .filter(([, f]) => f.reason !== null)
      .map(([k, f]) => [k, f.reason]),
  );
  out.targets = Object.fromEntries(
    Object.keys(r.figures)
      .filter((k) => targets[k])
      .map((k) => [k, { target: targets[k]!.text, met: metOf(r, k) }]),
  );
  out.machine = r.machine;
  out.details = r.details;
  out.failures = r.failures;
  out.seconds = round(r.seconds, 3);
  return out;
}

function show(v: number | null): string {
  if (v === null) return '—';
  const n = round(v, 3);
  return Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(n);
}

/** The table `npm run bench` prints. */
export function toTable(r: BenchReport): string {
  const m = r.machine;
  const rows = [['key', 'median', 'min', 'max', 'unit', 'target', 'met?']];
  const notes: string[] = [];
  for (const [key, f] of Object.entries(r.figures)) {
    const met = metOf(r, key);
    let value = show(f.value);
    if (f.reason) {
      notes.push(`[${notes.length + 1}] ${key}: ${f.reason}`);
      value += ` [${notes.length}]`;
    }
    rows.push([
      key,
      value,
      show(f.min),
      show(f.max),
      units[key] ?? '',
      targets[key]?.text ?? '',
      met === null ? '' : met ? 'yes' : 'NO',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 || i >= 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  const busy = Math.max(m.loadAtStart, m.loadAtEnd ?? 0) > m.cpus * 0.5;
  const out = [
    ...(r.scale === 'quick' ? [`(${quickScaleNote})`] : []),
    `Sluice benchmarks, ${r.scale} scale, ${r.runs} run(s) per scenario, in ${Math.round(r.seconds)} s`,
    `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}; load average ${m.loadAtStart.toFixed(2)} at start, ${(m.loadAtEnd ?? 0).toFixed(2)} at end${busy ? ' (a busy machine: figures are noisy)' : ''}`,
    '',
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
  ];
  if (notes.length) out.push('', ...notes);
  if (r.failures.length) {
    out.push('', 'FAILED runs:');
    for (const f of r.failures) out.push(`  ${f.scenario} run ${f.run}: ${f.error.split('\n')[0]}`);
  }
  return `${out.join('\n')}\n`;
}
