/** The few HTML pages the server writes itself (the app is the built renderer). */

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2328}
code{background:#f0f1f3;padding:.1rem .3rem;border-radius:4px}h1{font-size:1.4rem}</style></head>
<body>${body}</body></html>`;
}

export function unauthorizedPage(): string {
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
