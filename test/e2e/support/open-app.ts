import type { Browser, Page } from 'playwright-core';
import { AppShell } from '../pages/app-shell';
import { watchSockets } from './page-sockets';
import { watchProblems } from './problems';

/**
 * A new page on the app at `url`, 1280 px wide as an ordinary laptop's
 * window (the size docs/user-guide.md's screenshots are taken at),
 * connected live to the engine, with its problems and its sockets being
 * watched (page-sockets.ts).
 */
export async function openApp(
  browser: Browser,
  url: URL,
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = watchProblems(page);
  watchSockets(page);
  await page.goto(url.href);
  await new AppShell(page).waitUntilLive();
  return { page, problems };
}
