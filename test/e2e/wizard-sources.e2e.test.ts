import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { AppShell } from './pages/app-shell';
import { StreamsPage } from './pages/streams-page';
import { WizardPage } from './pages/wizard-page';
import { openApp } from './support/open-app';
import { startServeWithKeychain, type Serve } from './support/serve';
import { until } from './support/until';

/**
 * What the wizard creates and what it lets through: a receiver added in a
 * wizard that is then cancelled does not outlive it; Settings removes a
 * source, naming the streams that read it; a stream without a source is
 * saved only when the user says so; a filter rule needs an attribute name.
 */

let serve: Serve;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  [serve, browser] = await Promise.all([startServeWithKeychain(), launchChromium()]);
  ({ page, problems } = await openApp(browser, serve.url));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

/** The Other form, to a URL nothing needs to answer, up to Source details. */
async function toSourceStep(wizard: WizardPage, name: string): Promise<void> {
  await new StreamsPage(page).createButton().click();
  await wizard.chooseTool('Other (OTLP/HTTP)');
  await wizard.field('Stream name').fill(name);
  await wizard.field('Endpoint').fill('http://127.0.0.1:9/v1/logs');
  await wizard.next();
  await wizard.next(); // Continue without testing
  await expect(wizard.stepTitle().textContent()).resolves.toBe('4. Source details');
}

