/**
 * The few HTML pages the server writes itself (the app is the built
 * renderer). They look like the app: the same colours in both themes, the
 * same header. Their stylesheet is a file of its own, served without the
 * access token, because the Content-Security-Policy (style-src 'self')
 * forbids inline styles: an inline <style> left these pages unstyled.
 */

export const pageStylesheetPath = '/_sluice/page.css';

/** The colours are those of src/renderer/src/styles/theme.css; change both together. */
export const pageStylesheet = `:root{--bg:#f6f7f9;--surface:#fff;--border:#d9dde3;--text:#1c2128;--muted:#535b66;--accent:#1f5fc9;--code:#eef0f3;color-scheme:light}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--surface:#171a21;--border:#2c323d;--text:#e6e9ef;--muted:#a3acb9;--accent:#7aa8ff;--code:#1f232c;color-scheme:dark}}
*{box-sizing:border-box}
html,body{margin:0;background:var(--bg);color:var(--text);font:15px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,Ubuntu,sans-serif}
header{display:flex;align-items:center;gap:10px;height:52px;padding:0 16px;background:var(--surface);border-bottom:1px solid var(--border);font-weight:650;font-size:16px}
.mark{width:18px;height:18px;border-radius:5px;background:linear-gradient(135deg,#2f6fde,#39b3a7)}
main{max-width:42rem;margin:48px auto;padding:24px 28px;background:var(--surface);border:1px solid var(--border);border-radius:8px}
h1{font-size:20px;margin:0 0 12px}
p{margin:0 0 12px}
.muted{color:var(--muted)}
code{font-family:ui-monospace,'SF Mono','DejaVu Sans Mono',monospace;font-size:.92em;background:var(--code);padding:.1em .35em;border-radius:4px;word-break:break-word}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="${pageStylesheetPath}"></head>
<body><header><span class="mark" aria-hidden="true"></span>Sluice</header><main>${body}</main></body></html>`;
}

/**
 * Without the token. `restarted`: the browser still holds the access cookie
 * of an earlier run on this port, so Sluice was restarted and its link changed.
 */
export function unauthorizedPage(restarted = false): string {
  if (restarted) {
    return page(
      'Sluice: restarted, open its new link',
      `<h1>Sluice was restarted: open its new link</h1>
<p>Each time <code>sluice serve</code> starts it makes a new access link, so the one this browser used no longer works.</p>
<p>Open the address it printed when it started again, in the terminal where it runs: it ends with <code>?token=…</code>.
While it runs, the link is also in <code>control.json</code> in its data folder.</p>
<p class="muted">Nothing was lost: streams kept their buffered records across the restart.</p>`,
    );
  }
  return page(
    'Sluice: access link needed',
    `<h1>Open Sluice with its access link</h1>
<p>This Sluice only answers browsers that opened the address it printed when it started. That address ends with <code>?token=…</code>.</p>
<p>Look in the terminal where you ran <code>npm start</code> or <code>sluice serve</code> and open the address shown there.
If you closed that terminal, stop Sluice and start it again to get a new link.</p>`,
  );
}

export function forbiddenHostPage(): string {
  return page(
    'Sluice: address not allowed',
    `<h1>Use 127.0.0.1 or localhost</h1><p>Sluice only answers requests addressed to <code>127.0.0.1</code> or <code>localhost</code> on this machine.</p>`,
  );
}

export function notBuiltPage(): string {
  return page(
    'Sluice: interface not built',
    `<h1>The interface has not been built</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first) and reload.</p>`,
  );
}
