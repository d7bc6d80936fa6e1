import { randomUUID } from 'node:crypto';
import { credentialNames } from '../../../shared/destinations/schema';
import type { Stream, StreamSettings } from '../../../shared/api/streams';
import { EngineError } from '../../base/errors';
import {
  assertKnownCredentials,
  credentialStates,
  forgetCredentials,
  recordCredentialHints,
  writeCredentials,
  type CredentialChanges,
} from '../credentials/credentials';
import { processingKeyName } from '../../secrets/processing-key';
import { credentialAccount, type TokenStore } from '../../secrets/token-store';
import type { SessionTokenStore } from '../../secrets/session-token-store';
import type { NewEvent } from '../../engine/events/event-log';
import type { StoredStream, StreamRepository } from './stream-repository';
import { describeCreation, describeEdit } from './describe-change';

export interface StreamServiceDeps {
  repo: StreamRepository;
  tokens: TokenStore;
  now: () => Date;
  /** Called after every change with the ids that changed. */
  changed: (ids: string[]) => void;
  /** Whether a source id names a configured source. */
  sourceExists: (id: string) => boolean;
  /** The event log: a stream's creation and every edit are written there (kind "config"). */
  logEvent?: (event: NewEvent) => void;
  /** Source names, for saying what a stream reads. */
  sourceName?: (id: string) => string | null;
}

function toStream(s: StoredStream): Stream {
  const credentials = credentialStates(
    credentialNames[s.settings.destination.tool],
    s.credentialHints,
  );
  return {
    id: s.id,
    active: s.active,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...s.settings,
    credentials,
  };
}

/** Create, edit, pause and delete stream configurations; credentials go to the keychain. */
export class StreamService {
  constructor(private readonly deps: StreamServiceDeps) {}

  list(): Stream[] {
    return this.deps.repo.list().map(toStream);
  }

  get(id: string): Stream {
    const s = this.deps.repo.get(id);
    if (!s)
      throw new EngineError(
        'not-found',
        'That stream no longer exists. It may have been deleted in another window.',
      );
    return toStream(s);
  }

  private assertNameFree(name: string, exceptId: string | null): void {
    const other = this.deps.repo.idForName(name);
    if (other !== null && other !== exceptId) {
      throw new EngineError(
        'conflict',
        `A stream named "${name.trim()}" already exists. Choose another name.`,
        [{ path: 'settings.name', message: 'This name is already used by another stream.' }],
      );
    }
  }

  private assertSourcesExist(settings: StreamSettings): void {
    const issues = settings.sourceIds.flatMap((id, i) =>
      this.deps.sourceExists(id)
        ? []
        : [
            {
              path: `settings.sourceIds[${i}]`,
              message: `There is no source with the id "${id}".`,
            },
          ],
    );
    if (issues.length > 0) {
      throw new EngineError(
        'invalid-input',
        'The stream reads a source that does not exist (it may have been deleted). Choose its sources again.',
        issues,
      );
    }
  }

  private assertKnownCredentials(settings: StreamSettings, changes: CredentialChanges): void {
    const tool = settings.destination.tool;
    assertKnownCredentials(credentialNames[tool], changes, tool);
  }

  /** Keychain first: if it refuses, nothing about the stream is saved. */
  private async writeCredentials(id: string, changes: CredentialChanges): Promise<void> {
    await writeCredentials(this.deps.tokens, id, changes);
  }

  private recordHints(id: string, changes: CredentialChanges): void {
    recordCredentialHints(this.deps.repo, id, changes);
  }

  async create(
    settings: StreamSettings,
    credentials: CredentialChanges,
    active: boolean,
    copiedFrom: string | null = null,
  ): Promise<Stream> {
    this.assertNameFree(settings.name, null);
    this.assertSourcesExist(settings);
    this.assertKnownCredentials(settings, credentials);
    const id = randomUUID();
    await this.writeCredentials(id, credentials);
    try {
      this.deps.repo.transaction(() => {
        this.deps.repo.insert(id, settings, active, this.deps.now().toISOString());
        this.recordHints(id, credentials);
      });
    } catch (err) {
      await this.forgetCredentials(id, Object.keys(credentials));
      throw err;
    }
    this.deps.logEvent?.({
      streamId: id,
      kind: 'config',
      level: 'info',
      message: describeCreation(settings, active, copiedFrom, this.sourceName),
    });
    this.deps.changed([id]);
    return this.get(id);
  }

