import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../../scripts/lib/electron-runtime.mjs';
import { projectRoot, startProcess } from '../../support/sluice-process';
import { tempDir } from '../../support/temp-dir';

const startScript = join(projectRoot, 'scripts', 'start.mjs');

describe('npm start', () => {
  it('falls back to sluice serve with a one-line reason when Electron cannot run, and prints the address', async () => {
    // No display guarantees the fallback even where an Electron binary exists.
    const proc = startProcess(['--port', '0', '--data-dir', tempDir()], {
      script: startScript,
      env: { DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    try {
      const reason = await proc.waitFor(/^Electron (.+): running "sluice serve" instead.*$/m);
      const runtime = findElectronRuntime();
      expect(reason[1]).toMatch(
        'missing' in runtime ? /runtime is not installed/ : /needs a display/,
      );
      const url = await proc.waitFor(/http:\/\/127\.0\.0\.1:(\d+)\/\?token=\S+/);
      const res = await fetch(`http://127.0.0.1:${url[1]}/`);
      expect(res.status).toBe(401);
    } finally {
      expect(await proc.stop('SIGINT')).toBe(0);
    }
  });
});
