import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const appDirName = 'Sluice';

/**
 * The per-user application data folder, the same one Electron's
 * app.getPath('userData') would give for "Sluice", computed without Electron
 * so the desktop app and `sluice serve` share one buffer.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appDirName);
  }
  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', appDirName);
  }
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), appDirName);
}

/** `--data-dir` wins, then SLUICE_DATA_DIR, then the platform default. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (flag) return resolve(flag);
  if (env.SLUICE_DATA_DIR) return resolve(env.SLUICE_DATA_DIR);
  return defaultDataDir(env);
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'sluice.db');
}

export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}
