import type { Transport } from '../shared/api/client';

/** What the preload exposes as window.sluice: exactly a contract transport. */
export type SluiceBridge = Transport;
