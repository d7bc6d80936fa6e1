import type { Page } from 'playwright-core';

/** Page object for the record inspector. */
export class InspectorPage {
  constructor(readonly page: Page) {}

  mode(name: 'Live' | 'Offline (paste or open)') {
    return this.page.getByRole('tablist', { name: 'Inspector source' }).getByRole('tab', { name });
  }

  async pasteAndInspect(json: string): Promise<void> {
    await this.mode('Offline (paste or open)').click();
    await this.page.getByLabel('OTLP request (JSON)').fill(json);
    await this.page.getByRole('button', { name: 'Inspect', exact: true }).click();
  }

  recordList() {
    return this.page.getByTestId('record-list');
  }

  async select(index: number): Promise<void> {
    await this.recordList().locator(`[data-index="${index}"]`).click();
  }

  async setOption(group: 'Data model' | 'Processing' | 'Rules', label: string): Promise<void> {
    await this.page.getByRole('group', { name: group }).getByLabel(label, { exact: true }).check();
  }

  view(name: 'Dynatrace view' | 'Wire view' | 'Side by side' | "Stream's rules") {
    return this.page.getByRole('tablist', { name: 'Record views' }).getByRole('tab', { name });
  }

  /** A row of the Dynatrace record table, by stored field name. */
  dynatraceField(field: string) {
    return this.page.getByTestId('dynatrace-record').locator(`tr[data-field="${field}"]`);
  }

  async dynatraceFields(): Promise<string[]> {
    return this.page
      .getByTestId('dynatrace-record')
      .locator('tr[data-field]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field') ?? ''));
  }
}
