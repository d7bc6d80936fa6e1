import type { Page } from 'playwright-core';

/** Page object for the stream wizard (create and edit). */
export class WizardPage {
  constructor(readonly page: Page) {}

  form() {
    return this.page.getByRole('form', { name: /^(Create|Edit) stream$/ });
  }

  stepTitle() {
    return this.page.locator('#wizard-step-title');
  }

  async chooseTool(label: string): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'Destination tool' })
      .getByRole('radio', { name: label, exact: true })
      .click();
    await this.page.getByRole('heading', { name: '2. Destination details' }).waitFor();
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: false }).first();
  }

  async fillDestination(values: { name?: string; url?: string; token?: string }): Promise<void> {
    if (values.name !== undefined) await this.field('Stream name').fill(values.name);
    if (values.url !== undefined) await this.field('OTLP logs URL').fill(values.url);
    if (values.token !== undefined) await this.field('API token').fill(values.token);
  }

  /** The messages shown under a field. */
  async issuesOf(label: string): Promise<string> {
    const field = this.page
      .locator('.field')
      .filter({ has: this.page.getByLabel(label, { exact: false }) })
      .first();
    return (
      (await field
        .locator('.field__issues')
        .textContent()
        .catch(() => '')) ?? ''
    );
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Next|Continue)$/ }).click();
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back', exact: true }).click();
  }

  /** Runs Test stream and resolves with the outcome the result shows. */
  async runTest(): Promise<'success' | 'failure'> {
    const previous = await this.page.getByTestId('test-result').count();
    await this.page.getByRole('button', { name: /^(Test stream|Test again)$/ }).click();
    if (previous > 0)
      await this.page.getByRole('button', { name: 'Testing…' }).waitFor({ state: 'detached' });
    const result = this.page.getByTestId('test-result');
    await result.waitFor({ timeout: 20_000 });
    return (await result.getAttribute('data-outcome')) as 'success' | 'failure';
  }

  testResult() {
    return this.page.getByTestId('test-result');
  }

  /** Saves; answers the "no source" and "without a successful test" questions when told to. */
  async save(
    options: { confirmUntested?: boolean; confirmNoSource?: boolean } = {},
  ): Promise<void> {
    await this.page.getByRole('button', { name: /^Save (stream|changes)$/ }).click();
    if (options.confirmNoSource) {
      await this.page
        .getByTestId('confirm-dialog')
        .getByRole('button', { name: 'Save without a source' })
        .click();
    }
    if (options.confirmUntested) {
      await this.page
        .getByTestId('confirm-dialog')
        .getByRole('button', { name: 'Save anyway' })
        .click();
    }
  }

  /** Checks a source in Source details, by the start of its label. */
  async chooseSource(name: string | RegExp): Promise<void> {
    await this.page
      .getByRole('list', { name: 'Sources' })
      .getByLabel(typeof name === 'string' ? new RegExp(`^${name}`) : name)
      .check();
  }

  confirmDialog() {
    return this.page.getByTestId('confirm-dialog');
  }

  /**
   * Source details: adds an OTLP/HTTP receiver on a free port, checked for
   * this stream, and resolves with the address it listens at.
   */
  async addReceiverSource(name: string): Promise<string> {
    const sources = this.page.getByRole('list', { name: 'Sources' });
    await this.page.getByRole('button', { name: 'Add another source…' }).click();
    const dialog = this.page.getByTestId('source-dialog');
    await dialog.getByLabel('Kind').selectOption('otlp-receiver');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Port').fill('0');
    await dialog.getByRole('button', { name: 'Add source' }).click();
    await sources.getByLabel(new RegExp(`^${name}`)).waitFor();
    if (!(await sources.getByLabel(new RegExp(`^${name}`)).isChecked())) {
      throw new Error(`the new source ${name} is not checked for this stream`);
    }
    return (await sources.getByTestId('source-endpoint').first().textContent()) ?? '';
  }
}
