import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from '../../support/chromium';

/** Page object for the frame every screen shares: header, navigation, indicator. */
export class AppShell {
  constructor(readonly page: Page) {}

  connection() {
    return this.page.getByTestId('connection');
  }

  async waitUntilLive(timeout = 15_000): Promise<void> {
    await this.page.waitForSelector('[data-testid="connection"].connection--live', { timeout });
  }

  navLink(name: 'Streams' | 'Inspector' | 'Settings') {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  async screenshot(name: string): Promise<string> {
    const path = join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
