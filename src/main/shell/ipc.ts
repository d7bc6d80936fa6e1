import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventMessage } from '../../shared/api/contract';
import type { EngineHost } from '../host/engine-host';

export const requestChannel = 'sluice:request';
export const eventChannel = 'sluice:event';

/**
 * Serves the contract to the window over IPC. Requests are validated with zod
 * by the engine's dispatcher before any service runs; here we only check that
 * they come from our own window's top frame. Events are queued until the
 * window has loaded, then delivered in order.
 */
export function connectWindow(host: EngineHost, win: BrowserWindow): () => void {
  let ready = false;
  const queue: EventMessage[] = [];

  const fromOurWindow = (event: IpcMainInvokeEvent): boolean =>
    event.sender === win.webContents && event.senderFrame === win.webContents.mainFrame;

  ipcMain.handle(requestChannel, (event, name: unknown, input: unknown) => {
    if (!fromOurWindow(event)) {
      return {
        ok: false,
        error: {
          code: 'unknown-request',
          message: 'Requests are only accepted from the Sluice window.',
        },
      };
    }
    return host.invoke(name, input);
  });

  const unsubscribe = host.subscribe((message) => {
    if (win.isDestroyed()) return;
    if (!ready) {
      // Keep the latest snapshot only; "changed" events are all kept.
      if (message.event === 'engine.snapshot') {
        const i = queue.findIndex((m) => m.event === 'engine.snapshot');
        if (i >= 0) queue.splice(i, 1);
      }
      queue.push(message);
      return;
    }
    win.webContents.send(eventChannel, message);
  });

  win.webContents.on('did-finish-load', () => {
    ready = true;
    for (const m of queue.splice(0)) win.webContents.send(eventChannel, m);
  });
  win.webContents.on('did-start-loading', () => {
    ready = false;
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(requestChannel);
  };
}
