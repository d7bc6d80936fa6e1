import { statfsSync } from 'node:fs';
import { join } from 'node:path';
import { wallMs } from '../lib/clock';
import { threadCores } from '../lib/engine-process';
import { writeJsonLines } from '../lib/jsonl';
import type { Child } from '../lib/rpc';
import { startEngine } from '../lib/setup';
import { ensureSyslogNg, startSyslogNg } from '../lib/syslog-ng';
import type { ScenarioResult, Scenario, ScenarioContext } from './types';

interface SinkStats {
  units: number;
  requests: number;
  cpuUs: number;
}

/**
 * file_tail_lines_per_s and file_tail_ratio_vs_syslog_ng: a 1 GB JSON-lines
 * file, read from its start, parsed, buffered durably and shipped to the
 * same plain local HTTP endpoint (bench/procs/sink.ts), first by Sluice (a
 * file source in JSON mode, a stream with the Other/OTLP tool, no
 * compression), then by syslog-ng (file source, json-parser, reliable disk
 * buffer, http destination, no compression), one after the other on the same
 * file. Time from start to the endpoint holding every line.
 */
export const fileTailScenario: Scenario = {
  name: 'file-tail',
  keys: ['file_tail_lines_per_s', 'file_tail_ratio_vs_syslog_ng'],
  async run(ctx) {
    const bytes = ctx.quick ? 8 * 1024 ** 2 : 1024 ** 3;
    const dir = ctx.tempDir('file-tail');
    const fs = statfsSync(dir);
    // The file, Sluice's buffer and syslog-ng's disk buffer, with room to spare.
    if (fs.bavail * fs.bsize < bytes * 6)
      throw new Error(
        `not enough free disk in ${dir} for a ${bytes / 1024 ** 2} MB file (needs 6x)`,
      );
    const file = join(dir, 'app.jsonl');
    const lines = await writeJsonLines(file, bytes);
    ctx.log(`  file-tail: ${lines} lines (${Math.round(bytes / 1024 ** 2)} MB) written`);
    const syslogNg = ensureSyslogNg({ install: !ctx.quick, log: ctx.log });

    const sink = await ctx.startChild('sink');
    const { url } = await sink.call<{ url: string }>('start');
    // Generous: a shipper that stalls is reported from what it delivered.
    const timeoutMs = ctx.quick ? 60_000 : 15 * 60_000;

    const engine = await startEngine(ctx, 'file-tail');
    const source = await engine.createSource({
      name: 'Bench file',
      settings: { kind: 'file', paths: [file], startAt: 'beginning', format: 'json' },
    });
    const before = await engine.usage();
    const started = wallMs();
    await engine.createStream(
      {
        name: 'Bench file tail',
        destination: { tool: 'otlp', url: `${url}/v1/logs`, headerName: '', compression: 'none' },
        sourceIds: [source.id],
      },
      {},
      true,
    );
    const sluice = await delivered(sink, lines, started, timeoutMs);
    const after = await engine.usage();
    await engine.stop(); // out of the way before syslog-ng runs
    const sluiceRate = sluice.units / (sluice.ms / 1000);
    const result: ScenarioResult = {
      values: { file_tail_lines_per_s: sluiceRate, file_tail_ratio_vs_syslog_ng: null },
      details: {
        lines,
        megabytes: bytes / 1024 ** 2,
        sluice_seconds: sluice.ms / 1000,
        sluice_complete: sluice.units >= lines,
        sluice_cpu_cores: (after.cpuUs - before.cpuUs) / 1000 / sluice.ms,
        sluice_threads_cores: threadCores(before, after, sluice.ms),
      },
    };
    if (!syslogNg.ok) {
      result.reasons = { file_tail_ratio_vs_syslog_ng: syslogNg.reason };
      return result;
    }
    await sink.call('reset');
    const ng = await runSyslogNg(ctx, syslogNg.binary, file, url, sink, lines, timeoutMs);
    const ngRate = ng.units / (ng.ms / 1000);
    result.values.file_tail_ratio_vs_syslog_ng = ngRate > 0 ? sluiceRate / ngRate : null;
    Object.assign(result.details!, {
      syslog_ng_version: syslogNg.version,
      syslog_ng_lines_per_s: ngRate,
      syslog_ng_seconds: ng.ms / 1000,
      syslog_ng_complete: ng.units >= lines,
      syslog_ng_cpu_cores: ng.cpuUs / 1000 / ng.ms,
    });
    if (ng.units < lines)
      result.reasons = {
        file_tail_ratio_vs_syslog_ng: `syslog-ng delivered ${ng.units} of ${lines} lines before the time limit; its rate is from those`,
      };
    return result;
  },
};

/** Waits until the sink holds `lines` (or the time is up): what arrived, and when. */
async function delivered(sink: Child, lines: number, started: number, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>(
    (resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)),
  );
  const at = await Promise.race([sink.call<number>('waitFor', { units: lines }), timeout]);
  clearTimeout(timer);
  const stats = await sink.call<SinkStats>('stats');
  return { units: stats.units, ms: (at ?? wallMs()) - started };
}

async function runSyslogNg(
  ctx: ScenarioContext,
  binary: string,
  file: string,
  url: string,
  sink: Child,
  lines: number,
  timeoutMs: number,
) {
  const run = startSyslogNg({ binary, dir: ctx.tempDir('syslog-ng'), file, url });
  ctx.defer(() => run.stop());
  const started = wallMs();
  const result = await delivered(sink, lines, started, timeoutMs);
  const cpuUs = run.cpuUs();
  await run.stop();
  if (result.units === 0) throw new Error(`syslog-ng delivered nothing; it said:\n${run.output()}`);
  return { ...result, cpuUs };
}
