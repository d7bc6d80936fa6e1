import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDynatraceLocal, type DynatraceLocal } from '../../src/main/tools/dynatrace-local';
import { launchChromium } from '../support/chromium';
import { DetailPage } from './pages/detail-page';
import { InspectorPage } from './pages/inspector-page';
import { StreamsPage } from './pages/streams-page';
import { WizardPage } from './pages/wizard-page';
import { unnamedControls } from './support/a11y';
import { openApp } from './support/open-app';
import { shootBothThemes } from './support/screenshots';
import { startServeWithKeychain, type Serve } from './support/serve';

const token = `dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.${'K'.repeat(64)}`;

let serve: Serve;
let dt: DynatraceLocal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [serve, dt, browser] = await Promise.all([
    startServeWithKeychain(),
    startDynatraceLocal({ port: 0, token }),
    launchChromium(),
  ]);
  ({ page } = await openApp(browser, serve.url));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([serve?.stop(), dt?.close()]);
});

/** One record, pasted into the inspector as OTLP/JSON. */
function pasted(): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orders' } }] },
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: (BigInt(Date.now()) * 1_000_000n).toString(),
                severityText: 'INFO',
                body: { stringValue: 'Order ORD-123456 placed by jo@example.com' },
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('processing rules, through sluice serve in Chromium', () => {
  it('builds rules in the wizard, tests a custom pattern live, and sees them in the inspector', async () => {
    const wizard = new WizardPage(page);
    await new StreamsPage(page).createButton().click();
    await wizard.chooseTool('Dynatrace');
    await wizard.fillDestination({ name: 'Masked orders', url: dt.url, token });
    await wizard.next(); // test: not run
    await wizard.next(); // source
    await wizard.chooseSource('Sample data');
    await wizard.next();
    await expect(wizard.stepTitle().textContent()).resolves.toBe('5. Processing');
    const step = page.getByTestId('processing-step');

    // A preset: every built-in detector, tried on sample records that carry secrets.
    await step.getByRole('button', { name: '+ Mask every built-in detector', exact: true }).click();
    await step.getByTestId('rule-list').locator('[data-rule="rule-1"]').waitFor();
    const preview = step.locator('.rule-editor__preview');
    await preview.locator('[data-testid="masked-span"][data-detector="email"]').first().waitFor();
    await preview.locator('[data-testid="masked-span"][data-detector="card"]').first().waitFor();

    // A custom pattern: refused while RE2 cannot run it, tested live once it can.
    await step.getByText('Add a custom pattern or an attribute rule').click();
    const editor = step.getByTestId('pattern-editor');
    await editor.getByLabel('Pattern (RE2)').fill('(?<=ORD-)[0-9]+');
    await expect(editor.textContent()).resolves.toContain('Lookarounds');
    await expect(editor.getByTestId('add-pattern-rule').isDisabled()).resolves.toBe(true);
    await editor.getByLabel('Pattern (RE2)').fill('ORD-([0-9]{6})');
    await editor.getByLabel('Name').fill('order-id');
    await editor.locator('[data-testid="masked-span"][data-detector="order-id"]').first().waitFor();
    await expect(unnamedControls(page)).resolves.toEqual([]);
    await shootBothThemes(page, 'wizard-5-processing');
    await editor.getByTestId('add-pattern-rule').click();
    await step.getByTestId('rule-list').locator('[data-rule="rule-2"]').waitFor();
    await expect(step.getByTestId('rule-list').textContent()).resolves.toContain(
      'Mask pattern order-id',
    );

    await wizard.next();
    await expect(page.getByTestId('review-processing').textContent()).resolves.toContain(
      'every built-in detector',
    );
    await wizard.save({ confirmUntested: true });
    await page.getByRole('heading', { level: 1, name: 'Masked orders' }).waitFor();
    const section = page.getByTestId('processing-section');
    await expect(section.getByTestId('rule-list').locator('li').count()).resolves.toBe(2);
    await shootBothThemes(page, 'stream-detail-processing');

    // The inspector shows a pasted record before and after the stream's rules.
    await new DetailPage(page).action('Inspect records').click();
    const inspector = new InspectorPage(page);
    await inspector.pasteAndInspect(pasted());
    await inspector.select(0);
    await expect(inspector.dynatraceField('content').textContent()).resolves.toContain(
      'Order ORD-[masked:order-id] placed by [masked:email]',
    );
    await inspector.view("Stream's rules").click();
    const view = page.getByTestId('processing-view');
    const email = view.locator('[data-testid="masked-span"][data-detector="email"]');
    await email.waitFor();
    await expect(email.getAttribute('data-rule')).resolves.toBe('rule-1');
    await expect(email.getAttribute('title')).resolves.toContain('jo@example.com');
    await expect(
      view
        .locator('[data-testid="masked-span"][data-detector="order-id"]')
        .getAttribute('data-rule'),
    ).resolves.toBe('rule-2');
    await shootBothThemes(page, 'inspector-stream-rules');
  }, 120_000);
});
