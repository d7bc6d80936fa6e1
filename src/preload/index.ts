import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Type-only: the sandboxed preload must not pull zod or any other module in.
import type { EventMessage } from '../shared/api/contract';
import type { SluiceBridge } from './bridge';

const requestChannel = 'sluice:request';
const eventChannel = 'sluice:event';

/**
 * The whole surface the page gets: send a contract request, receive contract
 * events. Replies are envelopes, not thrown errors, because an Error loses its
 * code when it crosses contextBridge; the renderer's client re-throws them.
 */
const bridge: SluiceBridge = {
  invoke: (name, input) => ipcRenderer.invoke(requestChannel, name, input),
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, message: EventMessage): void => listener(message);
    ipcRenderer.on(eventChannel, handler);
    return () => {
      ipcRenderer.removeListener(eventChannel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('sluice', bridge);
