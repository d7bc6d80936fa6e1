import type { Browser, Page } from 'playwright-core';
import { AppShell } from '../pages/app-shell';
import { watchProblems } from './problems';

/**
 * A new page on the app at `url` (the size the screenshots are taken at),
 * connected live to the engine, with its problems being collected.
 */
export async function openApp(
  browser: Browser,
  url: URL,
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const problems = watchProblems(page);
  await page.goto(url.href);
  await new AppShell(page).waitUntilLive();
  return { page, problems };
}
