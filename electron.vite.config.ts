import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const define = { __SLUICE_VERSION__: JSON.stringify(pkg.version) };

export default defineConfig({
  main: {
    define,
    build: {
      // The CLI runs on the system Node (20+), not only inside Electron.
      target: 'node20',
      // keytar is optional (it needs libsecret to build): it must stay an
      // external require, resolved at run time, never bundled.
      externalizeDeps: { include: ['keytar'] },
      rolldownOptions: {
        input: {
          // The Electron shell.
          index: resolve('src/main/index.ts'),
          // `sluice` (bin/sluice.mjs loads this). Never imports electron.
          cli: resolve('src/main/cli/main.ts'),
          // The engine's worker thread (src/main/host/worker-host.ts).
          'engine-worker': resolve('src/main/host/worker-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    define,
    root: 'src/renderer',
    // Relative asset paths: the window loads index.html from file://.
    base: './',
    build: {
      rolldownOptions: { input: resolve('src/renderer/index.html') },
    },
    plugins: [react()],
  },
});
