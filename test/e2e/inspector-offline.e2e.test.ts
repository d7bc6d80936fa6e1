import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { av, createLogRecord, encodeExportRequest, kv } from '../../src/shared/otlp';
import { launchChromium } from '../support/chromium';
import { AppShell } from './pages/app-shell';
import { InspectorPage } from './pages/inspector-page';
import { SettingsPage } from './pages/settings-page';
import { shootBothThemes } from './support/screenshots';
import { openApp } from './support/open-app';
import { startServeWithKeychain, type Serve } from './support/serve';
import { unnamedControls } from './support/a11y';
import { until } from './support/until';

let serve: Serve;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  [serve, browser] = await Promise.all([startServeWithKeychain(), launchChromium()]);
  ({ page, problems } = await openApp(browser, serve.url));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

/** An OTLP/JSON request: one fresh record with a nested attribute, one a day and a half old. */
function request(): string {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const old = nowNs - 36n * 3_600n * 1_000_000_000n;
  const nested = {
    kvlistValue: {
      values: [
        {
          key: 'attribute',
          value: {
            kvlistValue: {
              values: [
                { key: 'one', value: { stringValue: 'value 1' } },
                { key: 'two', value: { stringValue: 'value 2' } },
              ],
            },
          },
        },
      ],
    },
  };
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeLogs: [
          {
            scope: { name: 'com.example.orders' },
            logRecords: [
              {
                timeUnixNano: nowNs.toString(),
                severityText: 'INFO',
                body: { stringValue: 'order placed' },
                traceId: '5b8efff798038103d269b633813fc60c',
                attributes: [
                  { key: 'test', value: nested },
                  { key: 'Order.ID', value: { stringValue: 'A-17' } },
                ],
              },
              {
                timeUnixNano: old.toString(),
                severityNumber: 17,
                body: { stringValue: 'too old' },
              },
              {
                timeUnixNano: nowNs.toString(),
                severityNumber: 17,
                body: { stringValue: 'x'.repeat(5000) },
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('the offline record inspector, in the renderer', () => {
  it('shows the flattened attribute, the raw JSON string, classic lower-casing and dt.auth.origin', async () => {
    const shell = new AppShell(page);
    const inspector = new InspectorPage(page);
    await shell.navLink('Inspector').click();
    await inspector.pasteAndInspect(request());
    await expect(inspector.recordList().getAttribute('data-count')).resolves.toBe('3');
    // A day and a half old: its row shows the date, not just a time of day that looks current.
    const oldTime =
      (await inspector.recordList().locator('[data-index="1"] time').textContent()) ?? '';
    expect(oldTime).not.toMatch(/^\d\d:\d\d:\d\d$/);
    expect(oldTime).toMatch(/\d\d:\d\d:\d\d$/);
    await inspector.select(0);

    await inspector.setOption('Data model', 'Flattened');
    const flattened = inspector.dynatraceField('test.attribute.one');
    await flattened.waitFor();
    await expect(flattened.textContent()).resolves.toContain('value 1');
    await expect(flattened.locator('[data-rule="attribute.flattened"]').count()).resolves.toBe(1);
    await expect(flattened.getAttribute('class')).resolves.toContain('dt-row--changed');
    await expect(inspector.dynatraceField('trace_id').textContent()).resolves.toContain(
      '5b8efff798038103d269b633813fc60c',
    );
    await shootBothThemes(page, 'inspector-offline-dynatrace');

    await inspector.setOption('Data model', 'Raw');
    await expect(inspector.dynatraceFields()).resolves.not.toContain('test.attribute.one');
    // The seed's raw example: the nested kvlist becomes a JSON string inside a JSON string.
    await expect(inspector.dynatraceField('test').textContent()).resolves.toContain(
      '{"attribute": "{\\"one\\": \\"value 1\\"',
    );

    await inspector.setOption('Processing', 'Classic');
    await expect(inspector.dynatraceFields()).resolves.toContain('order.id');
    await expect(
      inspector.dynatraceField('order.id').locator('[data-rule="attribute.lowercased"]').count(),
    ).resolves.toBe(1);
    await inspector.setOption('Processing', 'OpenPipeline');

    // Only the public part of a token becomes dt.auth.origin.
    await page
      .getByLabel('API token or its public part')
      .fill(`dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.${'S'.repeat(64)}`);
    await expect(inspector.dynatraceField('dt.auth.origin').textContent()).resolves.toContain(
      'dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX',
    );
    await expect(inspector.dynatraceField('dt.auth.origin').textContent()).resolves.not.toContain(
      'SSSS',
    );

    await inspector.setOption('Data model', 'Flattened');
    await inspector.view('Side by side').click();
    const diff = page.getByTestId('diff');
    await expect(diff.textContent()).resolves.toContain('Attributes.test');
    await expect(diff.textContent()).resolves.toContain('test.attribute.two');
    await shootBothThemes(page, 'inspector-offline-diff');

    await inspector.view('Wire view').click();
    await expect(page.getByTestId('record-bytes').textContent()).resolves.toMatch(/\d+ B/);
    await shootBothThemes(page, 'inspector-offline-wire');

    // Keyboard: the list moves the selection with the arrow keys.
    await inspector.view('Dynatrace view').click();
    await inspector.recordList().focus();
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('dropped-record').waitFor();
    await expect(page.getByTestId('dropped-record').textContent()).resolves.toContain(
      'timestamp.too-old',
    );
    // OutSystems compatibility cuts a long body to 4,000 characters, and says so.
    await page.keyboard.press('ArrowDown');
    await page.getByLabel('OutSystems truncation').check();
    const content = inspector.dynatraceField('content');
    await content.locator('[data-rule="content.truncated.outsystems"]').waitFor();
    await expect(content.textContent()).resolves.toContain('5000 characters cut to 4000');
  }, 90_000);

  it('opens a protobuf file of 100,000 records and keeps only the rows in view in the page', async () => {
    const inspector = new InspectorPage(page);
    const now = BigInt(Date.now()) * 1_000_000n;
    const logRecords = Array.from({ length: 100_000 }, (_, i) =>
      createLogRecord({
        timeUnixNano: now + BigInt(i),
        severityNumber: 9,
        body: av.string(`record number ${i + 1}`),
        attributes: [kv('seq', av.int(i + 1))],
      }),
    );
    const bytes = encodeExportRequest({
      resourceLogs: [
        {
          resource: {
            attributes: [kv('service.name', av.string('bulk'))],
            droppedAttributesCount: 0,
          },
          schemaUrl: '',
          scopeLogs: [
            {
              scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
              schemaUrl: '',
              logRecords,
            },
          ],
        },
      ],
    });
    await inspector.mode('Offline (paste or open)').click();
    await page.getByTestId('offline-file').setInputFiles({
      name: 'bulk.binpb',
      mimeType: 'application/x-protobuf',
      buffer: Buffer.from(bytes),
    });
    await until(
      () => inspector.recordList().getAttribute('data-count'),
      (n) => n === '100000',
      30_000,
    );
    await expect(page.getByText('bulk.binpb: 100,000 records (protobuf)').count()).resolves.toBe(1);
    await inspector.recordList().focus();
    await page.keyboard.press('End');
    const last = inspector.recordList().locator('.record-row', { hasText: 'record number 100000' });
    await last.waitFor();
    await expect(last.getAttribute('aria-selected')).resolves.toBe('true');
    // Virtualized: a screenful of rows exists, not 100,000.
    await expect(inspector.recordList().locator('.record-row').count()).resolves.toBeLessThan(100);
    await expect(inspector.dynatraceField('content').textContent()).resolves.toContain(
      'record number 100000',
    );
    await expect(unnamedControls(page)).resolves.toEqual([]);
  }, 90_000);

  it('says what is wrong with input that is not OTLP, in words', async () => {
    const inspector = new InspectorPage(page);
    await inspector.pasteAndInspect('{"resourceLogs": [{"scopeLogs": 5}]}');
    const alert = page.getByRole('alert').filter({ hasText: 'is not an OTLP logs request' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('scopeLogs');
    expect(text).not.toMatch(/\bat \w+ \(/); // no stack trace
  }, 90_000);
});

describe('settings', () => {
  it('switches the theme, keeps it across a reload, and shows the buffer', async () => {
    const shell = new AppShell(page);
    const settings = new SettingsPage(page);
    await shell.navLink('Settings').click();
    await page.getByTestId('buffer-used').waitFor();
    await page.getByTestId('data-dir').filter({ hasText: serve.dataDir }).waitFor();
    await expect(unnamedControls(page)).resolves.toEqual([]);
    await shootBothThemes(page, 'settings');

    await settings.setTheme('Dark');
    await until(
      () => settings.htmlTheme(),
      (t) => t === 'dark',
    );
    await page.reload();
    await shell.waitUntilLive();
    await until(
      () => settings.htmlTheme(),
      (t) => t === 'dark',
    );
    const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(bg).toBe('rgb(15, 17, 21)');

    await settings.setTheme('System');
    await until(
      () => settings.htmlTheme(),
      (t) => t === null,
    );
    await expect(settings.htmlTheme()).resolves.toBeNull();
  }, 90_000);

  it('refuses a disk cap below the minimum with the contract’s message', async () => {
    await page.getByLabel('Disk cap (MB)').fill('4');
    await page.getByRole('button', { name: 'Save buffer and history' }).click();
    await page.getByText('The disk cap must be at least 16 MB.').waitFor();
  }, 90_000);
});

describe('the window along the way', () => {
  it('had no script errors, React warnings or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
