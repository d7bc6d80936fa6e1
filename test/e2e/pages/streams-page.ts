import type { Page } from 'playwright-core';

/** Page object for the streams overview. */
export class StreamsPage {
  constructor(readonly page: Page) {}

  emptyState() {
    return this.page.getByRole('region', { name: 'No streams yet' });
  }

  createButton() {
    return this.page.getByRole('button', { name: /^Create (a )?stream$/ });
  }

  demoButton() {
    return this.page.getByRole('button', { name: 'Start the demo stream' });
  }

  table() {
    return this.page.getByRole('table', { name: 'Streams' });
  }

  row(name: string) {
    return this.page
      .getByTestId('stream-row')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async status(name: string): Promise<string> {
    return (await this.row(name).getByTestId('status-badge').textContent()) ?? '';
  }

  async waitForStatus(name: string, status: string, timeout = 15_000): Promise<void> {
    await this.row(name)
      .getByTestId('status-badge')
      .filter({ hasText: new RegExp(`^${status}$`) })
      .waitFor({ timeout });
  }

  pause(name: string) {
    return this.page.getByRole('button', { name: `Pause ${name}` });
  }

  resume(name: string) {
    return this.page.getByRole('button', { name: `Resume ${name}` });
  }

  async open(name: string): Promise<void> {
    await this.row(name).getByRole('link', { name, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }
}