  private readonly sourceName = (id: string): string => this.deps.sourceName?.(id) ?? id;

  async update(
    id: string,
    settings: StreamSettings,
    credentials: CredentialChanges,
  ): Promise<Stream> {
    const before = this.get(id);
    this.assertNameFree(settings.name, id);
    this.assertSourcesExist(settings);
    this.assertKnownCredentials(settings, credentials);
    await this.writeCredentials(id, credentials);
    // A credential the new destination does not use is removed with it.
    const stale = Object.keys(before.credentials).filter(
      (n) => !credentialNames[settings.destination.tool].includes(n),
    );
    this.deps.repo.transaction(() => {
      this.deps.repo.update(id, settings, this.deps.now().toISOString());
      this.recordHints(id, credentials);
      for (const n of stale) this.deps.repo.clearCredentialHint(id, n);
    });
    await this.forgetCredentials(id, stale);
    const after = this.get(id);
    // Both sides as stored: the repository fills defaults (delivery and the
    // like) that the input may leave out, which are not an edit.
    const edit = describeEdit(
      this.settingsOf(before),
      this.settingsOf(after),
      Object.keys(credentials),
      this.sourceName,
    );
    this.deps.logEvent?.({ streamId: id, kind: 'config', level: 'info', message: edit });
    this.deps.changed([id]);
    return after;
  }

  /**
   * A copy under a new name ("<name> (copy)", numbered if taken), with its
   * credentials copied in the keychain. It starts Inactive so that two
   * streams do not suddenly send the same data.
   */
  async duplicate(id: string, name: string | null): Promise<Stream> {
    const original = this.get(id);
    let candidate = name ?? `${original.name} (copy)`;
    for (let i = 2; name === null && this.deps.repo.idForName(candidate) !== null; i++) {
      candidate = `${original.name} (copy ${i})`;
    }
    const credentials: CredentialChanges = {};
    for (const [credential, state] of Object.entries(original.credentials)) {
      if (!state.set) continue;
      const value = await this.deps.tokens.get(credentialAccount(id, credential));
      if (value !== null) credentials[credential] = value;
    }
    const { name: _name, ...rest } = this.settingsOf(original);
    return this.create({ ...rest, name: candidate }, credentials, false, original.name);
  }

  settingsOf(s: Stream): StreamSettings {
    const { name, destination, sourceIds, stage, filter, delivery, processing } = s;
    return { name, destination, sourceIds, stage, filter, delivery, processing };
  }

  /**
   * Gives a stream a credential held only in memory for this run (the demo's
   * token, a token from the environment): never written to the keychain or
   * SQLite; SQLite keeps only that it is set and its safe hint.
   */
  holdCredentialInSession(
    id: string,
    name: string,
    value: string,
    session: SessionTokenStore,
  ): void {
    this.get(id);
    session.holdInMemory(credentialAccount(id, name), value);
    recordCredentialHints(this.deps.repo, id, { [name]: value });
    this.deps.changed([id]);
  }

  setActive(id: string, active: boolean): Stream {
    this.get(id);
    this.deps.repo.setActive(id, active, this.deps.now().toISOString());
    this.deps.changed([id]);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const s = this.get(id);
    this.deps.repo.delete(id);
    // The keyed-hash key goes with the stream; a duplicate never had it (docs/processing.md).
    await this.forgetCredentials(id, [...Object.keys(s.credentials), processingKeyName]);
    this.deps.changed([id]);
  }

  private async forgetCredentials(id: string, names: string[]): Promise<void> {
    await forgetCredentials(this.deps.tokens, id, names);
  }
}
