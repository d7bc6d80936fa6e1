import { describe, expect, it } from 'vitest';
import { startProcess, startServe } from '../../support/sluice-process';
import { tempDir } from '../../support/temp-dir';

describe('sluice serve as a process', () => {
  it('prints its address, answers 401 without the token, and stops cleanly on SIGTERM', async () => {
    const serve = await startServe(tempDir());
    expect((await fetch(serve.url.origin)).status).toBe(401);
    expect((await fetch(serve.url.href, { redirect: 'manual' })).status).toBe(303);
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(serve.output()).toContain('Stopping (SIGTERM)');
  });

  it('says clearly when the port is taken, and exits 1', async () => {
    const first = await startServe(tempDir());
    try {
      const second = startProcess(['serve', '--port', first.url.port, '--data-dir', tempDir()]);
      await second.waitFor(/already in use/);
      expect(await second.exited()).toBe(1);
      expect(second.output()).not.toMatch(/\n\s+at /);
    } finally {
      await first.stop();
    }
  });

  it('refuses a data folder another instance is using', async () => {
    const dir = tempDir();
    const first = await startServe(dir);
    try {
      const second = startProcess(['serve', '--port', '0', '--data-dir', dir]);
      await second.waitFor(/already using the data folder/);
      expect(await second.exited()).toBe(1);
    } finally {
      await first.stop();
    }
  });
});
