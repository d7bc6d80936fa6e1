import { randomUUID } from 'node:crypto';
import { EngineError } from '../base/errors';
import type { KeychainStatus } from '../../shared/api/engine';
import { keychainCause, keychainMessage, notInstalledMessage } from './keychain-cause';
import type { TokenStore } from './token-store';

export const keychainService = 'sluice';

interface Keytar {
  setPassword(service: string, account: string, password: string): Promise<void>;
  getPassword(service: string, account: string): Promise<string | null>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/** A status is this fresh at most: the wizard and Settings ask often, each ask writes a probe. */
const statusTtlMs = 10_000;

async function loadKeytar(): Promise<Keytar | null> {
  try {
    const mod = (await import('keytar')) as unknown as Keytar & { default?: Keytar };
    return mod.default ?? mod;
  } catch {
    return null;
  }
}

/** TokenStore on the OS keychain through keytar (service "sluice"). */
export class KeytarTokenStore implements TokenStore {
  private keytar: Promise<Keytar | null> | null = null;

  constructor(private readonly service: string = keychainService) {}

  private async lib(): Promise<Keytar> {
    this.keytar ??= loadKeytar();
    const lib = await this.keytar;
    if (!lib) throw new EngineError('keychain-unavailable', notInstalledMessage);
    return lib;
  }

  private async call<T>(fn: (lib: Keytar) => Promise<T>): Promise<T> {
    const lib = await this.lib();
    try {
      return await fn(lib);
    } catch (err) {
      // keytar's errors describe the keychain, never the secret passed in.
      const detail = String((err as Error).message ?? err);
      throw new EngineError('keychain-unavailable', keychainMessage(keychainCause(detail), detail));
    }
  }

  set(account: string, secret: string): Promise<void> {
    return this.call((k) => k.setPassword(this.service, account, secret));
  }

  get(account: string): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, account));
  }

  delete(account: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, account));
  }

  async has(account: string): Promise<boolean> {
    return (await this.get(account)) !== null;
  }

  private lastStatus: { at: number; status: KeychainStatus } | null = null;

  /**
   * Whether a token could be saved now, and if not the real cause. It writes
   * and deletes a probe entry: only a write reaches the keyring itself
   * (listing succeeds on a bus whose keyring is locked or missing, and the
   * wizard then failed only at Save).
   */
  async status(): Promise<KeychainStatus> {
    const now = Date.now();
    if (this.lastStatus && now - this.lastStatus.at < statusTtlMs) return this.lastStatus.status;
    const status = await this.probe();
    this.lastStatus = { at: now, status };
    return status;
  }

  private async probe(): Promise<KeychainStatus> {
    const lib = await (this.keytar ??= loadKeytar());
    if (!lib) return { available: false, cause: 'not-installed', message: notInstalledMessage };
    const account = `probe/${randomUUID()}`;
    try {
      await lib.setPassword(`${this.service}-probe`, account, 'probe');
      await lib.deletePassword(`${this.service}-probe`, account);
      return { available: true, cause: 'ok', message: null };
    } catch (err) {
      const detail = String((err as Error).message ?? err);
      const cause = keychainCause(detail);
      return { available: false, cause, message: keychainMessage(cause, detail) };
    }
  }
}
