import type { KeychainStatus } from '../../shared/api/engine';

/**
 * Where secrets live (ARCHITECTURE.md, "Secrets"). The only implementation the
 * app uses is the OS keychain; there is deliberately no file fallback.
 * An account is `<streamId>/<credential name>` (see credentialAccount).
 */
export interface TokenStore {
  set(account: string, secret: string): Promise<void>;
  /** Engine only: the value never leaves the engine. */
  get(account: string): Promise<string | null>;
  delete(account: string): Promise<boolean>;
  has(account: string): Promise<boolean>;
  /** Whether the store can be used now, and if not, how to fix it. */
  status(): Promise<KeychainStatus>;
}

export function credentialAccount(streamId: string, name: string): string {
  return `${streamId}/${name}`;
}
