import { join } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { startEngine } from './host/start-engine';
import type { EngineHost } from './host/engine-host';
import { startControlEndpoint, type ControlEndpoint } from './serve/control/control-endpoint';
import { logDir, resolveDataDir } from './data-dir/paths';
import { createLogger } from './base/log';
import { connectWindow } from './shell/ipc';
import { createMainWindow } from './shell/window';

/**
 * The Electron shell: one window, the engine in its worker thread, the
 * contract over IPC. Everything else lives in the engine and the renderer.
 */
function dataDirFromArgs(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i < 0) return undefined;
  const arg = argv[i] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
}

let host: EngineHost | null = null;
let control: ControlEndpoint | null = null;
let win: BrowserWindow | null = null;
let disconnect: (() => void) | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(
    async () => {
      // The renderer asks for nothing: no camera, notifications, geolocation…
      session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
        callback(false),
      );
      const dataDir = resolveDataDir(dataDirFromArgs(process.argv));
      try {
        host = await startEngine({ dataDir }, new URL('./engine-worker.js', import.meta.url));
      } catch (err) {
        dialog.showErrorBox('Sluice could not start', (err as Error).message);
        app.exit(1);
        return;
      }
      // `sluice streams ...` on this data folder talks to this instance (docs/config.md).
      control = await startControlEndpoint({
        host,
        dataDir,
        log: createLogger({ file: join(logDir(dataDir), 'control.log') }),
      }).catch(() => null);
      const open = (): void => {
        if (!host) return;
        win = createMainWindow();
        disconnect = connectWindow(host, win);
        win.on('closed', () => {
          disconnect?.();
          disconnect = null;
          win = null;
        });
      };
      open();
      app.on('activate', () => {
        if (!win) open();
      });
    },
    (err: unknown) => {
      dialog.showErrorBox('Sluice could not start', String(err));
      app.exit(1);
    },
  );

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !host) return;
    // Let the engine finish in-flight work and close its database first.
    closing = true;
    event.preventDefault();
    void (control?.close() ?? Promise.resolve())
      .then(() => host?.close({ drainMs: 10_000 }))
      .finally(() => app.quit());
  });
}
