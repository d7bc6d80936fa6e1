import { create } from 'zustand';
import type { KeychainStatus } from '../../../shared/api/engine';
import { api } from '../api';

interface KeychainStore {
  /** null until asked; the wizard asks when it opens. */
  status: KeychainStatus | null;
}

export const useKeychain = create<KeychainStore>(() => ({ status: null }));

/** Asks the engine whether a token could be saved in the OS keychain now, and why not. */
export async function refreshKeychain(): Promise<void> {
  try {
    useKeychain.setState({ status: await api.request('keychain.status') });
  } catch {
    // Not connected: the wizard's Save is blocked and says so; nothing to add here.
  }
}
