import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { StreamsPage } from './pages/streams-page';
import { InspectorPage } from './pages/inspector-page';
import { startBusyStreams, type BusyStreams } from './support/busy-streams';
import { contrastFailures, describeContrast } from './support/contrast';
import {
  boxOf,
  clippedWithoutTooltip,
  frameMoves,
  overlappingCells,
  sidewaysScroll,
} from './support/geometry';
import { watchProblems } from './support/problems';
import { shootBothThemes } from './support/screenshots';
import { until } from './support/until';

/**
 * The main screens at the window sizes administrators use, in both themes,
 * checked on what Chromium lays out: nothing scrolls sideways, no two cells
 * of a row overlap, the last error has room to be read, the header stays
 * put while the content scrolls, the inspector's values have room, and all
 * text has WCAG AA contrast.
 */

const sizes = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1600, height: 900 },
] as const;
const themes = ['light', 'dark'] as const;

let busy: BusyStreams;
let browser: Browser;
const problemLists: string[][] = [];
const ids: Record<string, string> = {};

/** One OTLP/JSON request whose first record has a 5,000-character body and a nested attribute. */
function inspectorRequest(): string {
  const now = (BigInt(Date.now()) * 1_000_000n).toString();
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: now,
                severityText: 'WARN',
                body: { stringValue: `Order failed: ${'lorem ipsum dolor sit amet '.repeat(190)}` },
                attributes: [
                  {
                    key: 'http.url',
                    value: {
                      stringValue:
                        'https://shop.example.com/api/v2/orders/A-17/payment?retry=3&trace=on',
                    },
                  },
                  {
                    key: 'exception.message',
                    value: {
                      stringValue:
                        'The payment provider did not answer within 30 seconds; the order is kept as pending.',
                    },
                  },
                  {
                    key: 'http',
                    value: {
                      kvlistValue: { values: [{ key: 'status_code', value: { intValue: '502' } }] },
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

async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  // Two frames: the route renders, then its layout settles.
  await page.evaluate(
    'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))))',
  );
}

async function expectReadable(page: Page, where: string): Promise<void> {
  expect(await sidewaysScroll(page), `${where}: sideways scroll`).toEqual([]);
  expect(await clippedWithoutTooltip(page, '.app__main'), `${where}: clipped text`).toEqual([]);
  expect(describeContrast(await contrastFailures(page)), `${where}: contrast`).toEqual([]);
}

beforeAll(async () => {
  [busy, browser] = await Promise.all([startBusyStreams(), launchChromium()]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(busy.serve.url.href);
  const streams = new StreamsPage(page);
  await streams.table().waitFor();
  // Both failing streams have a last error before any size is measured.
  await streams.waitForStatus(busy.names.unreachable, 'Active with errors', 30_000);
  await streams.waitForStatus(busy.names.unauthorized, 'Active with errors', 30_000);
  await streams.row(busy.names.unauthorized).filter({ hasText: 'HTTP 401' }).waitFor();
  for (const name of Object.values(busy.names)) {
    ids[name] = (await streams.row(name).getAttribute('data-stream-id')) ?? '';
  }
  await page.close();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await busy?.stop();
});

describe.each(sizes)('at $width x $height', (size) => {
  describe.each(themes)('in the %s theme', (theme) => {
    let page: Page;

    beforeAll(async () => {
      page = await browser.newPage({ viewport: size, colorScheme: theme });
      problemLists.push(watchProblems(page));
      await page.goto(busy.serve.url.href);
      await page.waitForSelector('[data-testid="connection"].connection--live');
    });

    afterAll(async () => {
      await page?.close();
    });

    it('the streams overview holds: no sideways scroll, no overlapping cells, the last error readable', async () => {
      await open(page, '#/streams');
      const streams = new StreamsPage(page);
      await streams.table().waitFor();
      await until(
        () => page.getByTestId('stream-row').count(),
        (n) => n === 5,
      );
      await expectReadable(page, 'overview');
      expect(await overlappingCells(page, '[data-testid="stream-row"]')).toEqual([]);
      expect(await overlappingCells(page, '[data-testid="streams-head"]')).toEqual([]);
      // The last error has room for a sentence, inside the window.
      const error = await boxOf(
        page,
        `[data-stream-id="${ids[busy.names.unauthorized]}"] [data-cell="error"]`,
      );
      expect(error, 'the last error cell is shown').not.toBeNull();
      expect(error!.width).toBeGreaterThanOrEqual(200);
      expect(error!.x + error!.width).toBeLessThanOrEqual(size.width);
      // The user guide's picture of the overview: five streams in their everyday states.
      if (size.width === 1280 && theme === 'light')
        await shootBothThemes(page, 'streams-overview-busy');
      // The whole name and the whole error are there on hover and for screen readers.
      const row = streams.row(busy.names.long);
      await expect(
        row.getByRole('link', { name: busy.names.long, exact: true }).count(),
      ).resolves.toBe(1);
      await expect(row.getByRole('link').getAttribute('title')).resolves.toBe(busy.names.long);
      const errorText = streams
        .row(busy.names.unauthorized)
        .locator('[data-cell="error"] [data-full-text]');
      const full = (await errorText.getAttribute('data-full-text')) ?? '';
      expect(full).toContain('HTTP 401');
      await expect(errorText.getAttribute('title')).resolves.toBe(full);
      // The backlog reads "59 · 36 KB", and says "59 records, 36 KB" to screen readers.
      const backlog = streams.row(busy.names.paused).getByTestId('backlog');
      await expect(backlog.textContent()).resolves.toMatch(/^[\d,]+ · [\d.,]+ (B|KB|MB)$/);
      await expect(backlog.getAttribute('aria-label')).resolves.toMatch(/^[\d,]+ records?, /);
    });

    it("a stream's page keeps the header in place while its content scrolls", async () => {
      await open(page, `#/streams/${ids[busy.names.unauthorized]}`);
      await page.getByTestId('last-error').waitFor({ timeout: 30_000 });
      await expectReadable(page, 'stream detail');
      expect(await frameMoves(page)).toEqual([]);
    });

    it('charts name themselves, say their time zone, and read out time and values under the cursor', async () => {
      await open(page, `#/streams/${ids[busy.names.healthy]}`);
      const chart = page.getByTestId('chart-bytes');
      await expect(
        page.getByRole('img', { name: /^Bytes per second: In .+, Out .+/ }).count(),
      ).resolves.toBe(1);
      await expect(page.getByText(/^Times in .+, UTC[+-]\d\d:\d\d\./).count()).resolves.toBe(1);
      await chart.scrollIntoViewIfNeeded();
      const plot = await chart.locator('.u-over').boundingBox();
      await page.mouse.move(plot!.x + plot!.width * 0.9, plot!.y + plot!.height / 2);
      await expect(chart.locator('.chart__readout').textContent()).resolves.toMatch(
        /\d\d:\d\d:\d\d · In [\d.,]+ (B|KB|MB)\/s · Out [\d.,]+ (B|KB|MB)\/s$/,
      );
    });

    it('the wizard steps hold', async () => {
      await open(page, '#/streams/new');
      await page.getByRole('radiogroup', { name: 'Destination tool' }).waitFor();
      await expectReadable(page, 'wizard: tools');
      await page.getByRole('radio', { name: 'Dynatrace', exact: true }).click();
      await page.getByRole('heading', { name: '2. Destination details' }).waitFor();
      await expectReadable(page, 'wizard: destination');
      expect(await frameMoves(page)).toEqual([]);
      await page.getByLabel('Stream name').fill('Layout check');
      await page.getByLabel('OTLP logs URL').fill(busy.good.url);
      await page.getByLabel('API token', { exact: true }).fill('dt0c01.X');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: '4. Source details' }).waitFor();
      await expectReadable(page, 'wizard: sources');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: '5. Processing' }).waitFor();
      await expectReadable(page, 'wizard: processing');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: '6. Review and save' }).waitFor();
      await expectReadable(page, 'wizard: review');
      await page.getByRole('button', { name: 'Cancel' }).click();
      const discard = page.getByTestId('confirm-dialog').getByRole('button', { name: 'Discard' });
      if (await discard.isVisible().catch(() => false)) await discard.click();
    });

    it('the inspector gives values room, clamps a long one, and its side-by-side view fits', async () => {
      await open(page, '#/inspector');
      const inspector = new InspectorPage(page);
      await inspector.pasteAndInspect(inspectorRequest());
      await inspector.select(0);
      await inspector.dynatraceField('content').waitFor();
      await expectReadable(page, 'inspector');
      expect(await overlappingCells(page, '[data-testid="dynatrace-record"] tr')).toEqual([]);
      const value = await boxOf(page, '[data-field="http.url"] .dt-value');
      expect(value!.width, 'the value column of the Dynatrace view').toBeGreaterThanOrEqual(280);
      // 5,000 characters are clamped: the page stays a page, with "Show all" and Copy.
      const mainHeight = await page.evaluate<number>(
        "document.querySelector('.app__main').scrollHeight",
      );
      expect(mainHeight).toBeLessThan(3 * size.height);
      const content = inspector.dynatraceField('content');
      await expect(content.getByRole('button', { name: /^Show all/ }).count()).resolves.toBe(1);
      await expect(content.getByRole('button', { name: /^Copy/ }).count()).resolves.toBe(1);
      expect(await frameMoves(page)).toEqual([]);

      await inspector.view('Side by side').click();
      await page.getByTestId('diff').waitFor();
      await expectReadable(page, 'inspector: side by side');
      expect(await overlappingCells(page, '[data-testid="diff"] tr')).toEqual([]);
      const diff = await boxOf(page, '[data-testid="diff"]');
      const panel = await boxOf(page, '.record-view');
      expect(diff!.x + diff!.width).toBeLessThanOrEqual(panel!.x + panel!.width + 1);
      await inspector.view('Dynatrace view').click();
    });

    it('settings hold', async () => {
      await open(page, '#/settings');
      await page.getByTestId('buffer-used').waitFor();
      await expectReadable(page, 'settings');
      expect(await frameMoves(page)).toEqual([]);
    });
  });
});

describe('counters and charts', () => {
  it("agree: the errors counter and the errors chart's count over its window are the same", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    problemLists.push(watchProblems(page));
    await page.goto(busy.serve.url.href);
    await open(page, `#/streams/${ids[busy.names.unreachable]}`);
    // Both count since this engine started, a minute or two ago: well inside the 5-minute window.
    const [counted, charted] = await until(
      async () => [
        Number(((await page.getByTestId('counter-errors').textContent()) ?? '').replace(/\D/g, '')),
        Number(await page.getByTestId('chart-errors-total-0').getAttribute('data-total')),
      ],
      ([a, b]) => a! > 0 && a === b,
      30_000,
    );
    expect(charted).toBe(counted);
    await page.close();
  }, 60_000);
});

describe('the windows along the way', () => {
  it('had no script errors, React warnings or CSP violations', () => {
    expect(problemLists.flat()).toEqual([]);
  });
});
