import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../../../src/main/data-dir/paths';

describe('data folder', () => {
  it('prefers --data-dir, then SLUICE_DATA_DIR, then the platform default', () => {
    expect(resolveDataDir('rel/dir', { SLUICE_DATA_DIR: '/env' })).toBe(resolve('rel/dir'));
    expect(resolveDataDir(undefined, { SLUICE_DATA_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe(
      process.platform === 'linux' ? '/xdg/Sluice' : defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }),
    );
  });

  it('matches what Electron would use for userData on each platform', () => {
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Sluice'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'Sluice'),
    );
    expect(defaultDataDir({}, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'Sluice'),
    );
  });
});
