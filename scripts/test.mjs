// `npm test`: make sure the system parts are there (installing them when we
// can), build, then run every vitest suite inside a private D-Bus session with
// an unlocked gnome-keyring, and end with the line "N passed, N failed".
// Arguments are passed to vitest (e.g. `npm test -- test/unit`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, projectRoot } from './lib/ensure-built.mjs';
import { ensureSystem } from './lib/system-deps.mjs';

ensureSystem();
ensureBuilt();

const resultsDir = join(projectRoot, 'test-results');
const resultsFile = join(resultsDir, 'vitest-results.json');
mkdirSync(resultsDir, { recursive: true });
rmSync(resultsFile, { force: true });

const vitest = join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  'dbus-run-session',
  [
    '--',
    process.execPath,
    join(projectRoot, 'scripts', 'lib', 'with-keyring.mjs'),
    process.execPath,
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', cwd: projectRoot },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(resultsFile)) {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = r.numPassedTests ?? 0;
  // Failed tests, plus test files that failed without a failed test (they
  // could not load). numFailedTestSuites would also count describe blocks.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed = (r.numFailedTests ?? 0) + brokenFiles;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else if (run.status !== 0) {
  failed = 1;
}
const code = run.status === 0 && failed === 0 ? 0 : 1;
if (code !== 0 && failed === 0) failed = 1; // vitest failed outside any test (an unhandled error)
if (skipped) process.stdout.write(`${skipped} skipped (each printed its reason above)\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(code);
