// `npm start`: build if needed, then open the desktop app. Where the Electron
// runtime is missing or cannot start (no display, download blocked), say so in
// one line and run `sluice serve` instead, which prints the address to open.
// Extra arguments go to the app or to `sluice serve` (e.g. --data-dir, --port).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, projectRoot } from './lib/ensure-built.mjs';
import { findElectronRuntime, hasDisplay } from './lib/electron-runtime.mjs';

const args = process.argv.slice(2);
ensureBuilt();

function runServe(reason) {
  process.stdout.write(
    `Electron ${reason}: running "sluice serve" instead; open the address below in a browser.\n`,
  );
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'bin', 'sluice.mjs'), 'serve', ...args],
    {
      stdio: 'inherit',
    },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

const runtime = findElectronRuntime();
if ('missing' in runtime) {
  runServe(`runtime is not installed (${runtime.missing})`);
} else if (!hasDisplay()) {
  runServe('needs a display and none is set (DISPLAY/WAYLAND_DISPLAY)');
} else {
  const started = Date.now();
  const child = spawn(runtime.path, [projectRoot, ...args], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    process.stderr.write(d);
  });
  child.on('error', (err) => runServe(`could not start (${err.message})`));
  child.on('exit', (code) => {
    // A runtime that dies at once (missing system libraries, sandbox setup)
    // is a runtime that cannot start here: fall back rather than just fail.
    if (code !== 0 && Date.now() - started < 10_000) {
      const line = stderr.trim().split('\n').pop() ?? `exit code ${code}`;
      runServe(`could not start (${line})`);
    } else process.exit(code ?? 0);
  });
}
