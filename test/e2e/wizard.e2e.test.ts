import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDynatraceLocal, type DynatraceLocal } from '../../src/main/tools/dynatrace-local';
import { launchChromium } from '../support/chromium';
import { AppShell } from './pages/app-shell';
import { DetailPage } from './pages/detail-page';
import { StreamsPage } from './pages/streams-page';
import { WizardPage } from './pages/wizard-page';
import { shootBothThemes } from './support/screenshots';
import { openApp } from './support/open-app';
import { startServeWithKeychain, type Serve } from './support/serve';
import { unnamedControls } from './support/a11y';
import { until } from './support/until';

// A Dynatrace-shaped token: dt0c01.<24>.<64>. Only the public part may ever be shown.
const publicPart = 'dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX';
const secretPart = 'S3CR3T'.repeat(10) + 'ABCD';
const goodToken = `${publicPart}.${secretPart}`;
const wrongToken = `dt0c01.ZZZZZZZZZZZZZZZZZZZZZZZZ.${'W'.repeat(64)}`;

let serve: Serve;
let fake: DynatraceLocal;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  [serve, fake, browser] = await Promise.all([
    startServeWithKeychain(),
    startDynatraceLocal({ port: 0, token: goodToken }),
    launchChromium(),
  ]);
  ({ page, problems } = await openApp(browser, serve.url));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([serve?.stop(), fake?.close()]);
});

