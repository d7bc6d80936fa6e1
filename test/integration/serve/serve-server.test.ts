import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startInProcessEngine, type InProcessEngine } from '../../../src/main/host/in-process-host';
import { silentLogger } from '../../../src/main/base/log';
import { startServeServer, type RunningServer } from '../../../src/main/serve/serve-server';
import { cookieName } from '../../../src/main/serve/access';
import { FakeMemoryTokenStore } from '../../support/memory-token-store';
import { eventually } from '../../support/eventually';
import { parsePrometheusText, sampleValue } from '../../support/prometheus-text';
import { tempDir } from '../../support/temp-dir';

let host: InProcessEngine | null = null;
let server: RunningServer | null = null;

afterEach(async () => {
  await server?.close();
  await host?.close();
  server = null;
  host = null;
});

async function start() {
  const renderer = tempDir();
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Sluice test page</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  // The engine is real (SQLite in a temp folder); only the keychain is faked.
  host = startInProcessEngine(
    { dataDir: tempDir(), snapshotIntervalMs: 50 },
    new FakeMemoryTokenStore(),
  );
  server = await startServeServer({ host, port: 0, rendererDir: renderer, log: silentLogger });
  return server;
}

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so the Host and Origin headers can be anything (fetch forbids setting Host). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function openWs(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('sluice serve: HTTP', () => {
  it('answers 401 with a page explaining how to get in when the token is missing or wrong', async () => {
    const s = await start();
    const none = await get(s.port, '/');
    expect(none.status).toBe(401);
    expect(none.body).toContain('Open Sluice with its access link');
    expect((await get(s.port, '/?token=wrong')).status).toBe(401);
    expect((await get(s.port, '/assets/app.js')).status).toBe(401);
  });

  it('trades the token in the address for an HttpOnly cookie, then serves the app with a CSP', async () => {
    const s = await start();
    const first = await get(s.port, `/?token=${s.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
    expect(cookie).toMatch(/^sluice_access_\d+=/);
    const page = await get(s.port, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sluice test page');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(s.port, '/streams/anything', { Cookie: cookie })).body).toContain(
      'Sluice test page',
    );
    expect((await get(s.port, '/assets/missing.js', { Cookie: cookie })).status).toBe(404);
  });

  it('styles its own pages with a stylesheet the CSP allows, served without the token', async () => {
    const s = await start();
    const page = await get(s.port, '/');
    // An inline <style> is blocked by style-src 'self': the page links a file instead.
    expect(page.body).not.toContain('<style');
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const css = await get(s.port, href!);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('prefers-color-scheme:dark');
    expect(page.headers['content-security-policy']).toContain("style-src 'self'");
  });

  it('tells a browser holding an older run’s cookie that Sluice restarted, page and /session alike', async () => {
    const s = await start();
    const stale = `sluice_access_${s.port}=token-of-an-earlier-run`;
    const page = await get(s.port, '/', { Cookie: stale });
    expect(page.status).toBe(401);
    expect(page.body).toContain('Sluice was restarted: open its new link');
    expect(page.body).toContain('control.json');

    const restarted = await get(s.port, '/session', { Cookie: stale });
    expect(restarted.status).toBe(401);
    expect(JSON.parse(restarted.body)).toEqual({ access: 'restarted' });
    expect(JSON.parse((await get(s.port, '/session')).body)).toEqual({ access: 'missing' });
    const ok = await get(s.port, '/session', { Cookie: `sluice_access_${s.port}=${s.token}` });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ access: 'ok' });
  });

  it('refuses other Host names and foreign Origins even with the token (DNS rebinding, CSRF)', async () => {
    const s = await start();
    expect((await get(s.port, `/?token=${s.token}`, { Host: 'attacker.example' })).status).toBe(
      403,
    );
    expect(
      (await get(s.port, `/?token=${s.token}`, { Origin: 'http://attacker.example' })).status,
    ).toBe(403);
  });
});

describe('sluice serve: the contract over WebSocket', () => {
  it('refuses upgrades without the cookie, from a foreign origin, or with a bad Host', async () => {
    const s = await start();
    const origin = `http://127.0.0.1:${s.port}`;
    await expect(openWs(s.port, { Origin: origin })).rejects.toThrow('HTTP 401');
    await expect(
      openWs(s.port, {
        Origin: 'http://evil.example',
        Cookie: `sluice_access_${s.port}=${s.token}`,
      }),
    ).rejects.toThrow('HTTP 403');
    await expect(
      openWs(s.port, { Host: 'evil.example', Cookie: `sluice_access_${s.port}=${s.token}` }),
    ).rejects.toThrow('HTTP 403');
  });

  it('answers requests with envelopes and pushes snapshots and change events', async () => {
    const s = await start();
    const ws = await openWs(s.port, {
      Origin: `http://127.0.0.1:${s.port}`,
      Cookie: `sluice_access_${s.port}=${s.token}`,
    });
    const messages: {
      id?: number;
      reply?: { ok: boolean; value?: unknown; error?: { code: string } };
      event?: string;
      payload?: unknown;
    }[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as (typeof messages)[number]));

    ws.send(
      JSON.stringify({
        id: 1,
        name: 'streams.create',
        input: {
          settings: {
            name: 'A',
            destination: {
              tool: 'dynatrace',
              url: 'https://x.live.dynatrace.com/api/v2/otlp/v1/logs',
            },
          },
        },
      }),
    );
    ws.send(JSON.stringify({ id: 2, name: 'streams.create', input: { settings: { name: '' } } }));
    ws.send('not json');
    await eventually(() =>
      expect(messages.map((m) => m.id)).toEqual(expect.arrayContaining([1, 2, null])),
    );
    expect(messages.find((m) => m.id === 1)?.reply).toMatchObject({
      ok: true,
      value: { name: 'A' },
    });
    expect(messages.find((m) => m.id === 2)?.reply).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    await eventually(() => expect(messages.map((m) => m.event)).toContain('streams.changed'));
    await eventually(() =>
      expect(messages.filter((m) => m.event === 'engine.snapshot').length).toBeGreaterThanOrEqual(
        2,
      ),
    );
    const snap = messages.filter((m) => m.event === 'engine.snapshot').at(-1)?.payload as {
      streams: unknown[];
    };
    expect(snap.streams).toHaveLength(1);
    ws.close();
  });
});

describe('sluice serve: /metrics, /healthz and /readyz behind the access token', () => {
  it('refuses them without the token and answers them with it (bearer, cookie or ?token=)', async () => {
    const s = await start();
    for (const path of ['/metrics', '/healthz', '/readyz']) {
      expect((await get(s.port, path)).status, path).toBe(401);
      const res = await get(s.port, path, { Authorization: `Bearer ${s.token}` });
      expect(res.status, path).toBe(200);
    }
    const metrics = await get(s.port, `/metrics?token=${s.token}`);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parsePrometheusText(metrics.body);
    // A new data folder has one source, Sample data, and no stream.
    expect(
      sampleValue(families, 'sluice_source_state', { source: 'Sample data', state: 'idle' }),
    ).toBe(1);
    const cookie = `${cookieName(s.port)}=${s.token}`;
    expect((await get(s.port, '/readyz', { Cookie: cookie })).body).toBe(
      'ready: every active stream is sending or idle without errors\n',
    );
  });
});
