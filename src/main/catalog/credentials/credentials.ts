import type { CredentialState } from '../../../shared/api/streams';
import { EngineError } from '../../base/errors';

/**
 * Credentials of a definition (a stream's API token, a receiver's bearer
 * token): values in the keychain under `<ownerId>/<name>` (or, for this run
 * only, in memory), and in SQLite only whether each is set, a hint that is
 * safe to show and, for one read from the environment, the variable's name.
 * Everything about them lives in this folder: the hints (credential-hint-
 * table), the environment references (credential-env-store), reading them
 * (credential-vault) and how each change is written (definition-writer).
 */

/** Values by credential name, as a request gives them; null clears one. */
export type CredentialChanges = Record<string, string | null>;

/** What one write does to one credential (catalog/definition-writer.ts). */
export type CredentialWrite =
  /** A value typed in or supplied with a file: to the keychain; the hint follows it. */
  | { kind: 'keychain'; value: string }
  /** Read from an environment variable: its name is stored, its value (if set) held in memory. */
  | { kind: 'env'; variable: string; value: string | null }
  /** Held in memory for this run only (the demo's endpoint token). */
  | { kind: 'session'; value: string }
  /** Gone: hint, environment reference, memory and keychain entry. */
  | { kind: 'clear' };

export type CredentialWrites = Record<string, CredentialWrite>;

/** A request's credential changes as writes: a value to the keychain, null cleared. */
export function writesOf(changes: CredentialChanges): CredentialWrites {
  const writes: CredentialWrites = {};
  for (const [name, value] of Object.entries(changes)) {
    writes[name] = value === null ? { kind: 'clear' } : { kind: 'keychain', value };
  }
  return writes;
}

/**
 * An edit's credential writes: the request's changes, and the removal of
 * credentials the new tool or source kind no longer takes (they go with it).
 */
export function editWrites(
  before: Record<string, CredentialState>,
  known: readonly string[],
  changes: CredentialChanges,
): CredentialWrites {
  const writes = writesOf(changes);
  for (const name of Object.keys(before)) {
    if (!known.includes(name)) writes[name] = { kind: 'clear' };
  }
  return writes;
}

/** Every named credential removed: what deleting a definition does to them. */
export function clearAll(names: readonly string[]): CredentialWrites {
  return Object.fromEntries(names.map((name) => [name, { kind: 'clear' } as const]));
}

/** Refuses names the definition does not use, naming the ones it does. */
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

/** The contract's view of a definition's credentials, from its stored hints. */
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

/** The value of an {"env": ...} reference, or null when the variable is unset or empty. */
export function envValue(env: NodeJS.ProcessEnv, variable: string): string | null {
  const v = env[variable];
  return v === undefined || v.trim() === '' ? null : v.trim();
}
