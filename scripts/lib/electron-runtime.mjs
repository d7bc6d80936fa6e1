// Finds the Electron runtime WITHOUT require('electron'): in plain Node that
// require tries to download the binary, which cannot work offline.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './ensure-built.mjs';

/** @returns {{ path: string } | { missing: string }} */
export function findElectronRuntime(env = process.env) {
  const pkgDir = join(projectRoot, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) {
    return { missing: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(p) ? { path: p } : { missing: `no Electron binary at ${p}` };
  }
  if (!relative) return { missing: 'its binary has not been downloaded' };
  const binary = join(pkgDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { missing: `no Electron binary at ${binary}` };
}

/** On Linux a window needs a display server. */
export function hasDisplay(env = process.env, platform = process.platform) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
