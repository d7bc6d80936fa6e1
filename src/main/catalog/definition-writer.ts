import type { SourceConfig } from '../../shared/api/sources';
import type { StreamSettings } from '../../shared/api/streams';
import { credentialHint } from '../../shared/destinations/credential-hint';
import type { Store } from '../engine/ports';
import type { SessionTokenStore } from '../secrets/session-token-store';
import { credentialAccount } from '../secrets/token-store';
import type { CredentialEnvStore } from './credentials/credential-env-store';
import type { CredentialHintTable } from './credentials/credential-hint-table';
import type { CredentialWrite, CredentialWrites } from './credentials/credentials';
import type { SourceRepository } from './sources/source-repository';
import type { StreamRepository } from './streams/stream-repository';

export type StreamRowWrite =
  | { op: 'insert'; settings: StreamSettings; active: boolean }
  /** `settings`, `active` or both. */
  | { op: 'update'; settings?: StreamSettings; active?: boolean }
  | { op: 'delete' };

export type SourceRowWrite =
  | { op: 'insert'; config: SourceConfig }
  | { op: 'update'; config: SourceConfig }
  | { op: 'delete' };

/** One definition's part of a write: its row (if it changes) and its credentials. */
export interface OwnerWrite<R> {
  id: string;
  row?: R;
  credentials?: CredentialWrites;
}

/** Everything one write changes; sources are written before the streams that may read them. */
export interface DefinitionPlan {
  sources?: OwnerWrite<SourceRowWrite>[];
  streams?: OwnerWrite<StreamRowWrite>[];
}

export interface DefinitionWriterDeps {
  store: Store;
  streams: StreamRepository;
  sources: SourceRepository;
  envRefs: CredentialEnvStore;
  tokens: SessionTokenStore;
  now: () => Date;
}

/** What happens to one credential once the transaction has committed. */
interface AfterCommit {
  account: string;
  releaseMemory: boolean;
  /** Remove the keychain entry (best effort). */
  forgetKeychain: boolean;
  /** Hold this value in memory. */
  hold: string | null;
}

const hasCredential = (plan: DefinitionPlan, kind: CredentialWrite['kind']): boolean =>
  [...(plan.sources ?? []), ...(plan.streams ?? [])].some((w) =>
    Object.values(w.credentials ?? {}).some((c) => c.kind === kind),
  );

/**
 * The one writer of stream and source definitions: creating, editing,
 * deleting and importing all come through `write`, in three steps:
 * 1. values for the keychain are written first (the keychain cannot join a
 *    transaction), remembering what they replace; if it refuses, nothing
 *    else happens;
 * 2. rows, hints and environment references change in one SQLite
 *    transaction; if it fails, step 1 is undone;
 * 3. only then are values held in memory, released, or removed from the
 *    keychain, so a failed write never loses a credential.
 */
export class DefinitionWriter {
  constructor(private readonly d: DefinitionWriterDeps) {}

  /** `keychainRefused` words the keychain's refusal for the caller (the request's own error otherwise). */
  async write(plan: DefinitionPlan, keychainRefused?: (err: unknown) => Error): Promise<void> {
    const undo = await this.storeSecrets(plan, keychainRefused);
    let after: AfterCommit[];
    try {
      after = this.commit(plan);
    } catch (err) {
      await undo();
      throw err;
    }
    for (const step of after) {
      this.releaseOrHold(step, 'release');
      if (step.forgetKeychain) await this.forget(step.account);
      this.releaseOrHold(step, 'hold');
    }
  }

  /**
   * The same, all at once, for a write that touches no keychain entry (a
   * definition without secrets, credentials read from the environment or
   * held for this run): callers that cannot wait (the engine opening) use it.
   */
  writeNow(plan: DefinitionPlan): void {
    if (hasCredential(plan, 'keychain') || hasCredential(plan, 'clear')) {
      throw new Error('writeNow cannot write the keychain: use write');
    }
    const after = this.commit(plan);
    if (after.some((s) => s.forgetKeychain)) {
      throw new Error('writeNow cannot remove keychain entries: use write');
    }
    for (const step of after) {
      this.releaseOrHold(step, 'release');
      this.releaseOrHold(step, 'hold');
    }
  }

  private releaseOrHold(step: AfterCommit, what: 'release' | 'hold'): void {
    if (what === 'release' && step.releaseMemory) this.d.tokens.releaseFromMemory(step.account);
    if (what === 'hold' && step.hold !== null) this.d.tokens.holdInMemory(step.account, step.hold);
  }

