// Builds the app (electron-vite build) when out/ is missing or older than the
// sources, so `npm start`, `sluice` and the tests never run stale code.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stampFile = join(projectRoot, 'out', '.build-stamp');
const inputs = ['src', 'package.json', 'electron.vite.config.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildStale() {
  if (!existsSync(stampFile)) return true;
  // A published copy without sources is always "built".
  if (!existsSync(join(projectRoot, 'src'))) return false;
  const built = statSync(stampFile).mtimeMs;
  return inputs.some((p) => newestMtime(join(projectRoot, p)) > built);
}

export function ensureBuilt({ quiet = false } = {}) {
  if (!isBuildStale()) return;
  process.stderr.write('Building Sluice (electron-vite build)…\n');
  const bin = join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build'], {
    cwd: projectRoot,
    // Build output goes to stderr so a command's stdout (JSON, URLs) stays clean.
    stdio: ['ignore', quiet ? 'ignore' : process.stderr, 'inherit'],
  });
  if (result.status !== 0) {
    process.stderr.write('The build failed; see the messages above.\n');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, new Date().toISOString());
}
