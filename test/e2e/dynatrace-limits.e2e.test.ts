import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDynatraceLocal, type DynatraceLocal } from '../../src/main/tools/dynatrace-local';
import { launchChromium } from '../support/chromium';
import { InspectorPage } from './pages/inspector-page';
import { StreamsPage } from './pages/streams-page';
import { WizardPage } from './pages/wizard-page';
import { openApp } from './support/open-app';
import { shootBothThemes } from './support/screenshots';
import { startServeWithKeychain, type Serve } from './support/serve';
import { until } from './support/until';

/**
 * The Dynatrace tenant setting, from the wizard to what the stream page and
 * the live inspector say: a stream whose logs are routed to the Classic
 * pipeline, where content over 512 kB is cut, and the inspector's examples
 * for that one rule.
 */

const streamName = 'Routed to Classic';
let serve: Serve;
let dt: DynatraceLocal;
let browser: Browser;
let page: Page;
let problems: string[] = [];

function otlpJson(body: string): string {
  return JSON.stringify({
    resourceLogs: [
      {
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: (BigInt(Date.now()) * 1_000_000n).toString(),
                body: { stringValue: body },
              },
            ],
          },
        ],
      },
    ],
  });
}

beforeAll(async () => {
  [serve, dt, browser] = await Promise.all([
    startServeWithKeychain(),
    startDynatraceLocal({ port: 0 }),
    launchChromium(),
  ]);
  ({ page, problems } = await openApp(browser, serve.url));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([serve?.stop(), dt?.close()]);
});

describe('what Dynatrace keeps, by the stream\u2019s tenant setting', () => {
  it('is chosen in the wizard, named on the stream page, and filters the inspector to one rule', async () => {
    const wizard = new WizardPage(page);
    await new StreamsPage(page).createButton().click();
    await wizard.chooseTool('Dynatrace');
    await wizard.fillDestination({ name: streamName, url: dt.url, token: dt.token! });
    const tenant = page.getByLabel('Dynatrace and its log pipeline');
    await expect(tenant.inputValue()).resolves.toBe('saas-openpipeline');
    await tenant.selectOption('saas-classic');
    await shootBothThemes(page, 'wizard-2-dynatrace-tenant');
    await wizard.next();
    await expect(wizard.runTest()).resolves.toBe('success');
    await wizard.next();

    const receiverUrl = await wizard.addReceiverSource('Limits receiver');
    expect(receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/logs$/);
    await wizard.next();
    await expect(wizard.stepTitle().textContent()).resolves.toBe('5. Processing');
    await wizard.next();
    await wizard.save();
    await page.getByRole('heading', { level: 1, name: streamName }).waitFor();
    const streamId = decodeURIComponent(
      (await page.evaluate<string>('location.hash')).split('/')[2] ?? '',
    );

    const checks = page.getByTestId('dynatrace-checks');
    await expect(checks.getByTestId('dt-tenant').textContent()).resolves.toBe(
      'SaaS, routed to the Classic pipeline',
    );
    await shootBothThemes(page, 'stream-detail-dynatrace-checks');

    // 600 kB of content: over the Classic pipeline's 512 kB, within OpenPipeline's 10 MB.
    for (const body of ['x'.repeat(600 * 1024), 'a small record']) {
      const res = await fetch(receiverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: otlpJson(body),
      });
      expect(res.status).toBe(200);
    }
    await until(
      async () => dt.records().length,
      (n) => n >= 2,
      30_000,
    );

    // The address the stream page's "Examples in the inspector" link opens.
    const hash = `#/inspector/${encodeURIComponent(streamId)}?rule=limit.content-length`;
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    const inspector = new InspectorPage(page);
    const filter = page.getByTestId('rule-filter');
    await until(
      () => filter.textContent({ timeout: 1_000 }).catch(() => null),
      (t) => t !== null && /: 1 of [2-9]/.test(t),
      30_000,
    );
    await expect(inspector.recordList().getAttribute('data-count')).resolves.toBe('1');
    await inspector.select(0);
    await expect(
      inspector.dynatraceField('content').locator('[data-rule="limit.content-length"]').count(),
    ).resolves.toBe(1);
    // The stream's setting chose the rules: the Classic pipeline's processing.
    await expect(
      page
        .getByRole('group', { name: 'Processing' })
        .getByLabel('Classic', { exact: true })
        .isChecked(),
    ).resolves.toBe(true);
    await shootBothThemes(page, 'inspector-rule-filter');

    await filter.getByRole('button', { name: 'Show all records' }).click();
    await until(
      () => inspector.recordList().getAttribute('data-count'),
      (n) => Number(n) >= 2,
    );
  }, 120_000);

  it('had no script errors, React warnings or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
