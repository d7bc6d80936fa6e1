import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerEngine, type WorkerEngineHost } from '../../../src/main/host/worker-host';
import { eventually } from '../../support/eventually';
import { projectRoot } from '../../support/sluice-process';
import { tempDir } from '../../support/temp-dir';

// The built worker (out/main/engine-worker.js), as the app and `sluice serve` run it.
const entry = pathToFileURL(join(projectRoot, 'out', 'main', 'engine-worker.js'));
const hosts: WorkerEngineHost[] = [];

afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

describe('engine in a worker thread', () => {
  it('serves the contract from the worker and says so', async () => {
    const host = await startWorkerEngine(entry, { dataDir: tempDir(), snapshotIntervalMs: 50 });
    hosts.push(host);
    const info = await host.invoke('app.info', undefined);
    expect(info).toMatchObject({ ok: true, value: { name: 'Sluice', engineThread: 'worker' } });
    const events: string[] = [];
    host.subscribe((m) => events.push(m.event));
    await eventually(() => expect(events).toContain('engine.snapshot'));
  });

  it('refuses to start a second engine on the same data folder, with the reason', async () => {
    const dataDir = tempDir();
    hosts.push(await startWorkerEngine(entry, { dataDir }));
    await expect(startWorkerEngine(entry, { dataDir })).rejects.toThrow(
      /already using the data folder/,
    );
  });

  it('answers requests with "unavailable" once the engine has stopped', async () => {
    const host = await startWorkerEngine(entry, { dataDir: tempDir() });
    await host.close();
    expect(await host.exited).toBeTypeOf('number');
    expect(await host.invoke('streams.list', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
