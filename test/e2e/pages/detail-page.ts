import type { Page } from 'playwright-core';

/** Page object for one stream's detail view. */
export class DetailPage {
  constructor(readonly page: Page) {}

  action(name: 'Pause' | 'Resume' | 'Test' | 'Edit' | 'Duplicate' | 'Delete' | 'Inspect records') {
    return this.page
      .getByRole('toolbar', { name: 'Stream actions' })
      .getByRole('button', { name, exact: true });
  }

  status() {
    return this.page.locator('.detail__summary').getByTestId('status-badge');
  }

  async counter(id: string): Promise<number> {
    const text = (await this.page.getByTestId(`counter-${id}`).textContent()) ?? '';
    return Number(text.split('·')[0]!.replace(/[^0-9.]/g, ''));
  }

  /** The latest value a chart's legend shows for its n-th series. */
  async chartValue(chart: string, series: number): Promise<string> {
    return (await this.page.getByTestId(`${chart}-value-${series}`).textContent()) ?? '';
  }

  chartCanvases() {
    return this.page.locator('.chart canvas');
  }

  tab(name: 'Event log' | RegExp) {
    return this.page.getByRole('tablist', { name: 'Activity' }).getByRole('tab', { name });
  }

  events() {
    return this.page.getByTestId('event');
  }

  deadLetters() {
    return this.page.getByTestId('dead-letter');
  }
}
