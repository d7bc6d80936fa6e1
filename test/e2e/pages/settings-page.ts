import type { Page } from 'playwright-core';

/** Page object for the settings screen. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  async setTheme(theme: 'System' | 'Light' | 'Dark'): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Theme' })
      .getByLabel(theme, { exact: true })
      .check();
  }

  async htmlTheme(): Promise<string | null> {
    return this.page.evaluate<string | null>('document.documentElement.dataset.theme ?? null');
  }
}