  /** Step 1: returns how to put back what was in the keychain. */
  private async storeSecrets(
    plan: DefinitionPlan,
    refused: (err: unknown) => unknown = (err) => err,
  ): Promise<() => Promise<void>> {
    const restores: (() => Promise<void>)[] = [];
    const undo = async () => {
      for (const restore of restores.reverse()) await restore().catch(() => undefined);
    };
    const tokens = this.d.tokens;
    try {
      for (const w of [...(plan.sources ?? []), ...(plan.streams ?? [])]) {
        for (const [name, c] of Object.entries(w.credentials ?? {})) {
          if (c.kind !== 'keychain') continue;
          const account = credentialAccount(w.id, name);
          const inMemory = tokens.isInMemory(account);
          const previous = await tokens.get(account);
          await tokens.set(account, c.value);
          restores.push(async () => {
            if (previous === null) await tokens.delete(account);
            else if (inMemory) {
              await tokens.delete(account);
              tokens.holdInMemory(account, previous);
            } else await tokens.set(account, previous);
          });
        }
      }
    } catch (err) {
      await undo();
      throw refused(err);
    }
    return undo;
  }

  /** Step 2: one transaction. Returns step 3. */
  private commit(plan: DefinitionPlan): AfterCommit[] {
    const now = this.d.now().toISOString();
    const after: AfterCommit[] = [];
    this.d.store.transaction(() => {
      for (const w of plan.sources ?? []) {
        this.sourceRow(w.id, w.row, now);
        after.push(...this.credentials(this.d.sources.hints, w));
      }
      for (const w of plan.streams ?? []) {
        this.streamRow(w.id, w.row, now);
        after.push(...this.credentials(this.d.streams.hints, w));
      }
    });
    return after;
  }

  private sourceRow(id: string, row: SourceRowWrite | undefined, now: string): void {
    if (row?.op === 'insert') this.d.sources.insert(id, row.config, now);
    else if (row?.op === 'update') this.d.sources.update(id, row.config, now);
    else if (row?.op === 'delete') this.d.sources.delete(id);
  }

  private streamRow(id: string, row: StreamRowWrite | undefined, now: string): void {
    if (row?.op === 'insert') this.d.streams.insert(id, row.settings, row.active, now);
    else if (row?.op === 'delete') this.d.streams.delete(id);
    else if (row?.op === 'update') {
      if (row.settings) this.d.streams.update(id, row.settings, now);
      if (row.active !== undefined) this.d.streams.setActive(id, row.active, now);
    }
  }

  /** Inside the transaction: hints and environment references (a deleted owner's go with its row). */
  private credentials<R>(hints: CredentialHintTable, w: OwnerWrite<R>): AfterCommit[] {
    const deleted = (w.row as { op?: string } | undefined)?.op === 'delete';
    const set = hints.of(w.id);
    const steps: AfterCommit[] = [];
    for (const [name, c] of Object.entries(w.credentials ?? {})) {
      const account = credentialAccount(w.id, name);
      const inMemory = this.d.tokens.isInMemory(account);
      const wasEnv = this.d.envRefs.get(w.id, name) !== null;
      // In the keychain now: set, and neither read from the environment nor held for this run.
      const wasKeychain = name in set && !wasEnv && !inMemory;
      const step: AfterCommit = {
        account,
        releaseMemory: false,
        forgetKeychain: false,
        hold: null,
      };
      switch (c.kind) {
        case 'keychain':
          // Already stored (step 1), which also let go of any value held in memory.
          hints.set(w.id, name, credentialHint(c.value));
          this.d.envRefs.clear(w.id, name);
          continue;
        case 'env':
          this.d.envRefs.set(w.id, name, c.variable);
          if (c.value !== null) hints.set(w.id, name, credentialHint(c.value));
          else hints.clear(w.id, name);
          Object.assign(step, {
            releaseMemory: inMemory,
            forgetKeychain: wasKeychain,
            hold: c.value,
          });
          break;
        case 'session':
          hints.set(w.id, name, credentialHint(c.value));
          step.hold = c.value;
          break;
        case 'clear':
          if (!deleted) {
            hints.clear(w.id, name);
            this.d.envRefs.clear(w.id, name);
          }
          Object.assign(step, { releaseMemory: inMemory, forgetKeychain: true });
          break;
      }
      steps.push(step);
    }
    return steps;
  }

  /** Removes a keychain entry, best effort: an unreachable keychain keeps it, orphaned but harmless. */
  private async forget(account: string): Promise<void> {
    try {
      await this.d.tokens.deleteFromKeychain(account);
    } catch {
      // Nothing refers to it any more.
    }
  }
}
