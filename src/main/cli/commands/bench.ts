import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command';

/**
 * The checkout this CLI runs from: the nearest folder above this file that
 * has bench/run.ts. Found by walking up because this module runs both from
 * src/main/cli/commands (tests, tsx) and bundled in out/main/cli.js.
 */
export function findBenchRoot(from: string = fileURLToPath(import.meta.url)): string | null {
  let dir = dirname(from);
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'bench', 'run.ts')) && existsSync(join(dir, 'package.json')))
      return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Measure Sluice on this machine, beside its peers (from a source checkout)',
  help: `Usage: sluice bench [--json] [--quick] [--only a,b] [--runs N] [--profile [DIR]]

Runs the benchmarks of a source checkout (the same as "npm run bench"): the
engine, a load generator and a local Dynatrace-compatible endpoint in
separate processes, the official OpenTelemetry serializer and syslog-ng
beside Sluice. Prints a table, or one JSON object with --json.
docs/benchmarks.md explains every figure.

Options:
  --json            One JSON object instead of the table
  --quick           Every scenario at a small scale (under a minute)
  --only a,b        Only these scenarios (encode, ingest, export, e2e, steady,
                    backlog, lag, file-tail)
  --runs N          Runs per scenario (default 3, 1 with --quick)
  --profile [DIR]   CPU profiles of the engine and endpoint processes (node --cpu-prof)
  -h, --help        Show this help

The benchmarks need the project's development dependencies (npm install in
the checkout); an installed copy of Sluice does not include them.
`,
  async run(args, io) {
    const root = findBenchRoot();
    if (!root) {
      io.stderr(
        'sluice bench: the benchmarks run from a source checkout of Sluice (bench/run.ts), and none was found next to this installation. Clone the repository, run "npm install", then "npm run bench".\n',
      );
      return 1;
    }
    if (!existsSync(join(root, 'node_modules', 'tsx'))) {
      io.stderr(
        `sluice bench: the benchmarks need the development dependencies: run "npm install" in ${root}.\n`,
      );
      return 1;
    }
    return new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(root, 'bench', 'run.ts'), ...args],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout.on('data', (c: Buffer) => io.stdout(c.toString()));
      child.stderr.on('data', (c: Buffer) => io.stderr(c.toString()));
      child.once('error', (err) => {
        io.stderr(`sluice bench: could not start the benchmarks: ${err.message}\n`);
        resolve(1);
      });
      child.once('close', (code) => resolve(code ?? 1));
    });
  },
};
