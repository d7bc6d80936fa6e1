import type { Page } from 'playwright-core';

export interface ContrastFailure {
  text: string;
  ratio: number;
  required: number;
  foreground: string;
  background: string;
  /** Where it is: the element's tag and classes. */
  element: string;
}

/**
 * WCAG 2.x contrast of every visible piece of text on the page (text nodes,
 * and the values of inputs and selects) against what is really behind it:
 * colours are resolved by Chromium itself (any CSS colour syntax, through a
 * canvas), translucent backgrounds are composited over their ancestors',
 * and ancestors' opacity is applied to the text. Below 4.5:1 fails, or 3:1
 * for large text (24 px, or 18.66 px bold). Disabled controls are exempt,
 * as WCAG 1.4.3 exempts inactive components; text drawn on canvases (chart
 * axes) is not text in the DOM and is not seen here.
 */
export function contrastFailures(page: Page, scope = 'body'): Promise<ContrastFailure[]> {
  return page.evaluate<ContrastFailure[]>(`((scope) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const cache = new Map();
    // [r, g, b, a] in 0..255, a in 0..1, for any colour string Chromium understands.
    const parse = (css) => {
      if (cache.has(css)) return cache.get(css);
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      const c = [d[0], d[1], d[2], d[3] / 255];
      cache.set(css, c);
      return c;
    };
    const over = (top, bottom) => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
    };
    const lum = (c) => {
      const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const ratio = (a, b) => { const l1 = lum(a), l2 = lum(b); return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05); };
    const css = (c) => 'rgb(' + c.slice(0, 3).map(Math.round).join(', ') + ')';
    // The colour behind an element: its own background over its ancestors', down to the canvas.
    const backgroundOf = (el) => {
      const chain = [];
      for (let e = el; e; e = e.parentElement) chain.push(e);
      const rootBg = parse(getComputedStyle(document.documentElement).backgroundColor);
      let bg = rootBg[3] > 0 ? over(rootBg, [255, 255, 255, 1]) : (matchMedia('(prefers-color-scheme: dark)').matches && getComputedStyle(document.documentElement).colorScheme.includes('dark') ? [18, 18, 18, 1] : [255, 255, 255, 1]);
      for (let i = chain.length - 1; i >= 0; i--) {
        const c = parse(getComputedStyle(chain[i]).backgroundColor);
        if (c[3] > 0) bg = over(c, bg);
      }
      return bg;
    };
    const opacityOf = (el) => {
      let o = 1;
      for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const disabled = (el) => !!el.closest(':disabled, [aria-disabled="true"]');
    const visible = (el) => {
      if (el.closest('.visually-hidden, [hidden], [aria-hidden="true"]')) return false;
      const s = getComputedStyle(el);
      if (s.visibility !== 'visible' || Number(s.opacity) === 0) return false;
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    };
    const failures = [];
    const seen = new Set();
    const check = (el, text) => {
      if (!visible(el) || disabled(el) || opacityOf(el) === 0) return;
      const s = getComputedStyle(el);
      const fg0 = parse(s.color);
      const bg = backgroundOf(el);
      const fg = over([fg0[0], fg0[1], fg0[2], fg0[3] * opacityOf(el)], bg);
      const size = parseFloat(s.fontSize);
      const bold = Number(s.fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const required = large ? 3 : 4.5;
      const r = ratio(fg, bg);
      const key = css(fg) + '|' + css(bg) + '|' + text.slice(0, 40);
      if (r + 0.005 < required && !seen.has(key)) {
        seen.add(key);
        failures.push({
          text: text.slice(0, 60),
          ratio: Math.round(r * 100) / 100,
          required,
          foreground: css(fg),
          background: css(bg),
          element: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
        });
      }
    };
    const root = document.querySelector(scope);
    if (!root) return failures;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.nodeValue || '').trim();
      if (!text || !n.parentElement) continue;
      if (n.parentElement.closest('script, style, noscript, option')) continue;
      check(n.parentElement, text);
    }
    for (const el of root.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea')) {
      const text = el.tagName === 'SELECT' ? (el.selectedOptions[0]?.textContent || '') : el.value;
      if (text.trim()) check(el, text.trim());
    }
    return failures;
  })(${JSON.stringify(scope)})`);
}

/** One line per failure, for an assertion message. */
export function describeContrast(failures: readonly ContrastFailure[]): string[] {
  return failures.map(
    (f) =>
      `${f.ratio}:1 < ${f.required}:1 "${f.text}" (${f.foreground} on ${f.background}) in ${f.element}`,
  );
}
