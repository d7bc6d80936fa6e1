import type { Page } from 'playwright-core';

/**
 * Every visible control on the screen has an accessible name: inputs,
 * selects and text areas a label (or aria-label), buttons and links text or
 * aria-label. Returns the ones that do not, described, for the assertion.
 */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    const visible = (el) => el.getClientRects().length > 0 || el.type === 'file';
    const named = (el) => {
      const aria = (el.getAttribute('aria-label') || '').trim();
      if (aria) return true;
      const by = el.getAttribute('aria-labelledby');
      if (by && by.split(' ').some((id) => (document.getElementById(id)?.textContent || '').trim())) return true;
      if (el.labels && Array.from(el.labels).some((l) => l.textContent.trim())) return true;
      if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.getAttribute('role') === 'tab') {
        return (el.textContent || '').trim() !== '';
      }
      return false;
    };
    const selector = 'button, a[href], input:not([type=hidden]), select, textarea, [role=listbox], [role=tab], [tabindex="0"]';
    for (const el of document.querySelectorAll(selector)) {
      if (!visible(el) || el.hidden || el.closest('[hidden]')) continue;
      if (el.getAttribute('role') === 'tabpanel' || el.tagName === 'MAIN') continue;
      if (el.matches('[tabindex="0"]') && !el.matches('button, a, input, select, textarea, [role]')) {
        // Focusable regions (code blocks, badges) need a name only when they have no text.
        if ((el.textContent || '').trim() !== '' || el.getAttribute('aria-label')) continue;
      }
      if (!named(el)) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  })()`);
}
