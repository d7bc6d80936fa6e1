import type { KeychainStatus } from '../../src/shared/api/engine';
import type { TokenStore } from '../../src/main/secrets/token-store';

/**
 * Credentials for the benchmark's streams, in memory. The benchmark measures
 * the engine, not the OS keychain, and a benchmark machine (CI) often has no
 * Secret Service; the tokens are those of a local endpoint that lives for
 * one run.
 */
export class BenchMemoryTokenStore implements TokenStore {
  private readonly values = new Map<string, string>();

  async set(account: string, secret: string): Promise<void> {
    this.values.set(account, secret);
  }
  async get(account: string): Promise<string | null> {
    return this.values.get(account) ?? null;
  }
  async delete(account: string): Promise<boolean> {
    return this.values.delete(account);
  }
  async has(account: string): Promise<boolean> {
    return this.values.has(account);
  }
  async status(): Promise<KeychainStatus> {
    return { available: true, cause: 'ok', message: null };
  }
}
