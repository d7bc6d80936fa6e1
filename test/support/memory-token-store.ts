import type { KeychainStatus } from '../../src/shared/api/engine';
import type { TokenStore } from '../../src/main/secrets/token-store';

/**
 * A FAKE keychain, for tests whose subject is not the keychain (stream
 * configuration, the bridge). The real keychain is tested in
 * test/integration/secrets with gnome-keyring.
 */
export class FakeMemoryTokenStore implements TokenStore {
  readonly values = new Map<string, string>();
  available = true;

  private check(): void {
    if (!this.available) {
      const err = new Error('fake keychain unavailable') as Error & { code: string };
      throw Object.assign(err, { code: 'keychain-unavailable' });
    }
  }

  async set(account: string, secret: string): Promise<void> {
    this.check();
    this.values.set(account, secret);
  }
  async get(account: string): Promise<string | null> {
    this.check();
    return this.values.get(account) ?? null;
  }
  async delete(account: string): Promise<boolean> {
    this.check();
    return this.values.delete(account);
  }
  async has(account: string): Promise<boolean> {
    return (await this.get(account)) !== null;
  }
  async status(): Promise<KeychainStatus> {
    return this.available
      ? { available: true, cause: 'ok', message: null }
      : { available: false, cause: 'unknown', message: 'fake: unavailable' };
  }
}
