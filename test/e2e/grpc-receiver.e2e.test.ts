import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { numberedRequestBytes } from '../support/otlp-records';
import { rawExport } from '../support/otlp-grpc';
import { startServe, type RunningProcess } from '../support/sluice-process';
import { freePort } from '../support/free-port';
import { AppShell } from './pages/app-shell';
import { openApp } from './support/open-app';
import { shootBothThemes } from './support/screenshots';
import { until } from './support/until';

/** An OTLP/gRPC receiver from a configuration file, seen and edited in Settings. */

let serve: (RunningProcess & { url: URL }) | null = null;
let browser: Browser;
let page: Page;
let problems: string[] = [];
// Not tempDir(): that one is removed after each test, and the serve outlives them.
const dir = mkdtempSync(join(tmpdir(), 'sluice-e2e-grpc-'));

beforeAll(async () => {
  const file = join(dir, 'grpc.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      sources: [{ name: 'gRPC in', settings: { kind: 'otlp-grpc-receiver', port: 0 } }],
    }),
  );
  [serve, browser] = await Promise.all([
    startServe(join(dir, 'data'), ['--config', file]),
    launchChromium(),
  ]);
  ({ page, problems } = await openApp(browser, serve.url));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an OTLP/gRPC receiver in Settings', () => {
  it('shows where it listens, and moves it to another port when edited', async () => {
    await new AppShell(page).navLink('Settings').click();
    const row = page.getByTestId('source-settings').filter({ hasText: 'gRPC in' });
    await row.getByText('OTLP/gRPC receiver').waitFor();
    const endpoint = row.getByTestId('source-endpoint');
    const first = await until(
      async () => (await endpoint.textContent()) ?? '',
      (t) => /^grpc:\/\/127\.0\.0\.1:\d+$/.test(t),
      30_000,
    );
    // Nothing reads it: a client hears so in a partial success, not an error.
    await expect(rawExport(first, numberedRequestBytes(1, 2))).resolves.toMatchObject({ ok: true });

    const port = await freePort();
    await row.getByLabel('Port').fill(String(port));
    await row.getByRole('button', { name: 'Save gRPC in' }).click();
    await until(
      async () => (await endpoint.textContent()) ?? '',
      (t) => t === `grpc://127.0.0.1:${port}`,
      30_000,
    );
    await row.getByText(`127.0.0.1:${port} (OTLP/gRPC)`).waitFor();
    await shootBothThemes(page, 'settings-grpc-receiver');
    expect(problems).toEqual([]);
  }, 90_000);
});
