import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDynatraceLocal, type DynatraceLocal } from '../../src/main/tools/dynatrace-local';
import { launchChromium } from '../support/chromium';
import { startServe, type RunningProcess } from '../support/sluice-process';
import { tempDir } from '../support/temp-dir';
import { DetailPage } from './pages/detail-page';
import { StreamsPage } from './pages/streams-page';
import { WizardPage } from './pages/wizard-page';
import { openApp } from './support/open-app';
import { until } from './support/until';

/**
 * `sluice serve` where the OS keychain cannot be reached (no D-Bus session,
 * as on a headless server): the wizard says so at the token field, with the
 * real cause, before anything is typed, and the environment-variable
 * credential gets a stream working end to end.
 */

const token = `dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.${'E'.repeat(64)}`;
let serve: RunningProcess & { url: URL };
let dt: DynatraceLocal;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  [serve, dt, browser] = await Promise.all([
    // No session bus at all: keytar cannot reach gnome-keyring, installed or not.
    startServe(tempDir('sluice-e2e-nokeychain-'), [], {
      DBUS_SESSION_BUS_ADDRESS: '',
      DISPLAY: '',
      SLUICE_E2E_TOKEN: token,
    }),
    startDynatraceLocal({ port: 0, token }),
    launchChromium(),
  ]);
  ({ page, problems } = await openApp(browser, serve.url));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([serve?.stop(), dt?.close()]);
});

describe('the wizard without a reachable keychain', () => {
  it('says why at the token field before Save, and the environment variable makes the stream work', async () => {
    const streams = new StreamsPage(page);
    const wizard = new WizardPage(page);
    await streams.createButton().click();
    await wizard.chooseTool('Dynatrace');
    await wizard.fillDestination({ name: 'From the environment', url: dt.url });

    // Before anything is typed into it, the token field says what is wrong, and why.
    const problem = page
      .getByTestId('credential-token')
      .locator('.field__issue--error')
      .filter({ hasText: 'cannot be reached' });
    await problem.waitFor({ timeout: 15_000 });
    const text = (await problem.textContent()) ?? '';
    expect(text).toMatch(/no D-Bus session bus \(DBUS_SESSION_BUS_ADDRESS is not set\)/);
    expect(text).not.toMatch(/apt-get install gnome-keyring/);

    await problem.getByRole('button', { name: 'Use an environment variable instead' }).click();
    const variable = page.getByLabel('API token: environment variable');
    await expect(variable.inputValue()).resolves.toBe('DT_API_TOKEN');
    await variable.fill('SLUICE_E2E_TOKEN');
    await wizard.next();
    // Test stream reads the variable in the engine: the value never comes to the window.
    await expect(wizard.runTest()).resolves.toBe('success');
    expect(await page.content()).not.toContain(token.split('.')[2]!);
    await wizard.next();
    await page
      .getByRole('list', { name: 'Sources' })
      .getByLabel(/^Sample data/)
      .check();
    await wizard.next(); // processing
    await wizard.next();
    await expect(page.getByTestId('review-credential-token').textContent()).resolves.toBe(
      'Read from the environment variable SLUICE_E2E_TOKEN when Sluice starts',
    );
    await wizard.save();
    await page.getByRole('heading', { level: 1, name: 'From the environment' }).waitFor();
    await until(
      () => new DetailPage(page).counter('records-out'),
      (n) => n > 0,
      30_000,
    );
    expect(dt.records().length).toBeGreaterThan(0);
  }, 90_000);
});

describe('the window along the way', () => {
  it('had no script errors, React warnings or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
