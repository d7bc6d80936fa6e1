import type { Stream } from '../../../shared/api/streams';
import type { CredentialRef } from '../../../shared/config';
import { credentialNames } from '../../../shared/destinations/schema';
import { EngineError } from '../../base/errors';
import type { SessionTokenStore } from '../../secrets/session-token-store';
import { credentialAccount } from '../../secrets/token-store';
import type { CredentialEnvStore } from './credential-env-store';

/** What looking up one credential found. */
export type CredentialLookup =
  | { found: string }
  | { missing: 'not-set' }
  /** Set, but the keychain has no value for it. */
  | { missing: 'keychain' }
  /** Read from an environment variable that was not set when this engine started. */
  | { missing: 'env'; variable: string };

const noun = (name: string) => (name === 'token' ? 'API token' : name);

/**
 * The one way a credential's value is read, for a stream's sender and a
 * receiver's token check alike. A credential read from the environment
 * comes from memory (held when the engine started, or when a file was
 * applied); if its variable was not set it is refused, never taken from a
 * keychain entry an earlier configuration left behind. (The receivers used
 * to ask the keychain directly and so accepted such a stale token.)
 */
export class CredentialVault {
  constructor(
    private readonly tokens: SessionTokenStore,
    private readonly envRefs: CredentialEnvStore,
  ) {}

  async lookup(ownerId: string, name: string, set: boolean): Promise<CredentialLookup> {
    const account = credentialAccount(ownerId, name);
    const variable = this.envRefs.get(ownerId, name);
    if (variable !== null) {
      const value = this.tokens.isInMemory(account) ? await this.tokens.get(account) : null;
      return value === null ? { missing: 'env', variable } : { found: value };
    }
    if (!set) return { missing: 'not-set' };
    const value = await this.tokens.get(account);
    return value === null ? { missing: 'keychain' } : { found: value };
  }

  /** Engine only: a stream's credentials for its sender. Throws what to do when one cannot be read. */
  async streamCredentials(stream: Stream): Promise<Record<string, string>> {
    const credentials: Record<string, string> = {};
    for (const name of credentialNames[stream.destination.tool]) {
      const r = await this.lookup(stream.id, name, stream.credentials[name]?.set ?? false);
      if ('found' in r) credentials[name] = r.found;
      else if (r.missing === 'env') throw envNotSet(`The ${noun(name)} of this stream`, r.variable);
      else if (r.missing === 'keychain') {
        throw new EngineError(
          'keychain-unavailable',
          `The ${noun(name)} of this stream is missing from the OS keychain. Edit the stream and enter it again.`,
        );
      }
    }
    return credentials;
  }

  /**
   * Engine only: a source's credential (a receiver's bearer token), or null
   * when it is not set or missing from the keychain (the receiver says so).
   */
  async sourceCredential(sourceId: string, name: string, set: boolean): Promise<string | null> {
    const r = await this.lookup(sourceId, name, set);
    if ('found' in r) return r.found;
    if (r.missing === 'env') throw envNotSet(`The ${name} of this source`, r.variable);
    return null;
  }

  /**
   * How a configuration file names the credential now: {"env"} for one read
   * from the environment, {"keychain": true} for a stored one; null when it
   * is not set, or held only for this run (the demo's token), which a file
   * cannot name.
   */
  referenceOf(ownerId: string, name: string, set: boolean): CredentialRef | null {
    const variable = this.envRefs.get(ownerId, name);
    if (variable !== null) return { env: variable };
    if (!set || this.tokens.isInMemory(credentialAccount(ownerId, name))) return null;
    return { keychain: true };
  }
}

function envNotSet(what: string, variable: string): EngineError {
  return new EngineError(
    'unavailable',
    `${what} is read from the environment variable ${variable}, which was not set when Sluice started. Set it and start Sluice again.`,
  );
}
