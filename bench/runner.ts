import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChildren, type BuiltChildren } from './lib/build';
import { loadNow, machineInfo, type MachineInfo } from './lib/machine';
import { startChild, type Child } from './lib/rpc';
import { median } from './lib/stats';
import type { Figure, Scenario, ScenarioContext, ScenarioResult } from './scenarios/types';

export interface RunOptions {
  quick: boolean;
  runs: number;
  /** Scenario names; null for all. */
  only: readonly string[] | null;
  verbose: boolean;
  /** Write V8 CPU profiles of the engine and endpoint processes here (node --cpu-prof). */
  profileDir: string | null;
  log(line: string): void;
}

export interface KeyFigure {
  /** Median of the runs that produced a number; null when none did. */
  value: Figure;
  min: Figure;
  max: Figure;
  samples: Figure[];
  /** Why the value is null (or why some runs gave none). */
  reason: string | null;
}

export interface BenchReport {
  scale: 'quick' | 'full';
  runs: number;
  machine: MachineInfo;
  figures: Record<string, KeyFigure>;
  /** Per scenario, each run's supporting figures. */
  details: Record<string, unknown[]>;
  /** Scenario runs that crashed: the benchmark exits 1 when any did. */
  failures: { scenario: string; run: number; error: string }[];
  seconds: number;
}

/** Runs one scenario once, with everything it started cleaned up afterwards. */
async function runOnce(
  scenario: Scenario,
  o: RunOptions,
  built: BuiltChildren,
): Promise<ScenarioResult> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const ctx: ScenarioContext = {
    quick: o.quick,
    verbose: o.verbose,
    profiledNodeArgs: o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : [],
    tempDir(prefix) {
      const dir = mkdtempSync(join(tmpdir(), `sluice-bench-${prefix}-`));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    async startChild(name, co = {}) {
      const child: Child = await startChild(name, built.file(name), { echo: o.verbose, ...co });
      cleanups.push(() => child.stop());
      return child;
    },
    defer: (fn) => cleanups.push(fn),
    log: o.log,
  };
  try {
    return await scenario.run(ctx);
  } finally {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        o.log(`  cleanup: ${(err as Error).message}`);
      }
    }
  }
}

function summarise(samples: Figure[], reasons: string[]): KeyFigure {
  const numbers = samples.filter((v): v is number => v !== null && Number.isFinite(v));
  const reason = reasons.length ? [...new Set(reasons)].join('; ') : null;
  if (numbers.length === 0) return { value: null, min: null, max: null, samples, reason };
  return {
    value: median(numbers),
    min: Math.min(...numbers),
    max: Math.max(...numbers),
    samples,
    reason,
  };
}

export async function runBench(
  scenarios: readonly Scenario[],
  o: RunOptions,
): Promise<BenchReport> {
  const started = Date.now();
  const machine = machineInfo();
  const report: BenchReport = {
    scale: o.quick ? 'quick' : 'full',
    runs: o.runs,
    machine,
    figures: {},
    details: {},
    failures: [],
    seconds: 0,
  };
  const built = await buildChildren();
  try {
    await runScenarios(scenarios, o, built, report);
  } finally {
    built.remove();
  }
  machine.loadAtEnd = loadNow();
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

async function runScenarios(
  scenarios: readonly Scenario[],
  o: RunOptions,
  built: BuiltChildren,
  report: BenchReport,
): Promise<void> {
  for (const scenario of scenarios) {
    if (o.only && !o.only.includes(scenario.name)) continue;
    const samples: Record<string, Figure[]> = {};
    const reasons: Record<string, string[]> = {};
    for (const key of scenario.keys) {
      samples[key] = [];
      reasons[key] = [];
    }
    report.details[scenario.name] = [];
    for (let run = 1; run <= o.runs; run++) {
      const t = Date.now();
      o.log(`${scenario.name}: run ${run} of ${o.runs}`);
      let result: ScenarioResult;
      try {
        result = await runOnce(scenario, o, built);
      } catch (err) {
        const error = (err as Error).stack ?? String(err);
        o.log(`${scenario.name}: run ${run} FAILED: ${error}`);
        report.failures.push({ scenario: scenario.name, run, error });
        for (const key of scenario.keys) {
          samples[key]!.push(null);
          reasons[key]!.push(`run ${run} crashed: ${(err as Error).message.split('\n')[0]}`);
        }
        continue;
      }
      for (const key of scenario.keys) {
        const v = result.values[key];
        samples[key]!.push(v === undefined || v === null || !Number.isFinite(v) ? null : v);
        const why = result.reasons?.[key];
        if (why) reasons[key]!.push(why);
      }
      report.details[scenario.name]!.push(result.details ?? {});
      const shown = scenario.keys.map((k) => `${k}=${result.values[k] ?? 'null'}`).join(' ');
      o.log(
        `${scenario.name}: run ${run} done in ${((Date.now() - t) / 1000).toFixed(1)} s: ${shown}`,
      );
    }
    for (const key of scenario.keys) report.figures[key] = summarise(samples[key]!, reasons[key]!);
  }
}
