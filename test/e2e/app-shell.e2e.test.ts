import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startServe, type RunningProcess } from '../support/sluice-process';
import { tempDir } from '../support/temp-dir';
import { AppShell } from './pages/app-shell';
import { watchProblems } from './support/problems';

let serve: (RunningProcess & { url: URL }) | null = null;
let browser: Browser | null = null;

beforeAll(async () => {
  serve = await startServe(tempDir('sluice-e2e-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('the app shell in Chromium through sluice serve', () => {
  it('shows the shell with a live connection indicator fed by the engine', async () => {
    const page = await browser!.newPage();
    const problems = watchProblems(page);

    await page.goto(serve!.url.href);
    // The token left the address bar for a cookie.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    const shell = new AppShell(page);
    await shell.waitUntilLive();
    await expect(shell.connection().textContent()).resolves.toBe('Live');
    await expect(shell.heading().textContent()).resolves.toBe('Streams');
    await expect(page.getByRole('region', { name: 'No streams yet' }).isVisible()).resolves.toBe(
      true,
    );
    expect(existsSync(await shell.screenshot('shell-streams-empty'))).toBe(true);

    await shell.navLink('Settings').click();
    await expect(shell.heading().textContent()).resolves.toBe('Settings');
    await page.getByText('Data folder').waitFor();
    // This window reached the engine through sluice serve's WebSocket, not the preload.
    await page.getByText('Browser (sluice serve)').waitFor();
    await shell.screenshot('shell-settings');

    // Keyboard: Alt+2 goes to the inspector.
    await page.keyboard.press('Alt+2');
    await expect(shell.heading().textContent()).resolves.toBe('Record inspector');
    // CSP violations and script errors show up here.
    expect(problems).toEqual([]);
  });

  it('turns the indicator amber when the engine goes away', async () => {
    const page = await browser!.newPage();
    await page.goto(serve!.url.href);
    const shell = new AppShell(page);
    await shell.waitUntilLive();
    await serve!.stop();
    await page.waitForSelector('[data-testid="connection"]:not(.connection--live)', {
      timeout: 10_000,
    });
    await expect(shell.connection().textContent()).resolves.toMatch(/Disconnected|not responding/);
  });

  it('shows the 401 page to a browser without the token', async () => {
    const fresh = await startServe(tempDir('sluice-e2e-'));
    try {
      const page = await browser!.newPage();
      const res = await page.goto(`${fresh.url.origin}/`);
      expect(res?.status()).toBe(401);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Open Sluice with its access link',
      );
    } finally {
      await fresh.stop();
    }
  });
});
