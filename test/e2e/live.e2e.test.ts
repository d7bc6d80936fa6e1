import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDynatraceLocal, type DynatraceLocal } from '../../src/main/tools/dynatrace-local';
import { launchChromium } from '../support/chromium';
import { AppShell } from './pages/app-shell';
import { DetailPage } from './pages/detail-page';
import { InspectorPage } from './pages/inspector-page';
import { StreamsPage } from './pages/streams-page';
import { WizardPage } from './pages/wizard-page';
import { shootBothThemes } from './support/screenshots';
import { eventually } from '../support/eventually';
import { openApp } from './support/open-app';
import { socketCounts } from './support/page-sockets';
import { startServeWithKeychain, type Serve } from './support/serve';
import { until } from './support/until';

const streamName = 'Sample to Dynatrace';
let serve: Serve;
let dt: DynatraceLocal;
let browser: Browser;
let page: Page;
let problems: string[] = [];
let receiverUrl = '';

/** One OTLP/JSON record with a nested attribute and a body to find it by. */
function otlpJson(body: string): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'e2e' } }] },
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: (BigInt(Date.now()) * 1_000_000n).toString(),
                severityText: 'WARN',
                body: { stringValue: body },
                attributes: [
                  { key: 'e2e.marker', value: { stringValue: body } },
                  {
                    key: 'order',
                    value: {
                      kvlistValue: {
                        values: [
                          { key: 'id', value: { stringValue: 'A-17' } },
                          {
                            key: 'total',
                            value: {
                              kvlistValue: {
                                values: [{ key: 'amount', value: { intValue: '12' } }],
                              },
                            },
                          },
                        ],
                      },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}

async function sendToReceiver(body: string): Promise<void> {
  const res = await fetch(receiverUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: otlpJson(body),
  });
  expect(res.status).toBe(200);
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

describe('records flowing, through sluice serve in Chromium', () => {
  it('creates a stream with the wizard to the local Dynatrace endpoint with sample data, and its figures move', async () => {
    const streams = new StreamsPage(page);
    const wizard = new WizardPage(page);
    await streams.createButton().click();
    await wizard.chooseTool('Dynatrace');
    await wizard.fillDestination({ name: streamName, url: dt.url, token: dt.token! });
    await wizard.next();
    await expect(wizard.runTest()).resolves.toBe('success');
    await wizard.next();

    const sources = page.getByRole('list', { name: 'Sources' });
    await sources.getByLabel(/^Sample data/).check();
    await page.getByRole('button', { name: 'Add another source…' }).click();
    const dialog = page.getByTestId('source-dialog');
    await dialog.getByLabel('Kind').selectOption('otlp-receiver');
    await dialog.getByLabel('Name').fill('Test receiver');
    await dialog.getByLabel('Port').fill('0');
    await dialog.getByRole('button', { name: 'Add source' }).click();
    await expect(sources.getByLabel(/^Test receiver/).isChecked()).resolves.toBe(true);
    receiverUrl = (await sources.getByTestId('source-endpoint').first().textContent()) ?? '';
    expect(receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/logs$/);
    await shootBothThemes(page, 'wizard-4-source-live');
    await wizard.next(); // processing: no rules
    await wizard.next();
    await wizard.save();
    await page.getByRole('heading', { level: 1, name: streamName }).waitFor();

    const detail = new DetailPage(page);
    const first = await until(
      () => detail.counter('records-out'),
      (n) => n > 0,
      30_000,
    );
    await until(
      () => detail.counter('records-out'),
      (n) => n > first,
      30_000,
    );
    // The records/s chart's "Out" series shows a rate above zero at some beat.
    await until(
      () => detail.chartValue('chart-records', 1),
      (v) => Number(v) > 0,
      30_000,
    );
    expect(dt.records().length).toBeGreaterThan(first - 1);
    // The charts are the same uPlot canvases across beats and range changes: fed, not rebuilt.
    const canvas = await page.locator('[data-testid="chart-records"] canvas').elementHandle();
    const before = await detail.counter('records-out');
    await until(
      () => detail.counter('records-out'),
      (n) => n > before,
      30_000,
    );
    await page.getByRole('group', { name: 'Time range' }).getByLabel('Last 24 hours').check();
    await page
      .getByRole('group', { name: 'Time range' })
      .getByLabel('Last 5 minutes (live)')
      .check();
    await expect(
      canvas!.evaluate((c) => (c as { isConnected: boolean }).isConnected),
    ).resolves.toBe(true);
    await expect(detail.chartCanvases().count()).resolves.toBe(5);
    await shootBothThemes(page, 'stream-detail-live');

    await new AppShell(page).navLink('Streams').click();
    await until(
      () => streams.row(streamName).getByTestId('records-per-sec').textContent(),
      (v) => Number(v) > 0,
      30_000,
    );
    await expect(streams.row(streamName).locator('.sparkline__line').count()).resolves.toBe(1);
    await shootBothThemes(page, 'streams-overview-live');
  }, 90_000);

  it('pauses and resumes: the backlog grows while paused and drains after', async () => {
    const streams = new StreamsPage(page);
    const detail = new DetailPage(page);
    await streams.open(streamName);
    await detail.action('Pause').click();
    await until(
      () => detail.status().textContent(),
      (s) => s === 'Inactive',
      15_000,
    );
    const sent = await detail.counter('records-out');
    const backlog = await until(
      () => detail.counter('backlog'),
      (n) => n >= 5,
      30_000,
    );
    // Nothing leaves while paused.
    expect(await detail.counter('records-out')).toBe(sent);
    await detail.action('Resume').click();
    await until(
      () => detail.status().textContent(),
      (s) => s === 'Active',
      15_000,
    );
    await until(
      () => detail.counter('records-out'),
      (n) => n >= sent + backlog,
      30_000,
    );
  }, 90_000);

  it('shows a record sent through the receiver in the live inspector, flattened', async () => {
    const detail = new DetailPage(page);
    const inspector = new InspectorPage(page);
    await sendToReceiver('inspector marker');
    await detail.action('Inspect records').click();
    await inspector.mode('Live').click();
    const row = inspector.recordList().locator('.record-row', { hasText: 'inspector marker' });
    await row.waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Pause tail' }).click();
    await row.click();
    await inspector.setOption('Data model', 'Flattened');
    const amount = inspector.dynatraceField('order.total.amount');
    await amount.waitFor();
    await expect(amount.locator('[data-rule="attribute.flattened"]').count()).resolves.toBe(1);
    await expect(inspector.dynatraceField('content').textContent()).resolves.toContain(
      'inspector marker',
    );
    // The stream's token: only its public part, as Dynatrace records it.
    await expect(inspector.dynatraceField('dt.auth.origin').textContent()).resolves.toContain(
      dt.token!.split('.').slice(0, 2).join('.'),
    );
    await shootBothThemes(page, 'inspector-live');
    await inspector.view('Wire view').click();
    await expect(page.getByText(/Sent in request/).count()).resolves.toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Resume tail' }).click();
  }, 90_000);

  it('keeps the one record refused with 400 as a dead letter, and replay delivers it', async () => {
    const shell = new AppShell(page);
    const streams = new StreamsPage(page);
    const detail = new DetailPage(page);
    await shell.navLink('Streams').click();
    await streams.open(streamName);
    await detail.action('Pause').click();
    await until(
      () => detail.status().textContent(),
      (s) => s === 'Inactive',
      15_000,
    );
    // Dynatrace cannot read this one record: the batch it is in is halved
    // until it is alone, and only it becomes a dead letter.
    dt.faults.poison({ attribute: 'e2e.marker', value: 'dead letter marker' });
    await sendToReceiver('dead letter marker');
    await detail.action('Resume').click();

    await detail.tab(/^Dead letters/).click();
    await detail.deadLetters().first().waitFor({ timeout: 30_000 });
    await expect(detail.deadLetters().first().textContent()).resolves.toContain('400');
    await detail
      .deadLetters()
      .first()
      .getByRole('button', { name: /^Inspect/ })
      .click();
    const dialog = page.getByTestId('dead-letter-dialog');
    await expect(dialog.textContent()).resolves.toContain('dead letter marker');
    await shootBothThemes(page, 'dead-letter');
    expect(dt.records().some((r) => r.content === 'dead letter marker')).toBe(false);
    await expect(detail.deadLetters().count()).resolves.toBe(1);

    dt.faults.poison(null);
    await dialog.getByRole('button', { name: 'Replay' }).click();
    await until(
      async () => dt.records().some((r) => r.content === 'dead letter marker'),
      (found) => found,
      30_000,
    );
    await until(
      () => detail.deadLetters().count(),
      (n) => n === 0,
      15_000,
    );
    await detail.tab('Event log').click();
    await page.getByTestId('event').filter({ hasText: 'was replayed' }).first().waitFor();
    // Filtering by kind leaves only dead-letter events.
    await page.getByRole('group', { name: 'Filter events' }).getByLabel('Dead letters').check();
    await until(
      () => detail.events().evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
      (kinds) => kinds.length > 0 && kinds.every((k) => k === 'dead-letter'),
    );
    await shootBothThemes(page, 'event-log');
    await page.getByRole('group', { name: 'Filter events' }).getByLabel('Dead letters').uncheck();
    await shootBothThemes(page, 'stream-detail-live');
  }, 90_000);

  it('stops on a 401 with what to do, and Retry now resumes', async () => {
    const shell = new AppShell(page);
    const streams = new StreamsPage(page);
    const detail = new DetailPage(page);
    await shell.navLink('Streams').click();
    await streams.open(streamName);
    dt.faults.failNext(1, {
      status: 401,
      body: '{"error":{"code":401,"message":"Token Authentication failed"}}',
    });
    const lastError = page.getByTestId('last-error');
    await lastError.filter({ hasText: 'HTTP 401' }).waitFor({ timeout: 30_000 });
    await until(
      () => detail.status().textContent(),
      (s) => s === 'Active with errors',
      15_000,
    );
    await expect(lastError.textContent()).resolves.toContain('What to do:');
    await expect(page.getByTestId('sending-state').textContent()).resolves.toMatch(/^Stopped/);
    const sent = await detail.counter('records-out');
    await shootBothThemes(page, 'stream-detail-401');
    await lastError.getByRole('button', { name: 'Retry now' }).click();
    await until(
      () => detail.counter('records-out'),
      (n) => n > sent,
      30_000,
    );
    // Sending again. (The badge stays "Active with errors" for five minutes after
    // the dead letter above, and its reason says so.)
    await until(
      () => page.getByTestId('sending-state').textContent(),
      (s) => s !== null && !s.startsWith('Stopped'),
      15_000,
    );
  }, 90_000);

  it('updates 20 streams once a second without shifting the layout', async () => {
    const shell = new AppShell(page);
    const streams = new StreamsPage(page);
    const detail = new DetailPage(page);
    await shell.navLink('Streams').click();
    await streams.open(streamName);
    const original = await page.evaluate<string>('location.hash');
    for (let i = 0; i < 19; i++) {
      await detail.action('Duplicate').click();
      // The copy opens; go back to the original to copy it again.
      await until(
        () => page.evaluate<string>('location.hash'),
        (h) => h !== original,
      );
      await page.goBack();
      await until(
        () => page.evaluate<string>('location.hash'),
        (h) => h === original,
      );
    }
    await shell.navLink('Streams').click();
    await until(
      () => page.getByTestId('stream-row').count(),
      (n) => n === 20,
    );
    // Copies start Inactive: resume them all so every row's figures change.
    const resume = page.getByRole('button', { name: /^Resume / });
    while ((await resume.count()) > 0) {
      const before = await resume.count();
      await resume.first().click();
      await until(
        () => resume.count(),
        (n) => n < before,
      );
    }
    // Toasts leaving would move each other: clear them first.
    for (const close of await page.getByRole('button', { name: 'Dismiss notification' }).all()) {
      await close.click({ timeout: 1_000 }).catch(() => {});
    }
    await until(
      () => page.getByRole('button', { name: 'Dismiss notification' }).count(),
      (n) => n === 0,
    );
    // Layout shifts over four beats, by what moved. A right-aligned number that
    // gains a digit moves its own text: that is the figure changing, not jank.
    // Boxes (rows, cells, badges, sparklines, buttons) must not move at all.
    await page.evaluate(`(() => {
      const moved = [];
      const note = (entries) => {
        for (const e of entries) {
          for (const s of e.sources ?? []) {
            const n = s.node;
            if (n && n.nodeType === 1) moved.push(n.nodeName + '.' + (n.getAttribute('class') || '') + ': ' + (n.textContent ?? '').slice(0, 40));
          }
        }
      };
      const observer = new PerformanceObserver((list) => note(list.getEntries()));
      observer.observe({ type: 'layout-shift' });
      // After two more frames, so the last beat's render has been laid out and reported.
      window.__takeMoved = () => new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => {
          note(observer.takeRecords());
          observer.disconnect();
          resolve(moved);
        })));
    })()`);
    // Four beats rendered: the fifth snapshot has arrived (the positive signal, not a time).
    const beats = socketCounts(page).snapshots;
    await eventually(() => expect(socketCounts(page).snapshots).toBeGreaterThanOrEqual(beats + 5), {
      timeoutMs: 30_000,
      message: 'five engine snapshots reach the page',
    });
    expect(await page.evaluate<string[]>('window.__takeMoved()')).toEqual([]);
    await shootBothThemes(page, 'streams-overview-20');
  }, 120_000);
});

describe('the window along the way', () => {
  it('had no script errors, React warnings or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
