import type { Page } from 'playwright-core';

/** Page object for the "Export as Collector configuration" dialog. */
export class CollectorExportDialog {
  constructor(readonly page: Page) {}

  /** Opens it from the streams overview's toolbar or the stream page's actions. */
  async openFrom(place: 'overview' | 'stream'): Promise<void> {
    const scope =
      place === 'stream'
        ? this.page.getByRole('toolbar', { name: 'Stream actions' })
        : this.page.locator('.toolbar');
    await scope.getByRole('button', { name: 'Export as Collector configuration' }).click();
    await this.dialog().waitFor();
  }

  dialog() {
    return this.page.getByTestId('collector-export-dialog');
  }

  preview() {
    return this.dialog().getByTestId('collector-preview');
  }

  distribution(name: RegExp) {
    return this.dialog().getByRole('radio', { name });
  }

  error() {
    return this.dialog().locator('.notice');
  }

  differences() {
    return this.dialog().locator('.collector-export__differences li');
  }

  button(name: 'Close' | 'Copy' | 'Copied' | 'Download') {
    return this.dialog().getByRole('button', { name, exact: true });
  }
}
