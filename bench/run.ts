import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toJson, toTable } from './report';
import { runBench } from './runner';
import { scenarios } from './scenarios';

const help = `Usage: npm run bench -- [options]

Measures Sluice on this machine, side by side with its peers (the official
OpenTelemetry JS serializer, syslog-ng), and prints a table.

Options:
  --json            Print one JSON object instead of the table
                    (npm run --silent bench -- --json keeps npm's banner off stdout)
  --out FILE        Also write the JSON object to FILE
  --quick           Every scenario at a small scale (under a minute; for CI)
  --only a,b        Only these scenarios: ${scenarios.map((s) => s.name).join(', ')}
  --runs N          Runs per scenario (default 3; 1 with --quick); the median is reported
  --profile [DIR]   Write CPU profiles of the engine and endpoint processes (node --cpu-prof) to DIR
                    (default bench-profiles/)
  --verbose         Show what the child processes print
  -h, --help        Show this help

Progress goes to stderr. Exit status 1 when a scenario crashed.
`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        runs: { type: 'string' },
        profile: { type: 'string' },
        out: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      // `--profile` alone means the default folder.
      args: process.argv
        .slice(2)
        .map((a, i, all) =>
          a === '--profile' && (all[i + 1] === undefined || all[i + 1]!.startsWith('--'))
            ? '--profile=bench-profiles'
            : a,
        ),
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
  const unknown = only?.filter((name) => !scenarios.some((s) => s.name === name)) ?? [];
  if (unknown.length) {
    process.stderr.write(`bench: no scenario named ${unknown.join(', ')}\n\n${help}`);
    return 2;
  }
  const runs = values.runs ? Number(values.runs) : values.quick ? 1 : 3;
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(`bench: --runs must be a whole number of at least 1\n`);
    return 2;
  }
  const profileDir = values.profile ? resolve(values.profile) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  const report = await runBench(scenarios, {
    quick: values.quick,
    runs,
    only,
    verbose: values.verbose,
    profileDir,
    log: (line) => process.stderr.write(`[bench] ${line}\n`),
  });
  const json = `${JSON.stringify(toJson(report), null, 2)}\n`;
  if (values.out) writeFileSync(values.out, json);
  process.stdout.write(values.json ? json : toTable(report));
  if (profileDir) process.stderr.write(`[bench] CPU profiles in ${profileDir}\n`);
  return report.failures.length > 0 ? 1 : 0;
}

const code = await main();
process.exitCode = code;
// Every scenario stops what it started; this only ends a run something else keeps alive.
setTimeout(() => process.exit(code), 2_000).unref();
