import type { CredentialState } from '../../../shared/api/streams';
import { credentialHint } from '../../../shared/destinations/credential-hint';
import { EngineError } from '../../base/errors';
import { credentialAccount, type TokenStore } from '../../secrets/token-store';

/**
 * Credentials of a configuration (a stream's API token, a receiver's bearer
 * token): values in the keychain under `<ownerId>/<name>`, and in SQLite only
 * whether each is set and a hint that is safe to show. Shared by the stream
 * and source services so both keep secrets the same way.
 */

/** Values by credential name; null clears one. */
export type CredentialChanges = Record<string, string | null>;

/** Where the non-secret hints live (a repository's credentials table). */
export interface CredentialHintStore {
  setCredentialHint(ownerId: string, name: string, hint: string | null): void;
  clearCredentialHint(ownerId: string, name: string): void;
}

/** Refuses names the configuration does not use, naming the ones it does. */
export function assertKnownCredentials(
  known: readonly string[],
  changes: CredentialChanges,
  ownerLabel: string,
): void {
  for (const name of Object.keys(changes)) {
    if (!known.includes(name)) {
      const expected = known.length ? `Expected one of: ${known.join(', ')}.` : 'It takes none.';
      throw new EngineError('invalid-input', `${ownerLabel} has no credential named "${name}".`, [
        { path: `credentials.${name}`, message: expected },
      ]);
    }
  }
}

/** Writes to the keychain. Call before saving anything else: if it refuses, nothing is saved. */
export async function writeCredentials(
  tokens: TokenStore,
  ownerId: string,
  changes: CredentialChanges,
): Promise<void> {
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) await tokens.delete(credentialAccount(ownerId, name));
    else await tokens.set(credentialAccount(ownerId, name), value);
  }
}

/** Records what the UI may see about the changes (inside the configuration's transaction). */
export function recordCredentialHints(
  store: CredentialHintStore,
  ownerId: string,
  changes: CredentialChanges,
): void {
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) store.clearCredentialHint(ownerId, name);
    else store.setCredentialHint(ownerId, name, credentialHint(value));
  }
}

/** Removes credentials from the keychain, best effort. */
export async function forgetCredentials(
  tokens: TokenStore,
  ownerId: string,
  names: readonly string[],
): Promise<void> {
  for (const name of names) {
    try {
      await tokens.delete(credentialAccount(ownerId, name));
    } catch {
      // The keychain is unreachable: the entry stays there, orphaned but
      // harmless (nothing refers to the owner id any more).
    }
  }
}

/** The contract's view of a configuration's credentials, from its stored hints. */
export function credentialStates(
  names: readonly string[],
  hints: Record<string, string | null>,
): Record<string, CredentialState> {
  const states: Record<string, CredentialState> = {};
  for (const name of names) {
    const set = Object.prototype.hasOwnProperty.call(hints, name);
    states[name] = { set, hint: set ? (hints[name] ?? null) : null };
  }
  return states;
}