describe('the stream wizard, through sluice serve in Chromium', () => {
  it('validates as you type, fails the test with a wrong token, passes it with the right one, and saves', async () => {
    const streams = new StreamsPage(page);
    const wizard = new WizardPage(page);
    expect(existsSync((await shootBothThemes(page, 'streams-empty'))[1]!)).toBe(true);
    await expect(unnamedControls(page)).resolves.toEqual([]);

    // The demo stream either starts (and opens) or says, calmly, why it cannot.
    await streams.demoButton().click();
    const demoError = page.getByTestId('demo-error');
    const opened = page.getByRole('heading', { level: 1 }).filter({ hasNotText: /^Streams$/ });
    await demoError.or(opened).first().waitFor();
    if (await demoError.isVisible()) {
      const text = (await demoError.textContent()) ?? '';
      expect(text).toMatch(/The demo stream could not start.+\./);
      expect(text).not.toMatch(/\bat \S+ \(|Error:/);
    } else {
      // The demo stream's page: sample data flowing into the local endpoint.
      await until(
        () => new DetailPage(page).counter('records-out'),
        (n) => n > 0,
        30_000,
      );
      // Its long local URL is cut to fit, with the whole of it on hover.
      const endpoint = page.locator('.detail__endpoint');
      await expect(endpoint.getAttribute('title')).resolves.toBe(await endpoint.textContent());
      await shootBothThemes(page, 'demo-stream');
      await new AppShell(page).navLink('Streams').click();
    }

    await streams.createButton().click();
    await expect(unnamedControls(page)).resolves.toEqual([]);
    await shootBothThemes(page, 'wizard-1-tools');
    await wizard.chooseTool('Dynatrace');

    // Next with nothing typed shows every problem, from the contract's schemas.
    await wizard.field('Stream name').fill('Orders to Dynatrace');
    await wizard.next();
    await expect(wizard.issuesOf('OTLP logs URL')).resolves.toContain('Enter the endpoint URL.');
    await expect(wizard.issuesOf('API token')).resolves.toContain('Enter the API token.');
    await expect(wizard.stepTitle().textContent()).resolves.toBe('2. Destination details');

    // Typing a malformed URL is flagged as it is typed.
    await wizard.field('OTLP logs URL').fill('not a url');
    await expect(wizard.issuesOf('OTLP logs URL')).resolves.toContain('Enter a full URL');

    await wizard.fillDestination({ url: fake.url, token: wrongToken });
    await expect(unnamedControls(page)).resolves.toEqual([]);
    await shootBothThemes(page, 'wizard-2-destination');
    // Enter advances.
    await wizard.field('OTLP logs URL').press('Enter');
    await expect(wizard.stepTitle().textContent()).resolves.toBe('3. Test stream');

    await expect(wizard.runTest()).resolves.toBe('failure');
    const failed = (await wizard.testResult().textContent()) ?? '';
    expect(failed).toContain('HTTP 401');
    await shootBothThemes(page, 'wizard-3-test-failed');

    await wizard.back();
    await wizard.fillDestination({ token: goodToken });
    await wizard.next();
    // The destination changed: the old result is stale until tested again.
    await expect(wizard.runTest()).resolves.toBe('success');
    await expect(wizard.testResult().textContent()).resolves.toContain('Connection works');
    // The DQL query to find the test record, on its own, with a Copy button.
    await expect(page.getByTestId('find-record-query').textContent()).resolves.toMatch(
      /^fetch logs, from: now\(\)-30m \| filter sluice\.test\.id == "[0-9a-f-]+"$/,
    );
    await expect(page.getByRole('button', { name: 'Copy the query' }).count()).resolves.toBe(1);
    await shootBothThemes(page, 'wizard-3-test-passed');
    // The test record reached the local Dynatrace-compatible endpoint, marked as such.
    expect(fake.records().some((r) => 'sluice.test.id' in r.attributes)).toBe(true);

    await wizard.next();
    await expect(wizard.stepTitle().textContent()).resolves.toBe('4. Source details');
    await wizard.chooseSource('Sample data');
    await page.getByLabel('Stage').selectOption('Production');
    await shootBothThemes(page, 'wizard-4-source');
    await wizard.next();
    await expect(wizard.stepTitle().textContent()).resolves.toBe('5. Processing');
    await wizard.next();
    await expect(wizard.stepTitle().textContent()).resolves.toBe('6. Review and save');
    await expect(page.getByTestId('review-credential-token').textContent()).resolves.toContain(
      '••••',
    );
    await expect(page.getByTestId('review-test').textContent()).resolves.toBe(
      'Passed with these settings',
    );
    expect(await page.content()).not.toContain(secretPart);
    await shootBothThemes(page, 'wizard-5-review');

    await wizard.save();
    await page.getByRole('heading', { level: 1, name: 'Orders to Dynatrace' }).waitFor();
    const detail = new DetailPage(page);
    await expect(detail.status().textContent()).resolves.toBe('Active');
    // Five charts, each one uPlot canvas.
    await expect(detail.chartCanvases().count()).resolves.toBe(5);
    await expect(unnamedControls(page)).resolves.toEqual([]);
    await shootBothThemes(page, 'stream-detail-new');

    // Test from the stream's page uses the token stored in the keychain.
    await detail.action('Test').click();
    const testDialog = page.getByTestId('test-dialog');
    await testDialog.getByTestId('test-result').waitFor({ timeout: 20_000 });
    await expect(testDialog.getByTestId('test-result').getAttribute('data-outcome')).resolves.toBe(
      'success',
    );
    await page.keyboard.press('Escape');
    await testDialog.waitFor({ state: 'detached' });
  }, 90_000);

  it('never shows the saved token again, and Esc asks before discarding typed changes', async () => {
    const detail = new DetailPage(page);
    const wizard = new WizardPage(page);
    await detail.action('Edit').click();
    await page.getByRole('heading', { level: 1, name: 'Edit Orders to Dynatrace' }).waitFor();
    await expect(wizard.field('API token').inputValue()).resolves.toBe('');
    const html = await page.content();
    expect(html).toContain(`Stored in the OS keychain (${publicPart})`);
    expect(html).not.toContain(secretPart);
    await shootBothThemes(page, 'wizard-edit');

    await wizard.field('Stream name').fill('Orders (edited)');
    await page.keyboard.press('Escape');
    await wizard.confirmDialog().waitFor();
    await wizard.confirmDialog().getByRole('button', { name: 'Keep editing' }).click();
    await expect(wizard.field('Stream name').inputValue()).resolves.toBe('Orders (edited)');
    await page.keyboard.press('Escape');
    await wizard.confirmDialog().getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders to Dynatrace' }).waitFor();
  }, 90_000);

  it('pauses and resumes from the overview, with the reason on the badge', async () => {
    const shell = new AppShell(page);
    const streams = new StreamsPage(page);
    await shell.navLink('Streams').click();
    await streams.table().waitFor();
    await streams.waitForStatus('Orders to Dynatrace', 'Active');
    await streams.pause('Orders to Dynatrace').click();
    await streams.waitForStatus('Orders to Dynatrace', 'Inactive');
    // The reason is the badge's description, shown on focus.
    const badge = streams.row('Orders to Dynatrace').getByTestId('status-badge');
    await badge.focus();
    await expect(page.getByRole('tooltip').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('tooltip').first().textContent()).resolves.toContain('Paused');
    await streams.resume('Orders to Dynatrace').click();
    await streams.waitForStatus('Orders to Dynatrace', 'Active');
    await shootBothThemes(page, 'streams-overview');
  }, 90_000);

  it('asks before saving settings that did not pass the test', async () => {
    const streams = new StreamsPage(page);
    const wizard = new WizardPage(page);
    await streams.createButton().click();
    await wizard.chooseTool('Dynatrace');
    await wizard.fillDestination({ name: 'Untested', url: fake.url, token: wrongToken });
    await wizard.next(); // test step: continue without testing
    await wizard.next(); // source
    await wizard.chooseSource('Sample data');
    await wizard.next(); // processing
    await wizard.next(); // review
    await wizard.save();
    await wizard.confirmDialog().waitFor();
    await expect(wizard.confirmDialog().textContent()).resolves.toContain(
      'Save without a successful test?',
    );
    await wizard.confirmDialog().getByRole('button', { name: 'Go back' }).click();
    await expect(wizard.stepTitle().textContent()).resolves.toBe('6. Review and save');
    await wizard.save({ confirmUntested: true });
    await page.getByRole('heading', { level: 1, name: 'Untested' }).waitFor();
  }, 90_000);

  it('deletes a stream after saying what goes with it', async () => {
    const detail = new DetailPage(page);
    const streams = new StreamsPage(page);
    await detail.action('Delete').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Delete Untested?');
    expect(text).toContain('stored credentials');
    expect(text).toContain('cannot be undone');
    await shootBothThemes(page, 'stream-delete');
    await dialog.getByRole('button', { name: 'Delete stream' }).click();
    await streams.table().waitFor();
    await expect(streams.row('Untested').count()).resolves.toBe(0);
    await expect(streams.row('Orders to Dynatrace').count()).resolves.toBe(1);
  }, 90_000);
});

describe('the window along the way', () => {
  it('had no script errors, React warnings or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
