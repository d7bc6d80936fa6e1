import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from '../../support/chromium';

/**
 * Saves the screen in the light and the dark theme, as
 * test-results/screenshots/NAME-light.png and NAME-dark.png. The app's theme
 * is "System" here, so emulating the colour scheme is what a user switching
 * their OS theme sees (charts repaint through the same listener).
 */
export async function shootBothThemes(page: Page, name: string): Promise<string[]> {
  const paths: string[] = [];
  // The main area scrolls inside the window: grow the window to show all of it.
  const viewport = page.viewportSize();
  if (viewport) {
    const needed = await page.evaluate<number>(
      "(document.querySelector('.app__main')?.scrollHeight ?? 0) + (document.querySelector('.app__header')?.clientHeight ?? 0)",
    );
    const height = Math.min(2400, Math.max(viewport.height, needed));
    if (height !== viewport.height) await page.setViewportSize({ width: viewport.width, height });
  }
  await page.evaluate("document.querySelector('.app__main')?.scrollTo(0, 0)");
  // Confirmations from earlier steps would cover the screen.
  for (const close of await page.getByRole('button', { name: 'Dismiss notification' }).all()) {
    await close.click({ timeout: 1_000 }).catch(() => {});
  }
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Two frames: the theme's variables apply, then charts repaint.
    await page.evaluate(
      'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))))',
    );
    const path = join(screenshotDir, `${name}-${scheme}.png`);
    await page.screenshot({ path });
    paths.push(path);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
  return paths;
}
