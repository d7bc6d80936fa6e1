import type { KeychainStatus } from '../../shared/api/engine';
import type { TokenStore } from './token-store';

/**
 * The keychain, with some accounts held only in this process's memory and
 * never written anywhere: credentials supplied from the environment
 * (`{"env": "DT_API_TOKEN"}` in a configuration file) and the demo stream's
 * token for the local Dynatrace-compatible endpoint, which must work on a
 * machine without a keychain.
 */
export class SessionTokenStore implements TokenStore {
  private readonly memory = new Map<string, string>();

  constructor(private readonly keychain: TokenStore) {}

  holdInMemory(account: string, secret: string): void {
    this.memory.set(account, secret);
  }

  /** Stops holding a value in memory (never touches the keychain). */
  releaseFromMemory(account: string): void {
    this.memory.delete(account);
  }

  isInMemory(account: string): boolean {
    return this.memory.has(account);
  }

  async set(account: string, secret: string): Promise<void> {
    // A value typed by the user replaces a session value and is kept.
    this.memory.delete(account);
    await this.keychain.set(account, secret);
  }

  async get(account: string): Promise<string | null> {
    return this.memory.get(account) ?? (await this.keychain.get(account));
  }

  async delete(account: string): Promise<boolean> {
    const inMemory = this.memory.delete(account);
    if (inMemory) {
      // It may also be in the keychain from before; a failure there is not ours to report.
      await this.keychain.delete(account).catch(() => false);
      return true;
    }
    return this.keychain.delete(account);
  }

  /** Removes the keychain's entry only (a value held in memory stays). */
  deleteFromKeychain(account: string): Promise<boolean> {
    return this.keychain.delete(account);
  }

  async has(account: string): Promise<boolean> {
    return (await this.get(account)) !== null;
  }

  status(): Promise<KeychainStatus> {
    return this.keychain.status();
  }
}
