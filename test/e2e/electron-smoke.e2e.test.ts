import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findElectronRuntime, hasDisplay } from '../../scripts/lib/electron-runtime.mjs';
import { projectRoot } from '../support/sluice-process';
import { tempDir } from '../support/temp-dir';

// The desktop shell can only be started where an Electron binary exists (its
// download host is unreachable on the build machines) and a display is set.
const runtime = findElectronRuntime();
const skipReason =
  'missing' in runtime
    ? `Electron smoke test skipped: the Electron runtime is not installed (${runtime.missing}).`
    : !hasDisplay()
      ? 'Electron smoke test skipped: no display (set DISPLAY, e.g. under xvfb-run).'
      : null;
if (skipReason) process.stdout.write(`${skipReason}\n`);

describe.skipIf(skipReason !== null)('desktop shell smoke test', () => {
  it('starts the Electron app, which opens its window and its engine', async () => {
    const electronPath = (runtime as { path: string }).path;
    const child = spawn(electronPath, [projectRoot, '--data-dir', tempDir(), '--no-sandbox'], {
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // Alive after a few seconds means the window and the engine came up.
    const exitedEarly = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 8_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    child.kill('SIGTERM');
    expect(exitedEarly, output).toBe(false);
  });
});
