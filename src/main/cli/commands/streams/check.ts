import type { Stream } from '../../../../shared/api/streams';
import { readFigures } from '../../../serve/monitoring/figures';
import { healthProblems, problemLine, type HealthProblem } from '../../../serve/monitoring/health';
import type { CliIo } from '../../command';
import type { EngineAccess } from '../../engine-access';
import { json } from './common';

/**
 * `sluice streams status [NAME] --check`, for cron, Nagios-style checks and
 * CI: exit 0 when every active stream (or NAME) is healthy, by the same rule
 * as /readyz; else exit 1 with one line per stream (or source it reads)
 * that is not. With no Sluice running on the folder nothing is sent, so
 * every active stream is unhealthy.
 */
export async function checkHealth(
  access: EngineAccess,
  dataDir: string,
  only: Stream | null,
  asJson: boolean,
  io: CliIo,
): Promise<number> {
  const figures = await readFigures(access.api);
  if (only) figures.streams = figures.streams.filter((s) => s.id === only.id);
  const active = figures.streams.filter((s) => s.active);
  const problems: HealthProblem[] =
    access.via === 'instance'
      ? healthProblems(figures)
      : active.map((s) => ({
          kind: 'stream',
          name: s.name,
          reason: `Not sending: no Sluice is running on ${dataDir}.`,
        }));
  if (asJson) {
    io.stdout(json({ healthy: problems.length === 0, activeStreams: active.length, problems }));
  } else if (problems.length === 0) {
    const what = only ? `"${only.name}" is` : `all ${active.length} active streams are`;
    io.stdout(
      `OK: ${active.length === 0 && !only ? 'no stream is active' : `${what} sending or idle without errors`}.\n`,
    );
  } else {
    for (const p of problems) io.stdout(`${problemLine(p)}\n`);
  }
  return problems.length === 0 ? 0 : 1;
}
