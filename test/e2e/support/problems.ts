import type { ConsoleMessage, Page } from 'playwright-core';

/**
 * Collects what must never happen in the window: script errors, React
 * warnings (console.error) and Content-Security-Policy violations.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}
