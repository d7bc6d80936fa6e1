import { EngineError } from '../errors';
import type { KeychainStatus } from '../../shared/api/engine';
import type { TokenStore } from './token-store';

export const keychainService = 'sluice';

interface Keytar {
  setPassword(service: string, account: string, password: string): Promise<void>;
  getPassword(service: string, account: string): Promise<string | null>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

const notInstalledMessage =
  'The OS keychain library (keytar) is not installed, so API tokens cannot be saved. ' +
  'On Linux install libsecret-1-dev (Debian/Ubuntu: sudo apt-get install libsecret-1-dev), ' +
  'then run npm install again.';

function unreachableMessage(detail: string): string {
  return (
    'The OS keychain did not answer, so API tokens cannot be saved. On Linux Sluice needs a ' +
    'Secret Service such as gnome-keyring, running and unlocked in your session ' +
    `(Debian/Ubuntu: sudo apt-get install gnome-keyring). Detail: ${detail}`
  );
}

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
      throw new EngineError(
        'keychain-unavailable',
        unreachableMessage(String((err as Error).message ?? err)),
      );
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

  async status(): Promise<KeychainStatus> {
    try {
      // Listing is the cheapest call that really talks to the Secret Service.
      await this.call((k) => k.findCredentials(`${this.service}-probe`));
      return { available: true, message: null };
    } catch (err) {
      return { available: false, message: (err as Error).message };
    }
  }
}
