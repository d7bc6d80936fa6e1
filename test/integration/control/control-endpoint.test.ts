import { chownSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startInProcessEngine, type InProcessEngine } from '../../../src/main/host/in-process-host';
import { connectWsTransport } from '../../../src/main/cli/ws-transport';
import {
  startControlEndpoint,
  type ControlEndpoint,
} from '../../../src/main/serve/control/control-endpoint';
import {
  controlFilePath,
  readControlFile,
  writeControlFile,
} from '../../../src/main/serve/control/control-file';
import { silentLogger } from '../../../src/main/base/log';
import { createClient } from '../../../src/shared/api/client';
import { FakeMemoryTokenStore } from '../../support/memory-token-store';
import { tempDir } from '../../support/temp-dir';

let host: InProcessEngine | null = null;
let control: ControlEndpoint | null = null;
afterEach(async () => {
  await control?.close();
  await host?.close();
  control = null;
  host = null;
});

async function start() {
  const dataDir = tempDir();
  host = startInProcessEngine({ dataDir }, new FakeMemoryTokenStore());
  control = await startControlEndpoint({ host, dataDir, log: silentLogger });
  return { dataDir, info: readControlFile(dataDir)! };
}

/** The WebSocket handshake's answer, for given headers. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

describe('the control endpoint', () => {
  it('advertises itself in control.json, readable by its owner only', async () => {
    const { dataDir, info } = await start();
    expect(info).toMatchObject({
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/api$/),
      pid: process.pid,
    });
    expect(info.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(controlFilePath(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('serves the contract to a client with the token, as serve does', async () => {
    const { info } = await start();
    const transport = await connectWsTransport(info.url, info.token);
    try {
      const api = createClient(transport);
      expect((await api.request('streams.list')).length).toBe(0);
      expect((await api.request('app.info')).engineThread).toBe('main');
    } finally {
      transport.close();
    }
  });

  it('refuses a wrong token, a foreign Host and a foreign Origin', async () => {
    const { info } = await start();
    const port = new URL(info.url.replace('ws:', 'http:')).port;
    expect(await upgradeStatus(info.url, { Authorization: 'Bearer wrong' })).toBe(401);
    expect(await upgradeStatus(info.url, {})).toBe(401);
    expect(
      await upgradeStatus(info.url, {
        Authorization: `Bearer ${info.token}`,
        Host: `evil.example:${port}`,
      }),
    ).toBe(403);
    expect(
      await upgradeStatus(info.url, {
        Authorization: `Bearer ${info.token}`,
        Origin: 'http://evil.example',
      }),
    ).toBe(403);
    await expect(connectWsTransport(info.url, 'wrong')).rejects.toThrow(/HTTP 401/);
    const page = await fetch(info.url.replace('ws:', 'http:').replace('/api', '/'), {
      headers: { Authorization: `Bearer ${info.token}` },
    });
    expect(page.status).toBe(404);
  });

  it('removes control.json on close', async () => {
    const { dataDir } = await start();
    await control!.close();
    control = null;
    expect(() => readFileSync(controlFilePath(dataDir))).toThrow(/ENOENT/);
  });

  it('ignores a file left by a process that is gone, and one that is not ours', () => {
    const dataDir = tempDir();
    writeControlFile(dataDir, { url: 'ws://127.0.0.1:1/api', token: 't', pid: 2 ** 22 + 7 });
    expect(readControlFile(dataDir)).toBeNull();
    writeFileSync(
      controlFilePath(dataDir),
      '{"url":"ws://evil.example:1/api","token":"t","pid":1}',
    );
    expect(readControlFile(dataDir)).toBeNull();
    writeFileSync(controlFilePath(dataDir), 'not json');
    expect(readControlFile(dataDir)).toBeNull();
    writeControlFile(dataDir, { url: 'ws://127.0.0.1:1/api', token: 't', pid: process.pid });
    expect(readControlFile(dataDir)).toEqual({
      url: 'ws://127.0.0.1:1/api',
      token: 't',
      pid: process.pid,
    });
    // Owned by another user (only root can arrange that here): never followed.
    if (process.getuid?.() === 0) {
      chownSync(controlFilePath(dataDir), 65534, 65534);
      expect(readControlFile(dataDir)).toBeNull();
    }
  });
});
