import type { Transport } from '../../../shared/api/client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser (sluice serve). */
    sluice?: Transport;
  }
}

export {};
