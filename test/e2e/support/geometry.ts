import type { Page } from 'playwright-core';

/**
 * Checks on what the window really shows, measured from the layout boxes
 * Chromium computed (not from the text in the DOM). Each returns the
 * problems it found, described for the assertion message; an empty list
 * means the check passed.
 */

/** The page (or the app's scrolling main area) is wider than the window: it scrolls sideways. */
export function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    const doc = document.scrollingElement;
    if (doc && doc.scrollWidth > doc.clientWidth + 1)
      out.push('the page scrolls sideways: ' + doc.scrollWidth + ' px of content in ' + doc.clientWidth + ' px');
    const main = document.querySelector('.app__main');
    if (main && main.scrollWidth > main.clientWidth + 1)
      out.push('the main area scrolls sideways: ' + main.scrollWidth + ' px of content in ' + main.clientWidth + ' px');
    // A box of its own that scrolls sideways hides its last columns just the same.
    // Code and raw text may scroll; a table or a form may not.
    for (const el of document.querySelectorAll('.app__main *')) {
      if (el.matches('pre, textarea, .code-block, .code-block *, [role=listbox], [role=listbox] *')) continue;
      const s = getComputedStyle(el);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1)
        out.push((el.className || el.tagName) + ' scrolls sideways: ' + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px');
    }
    return out;
  })()`);
}

/**
 * In each row matched by `rowSelector`, no two cells' boxes overlap, every
 * cell lies inside the row, and each cell's content stays inside its cell
 * (a figure running into the next column is an overlap too).
 */
export function overlappingCells(page: Page, rowSelector: string): Promise<string[]> {
  return page.evaluate<string[]>(`((rowSelector) => {
    const out = [];
    const label = (el) => (el.getAttribute('data-cell') || el.className || el.tagName) + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
    const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    for (const row of document.querySelectorAll(rowSelector)) {
      const r = row.getBoundingClientRect();
      // Visually hidden cells (a column header kept for screen readers) take no room.
      const cells = Array.from(row.children).filter((c) => c.getClientRects().length > 0 && getComputedStyle(c).visibility !== 'hidden' && getComputedStyle(c).clip !== 'rect(0px, 0px, 0px, 0px)');
      const boxes = cells.map((c) => c.getBoundingClientRect());
      for (let i = 0; i < cells.length; i++) {
        const b = boxes[i];
        if (b.right > window.innerWidth + 1)
          out.push('row ' + (row.getAttribute('data-stream-name') || '') + ': ' + label(cells[i]) + ' is off screen (right edge at ' + Math.round(b.right) + ' px)');
        if (b.left < r.left - 1 || b.right > r.right + 1)
          out.push('row ' + (row.getAttribute('data-stream-name') || row.rowIndex || '') + ': ' + label(cells[i]) + ' sticks out of its row');
        // Text wider than its cell (a header that does not wrap) runs into its neighbour.
        if (getComputedStyle(cells[i]).overflowX === 'visible') {
          const walker = document.createTreeWalker(cells[i], NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const parent = n.parentElement;
            if (!parent || !(n.nodeValue || '').trim()) continue;
            // Tooltips and screen-reader-only text take no room on screen.
            if (parent.closest('[role=tooltip], .visually-hidden') || getComputedStyle(parent).visibility === 'hidden') continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            const t = range.getBoundingClientRect();
            if (t.width > 0 && (t.right > b.right + 1 || t.left < b.left - 1)) {
              out.push('row ' + (row.getAttribute('data-stream-name') || '') + ': the text "' + (n.nodeValue || '').trim().slice(0, 30) + '" runs out of ' + label(cells[i]));
              break;
            }
          }
        }
        // Content wider than its cell (and not clipped with a way to read it) runs into its neighbour.
        for (const child of cells[i].querySelectorAll('*')) {
          if (child.getClientRects().length === 0 || child.closest('[role=tooltip]')) continue;
          if (getComputedStyle(child).visibility === 'hidden') continue;
          const cb = child.getBoundingClientRect();
          if (cb.width === 0 || cb.height === 0) continue;
          if (cb.right > b.right + 1 || cb.left < b.left - 1) {
            out.push('row ' + (row.getAttribute('data-stream-name') || '') + ': ' + label(child) + ' runs out of ' + label(cells[i]));
            break;
          }
        }
        for (let j = i + 1; j < cells.length; j++) {
          if (overlap(b, boxes[j])) out.push('row ' + (row.getAttribute('data-stream-name') || '') + ': ' + label(cells[i]) + ' overlaps ' + label(cells[j]));
        }
      }
    }
    return out;
  })(${JSON.stringify(rowSelector)})`);
}

/**
 * Text cut off by its box (overflow hidden, an ellipsis or a line clamp)
 * where nothing offers the whole text: no title on it or an ancestor, no
 * tooltip it is described by. Inside `scope` (a selector), or the page.
 */
export function clippedWithoutTooltip(page: Page, scope = 'body'): Promise<string[]> {
  return page.evaluate<string[]>(`((scope) => {
    const out = [];
    const root = document.querySelector(scope);
    if (!root) return out;
    const hasWayToRead = (el) => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        if ((e.getAttribute('title') || '').trim()) return true;
        if (e.getAttribute('aria-describedby')) return true;
        if (e.getAttribute('data-full-text')) return true;
      }
      return false;
    };
    for (const el of root.querySelectorAll('*')) {
      if (el.getClientRects().length === 0) continue;
      const s = getComputedStyle(el);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      if (el.matches('.visually-hidden, .visually-hidden *, pre, textarea, .code-block, [role=listbox], .app__main, .dialog__body, canvas, svg, .record-list__inner, .chart__plot, .u-wrap, .u-over, .u-under, .table-wrap')) continue;
      if (!(el.textContent || '').trim()) continue;
      // The visually-hidden pattern: clipped on purpose, read by screen readers.
      if (s.position === 'absolute' && (s.clip === 'rect(0px, 0px, 0px, 0px)' || el.clientWidth <= 1)) continue;
      const wide = el.scrollWidth > el.clientWidth + 1;
      const tall = el.scrollHeight > el.clientHeight + 2 && s.overflowY !== 'auto' && s.overflowY !== 'scroll';
      if ((wide && s.overflowX !== 'auto' && s.overflowX !== 'scroll') || tall) {
        if (!hasWayToRead(el)) out.push((el.className || el.tagName) + ' cuts "' + (el.textContent || '').trim().slice(0, 50) + '"');
      }
    }
    return out;
  })(${JSON.stringify(scope)})`);
}

/**
 * The app's header stays where it is while the content scrolls: scrolls the
 * main area to its end, moves the keyboard focus through the last controls
 * on the page, and checks that the document itself never scrolled and the
 * header is still at the top of the window.
 */
export async function frameMoves(page: Page): Promise<string[]> {
  await page.evaluate(
    "(() => { const m = document.querySelector('.app__main'); if (m) m.scrollTop = m.scrollHeight; })()",
  );
  const focusables = await page.evaluate<number>(
    'document.querySelectorAll(\'.app__main button, .app__main a[href], .app__main input, .app__main select, .app__main textarea, .app__main [tabindex="0"]\').length',
  );
  // Focus the last few controls, as Tab would reach them, then the first again.
  await page.evaluate(`(() => {
    const list = Array.from(document.querySelectorAll('.app__main button, .app__main a[href], .app__main input, .app__main select, .app__main textarea, .app__main [tabindex="0"]')).filter((e) => e.getClientRects().length > 0);
    for (const el of list.slice(-4)) el.focus();
    list[0]?.focus();
  })()`);
  return page
    .evaluate<string[]>(
      `(() => {
    const out = [];
    const doc = document.scrollingElement;
    if (doc && doc.scrollTop !== 0) out.push('the whole page scrolled by ' + doc.scrollTop + ' px (the frame moved)');
    if (doc && doc.scrollHeight > doc.clientHeight + 1) out.push('the page is taller than the window (' + doc.scrollHeight + ' > ' + doc.clientHeight + '): the frame can scroll away');
    const header = document.querySelector('.app__header');
    if (!header) out.push('no header');
    else {
      const top = header.getBoundingClientRect().top;
      if (Math.abs(top) > 0.5) out.push('the header moved to y=' + top);
    }
    for (const sel of ['.app', '#root', 'body']) {
      const el = document.querySelector(sel);
      if (el && el.scrollTop !== 0) out.push(sel + ' scrolled by ' + el.scrollTop + ' px');
    }
    return out;
  })()`,
    )
    .then((problems) =>
      focusables === 0
        ? [...problems, 'no focusable control found to move the focus to']
        : problems,
    );
}

/** The box of the first element matching `selector`, or null. */
export function boxOf(
  page: Page,
  selector: string,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el || el.getClientRects().length === 0) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  })()`);
}
