import { streamStatusLabels } from '../../../shared/api/engine';
import type { MonitoringFigures } from './figures';

/** A stream (or a source an active stream reads) that is not working, and why. */
export interface HealthProblem {
  kind: 'stream' | 'source';
  name: string;
  reason: string;
}

/**
 * Readiness, told truthfully: every active (not paused) stream must be
 * sending or idle without errors, which is its status being Active. A
 * stream that is retrying, stopped (401/403/404), or had records rejected
 * or dead-lettered in the last minutes is Active with errors, and not
 * ready; so is a source an active stream reads that cannot work (a
 * receiver whose port is taken, a token missing). Paused streams and the
 * sources only they read do not count.
 */
export function healthProblems(f: MonitoringFigures): HealthProblem[] {
  const problems: HealthProblem[] = [];
  const active = f.streams.filter((s) => s.active);
  for (const stream of active) {
    const rt = f.snapshot.streams.find((r) => r.id === stream.id);
    if (!rt) {
      problems.push({ kind: 'stream', name: stream.name, reason: 'It has not started yet.' });
    } else if (rt.status !== 'active') {
      const why = rt.statusReason ?? rt.lastError?.message ?? 'no reason was given';
      problems.push({
        kind: 'stream',
        name: stream.name,
        reason: `${streamStatusLabels[rt.status]}: ${why}`,
      });
    }
  }
  const read = new Set(active.flatMap((s) => s.sourceIds));
  for (const source of f.sources) {
    if (!read.has(source.id)) continue;
    const rt = f.snapshot.sources.find((r) => r.id === source.id);
    if (rt?.state === 'error') {
      problems.push({ kind: 'source', name: source.name, reason: rt.message ?? 'It cannot work.' });
    }
  }
  return problems;
}

/** One line per problem, for /readyz and `sluice streams status --check`. */
export function problemLine(p: HealthProblem): string {
  return `${p.kind} "${p.name}": ${p.reason}`;
}