async function receiverResponds(url: string): Promise<boolean> {
  try {
    await fetch(url, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    return true;
  } catch {
    return false;
  }
}

describe('the wizard and sources', () => {
  it('removes an OTLP receiver it added when the wizard is cancelled', async () => {
    const wizard = new WizardPage(page);
    await toSourceStep(wizard, 'Abandoned');
    await page.getByRole('button', { name: 'Add another source…' }).click();
    const dialog = page.getByTestId('source-dialog');
    await dialog.getByLabel('Kind').selectOption('otlp-receiver');
    await dialog.getByLabel('Name').fill('Wizard receiver');
    await dialog.getByLabel('Port').fill('0');
    await dialog.getByRole('button', { name: 'Add source' }).click();
    const endpoint = page
      .getByRole('list', { name: 'Sources' })
      .locator('li', { hasText: 'Wizard receiver' })
      .getByTestId('source-endpoint');
    await endpoint.waitFor({ timeout: 15_000 });
    const url = (await endpoint.textContent()) ?? '';
    await until(
      () => receiverResponds(url),
      (up) => up,
    );

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const confirm = wizard.confirmDialog();
    await expect(confirm.textContent()).resolves.toContain(
      'the source "Wizard receiver" you added here will be removed',
    );
    await confirm.getByRole('button', { name: 'Discard' }).click();
    await until(
      () => receiverResponds(url),
      (up) => !up,
    );
    await new AppShell(page).navLink('Settings').click();
    await page.getByTestId('buffer-used').waitFor();
    await expect(page.getByText('Wizard receiver').count()).resolves.toBe(0);
  }, 90_000);

  it('refuses a filter rule without an attribute name, and asks before saving a stream without a source', async () => {
    const wizard = new WizardPage(page);
    await new AppShell(page).navLink('Streams').click();
    await toSourceStep(wizard, 'No source yet');
    await expect(page.getByTestId('no-source-warning').textContent()).resolves.toContain(
      'Nothing reaches this stream until it reads a source',
    );
    await page
      .getByRole('group', { name: 'Never records where' })
      .getByRole('button', { name: 'Add a rule' })
      .click();
    await wizard.next();
    await expect(wizard.stepTitle().textContent()).resolves.toBe('4. Source details');
    await expect(
      page
        .getByText('Name the attribute to match (for example service.name), or remove this rule.')
        .count(),
    ).resolves.toBe(1);
    await page.getByRole('button', { name: 'Remove rule 1' }).click();
    await wizard.next(); // processing
    await wizard.next();
    await expect(page.getByTestId('review-no-source').textContent()).resolves.toContain('None');
    await page.getByRole('button', { name: 'Save stream' }).click();
    await expect(wizard.confirmDialog().textContent()).resolves.toContain(
      'Save a stream that reads no source?',
    );
    await wizard.confirmDialog().getByRole('button', { name: 'Choose a source' }).click();
    await expect(wizard.stepTitle().textContent()).resolves.toBe('4. Source details');
    await wizard.chooseSource('Sample data');
    await wizard.next(); // processing
    await wizard.next();
    await wizard.save({ confirmUntested: true });
    await page.getByRole('heading', { level: 1, name: 'No source yet' }).waitFor();
  }, 90_000);

  it('Settings removes a source no stream reads, and names the streams that read one', async () => {
    const wizard = new WizardPage(page);
    await new AppShell(page).navLink('Streams').click();
    await toSourceStep(wizard, 'Keeps its source');
    await wizard.chooseSource('Sample data');
    // Added here but not chosen: removed when the stream is saved.
    await page.getByRole('button', { name: 'Add another source…' }).click();
    const dialog = page.getByTestId('source-dialog');
    await dialog.getByLabel('Kind').selectOption('sample');
    await dialog.getByLabel('Name').fill('Unchosen samples');
    await dialog.getByRole('button', { name: 'Add source' }).click();
    await page
      .getByRole('list', { name: 'Sources' })
      .getByLabel(/^Unchosen samples/)
      .uncheck();
    // Added here and chosen: it stays with the stream.
    await page.getByRole('button', { name: 'Add another source…' }).click();
    await dialog.getByLabel('Kind').selectOption('sample');
    await dialog.getByLabel('Name').fill('Spare samples');
    await dialog.getByRole('button', { name: 'Add source' }).click();
    await wizard.next(); // processing
    await wizard.next();
    await wizard.save({ confirmUntested: true });
    await page.getByRole('heading', { level: 1, name: 'Keeps its source' }).waitFor();
    // Later, the stream stops reading it (an edit, not the wizard that added it).
    await page
      .getByRole('toolbar', { name: 'Stream actions' })
      .getByRole('button', { name: 'Edit' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Edit Keeps its source' }).waitFor();
    await wizard.next(); // test
    await wizard.next(); // source
    await page
      .getByRole('list', { name: 'Sources' })
      .getByLabel(/^Spare samples/)
      .uncheck();
    await wizard.next(); // processing
    await wizard.next();
    await wizard.save({ confirmUntested: true });
    await page.getByRole('heading', { level: 1, name: 'Keeps its source' }).waitFor();

    await new AppShell(page).navLink('Settings').click();
    await page.getByTestId('buffer-used').waitFor();
    await expect(page.getByText('Unchosen samples').count()).resolves.toBe(0);
    const sample = page.getByTestId('source-settings').filter({ hasText: /^Sample data/ });
    await expect(sample.getByTestId('source-readers').textContent()).resolves.toBe(
      'Read by "No source yet" and "Keeps its source".',
    );
    const removeSample = sample.getByRole('button', { name: 'Remove Sample data' });
    await expect(removeSample.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(removeSample.getAttribute('title')).resolves.toContain('"Keeps its source"');

    const spare = page.getByTestId('source-settings').filter({ hasText: /^Spare samples/ });
    await expect(spare.getByTestId('source-readers').textContent()).resolves.toBe(
      'No stream reads this source.',
    );
    await spare.getByRole('button', { name: 'Remove Spare samples' }).click();
    await wizard.confirmDialog().getByRole('button', { name: 'Remove source' }).click();
    await until(
      () =>
        page
          .getByTestId('source-settings')
          .filter({ hasText: /^Spare samples/ })
          .count(),
      (n) => n === 0,
    );
  }, 90_000);
});

describe('the window along the way', () => {
  it('had no script errors, React warnings or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
