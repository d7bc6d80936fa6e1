import { randomUUID } from 'node:crypto';
import { credentialNames } from '../../../shared/destinations/schema';
import type { Stream, StreamSettings } from '../../../shared/api/streams';
import { EngineError } from '../../base/errors';
import { processingKeyName } from '../../secrets/processing-key';
import { configEvent, type CatalogChange } from '../catalog-change';
import type { CredentialVault } from '../credentials/credential-vault';
import {
  assertKnownCredentials,
  editWrites,
  clearAll,
  writesOf,
  type CredentialChanges,
} from '../credentials/credentials';
import type { DefinitionWriter } from '../definition-writer';
import type { StreamRepository } from './stream-repository';
import { DefinitionReads } from '../definition-table';
import { describeCreation, describeEdit } from './describe-change';

export interface StreamServiceDeps {
  repo: StreamRepository;
  writer: DefinitionWriter;
  vault: CredentialVault;
  /** Whether a source id names a defined source. */
  sourceExists: (id: string) => boolean;
  /** Source names, for saying what a stream reads. */
  sourceName: (id: string) => string | null;
  changed: (change: CatalogChange) => void;
}

export function settingsOf(s: Stream): StreamSettings {
  const { name, destination, sourceIds, stage, filter, delivery, processing } = s;
  return { name, destination, sourceIds, stage, filter, delivery, processing };
}

/**
 * Stream definitions as requests change them: checked here, written by the
 * catalog's one writer (credentials to the keychain first), and logged as
 * configuration events.
 */
export class StreamService extends DefinitionReads<Stream> {
  constructor(private readonly d: StreamServiceDeps) {
    super(d.repo);
  }

  private check(settings: StreamSettings, changes: CredentialChanges, id: string | null): void {
    this.d.repo.assertNameFree(settings.name, id, 'settings.name');
    const issues = settings.sourceIds.flatMap((sourceId, i) =>
      this.d.sourceExists(sourceId)
        ? []
        : [
            {
              path: `settings.sourceIds[${i}]`,
              message: `There is no source with the id "${sourceId}".`,
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
    const tool = settings.destination.tool;
    assertKnownCredentials(credentialNames[tool], changes, tool);
  }

  private readonly sourceName = (id: string): string => this.d.sourceName(id) ?? id;

  async create(
    settings: StreamSettings,
    credentials: CredentialChanges,
    active: boolean,
    copiedFrom: string | null = null,
  ): Promise<Stream> {
    this.check(settings, credentials, null);
    const id = randomUUID();
    await this.d.writer.write({
      streams: [
        { id, row: { op: 'insert', settings, active }, credentials: writesOf(credentials) },
      ],
    });
    const message = describeCreation(settings, active, copiedFrom, this.sourceName);
    this.d.changed({ events: [configEvent(id, message)], streams: [id] });
    return this.get(id);
  }

  async update(id: string, settings: StreamSettings, changes: CredentialChanges): Promise<Stream> {
    const before = this.get(id);
    this.check(settings, changes, id);
    const known = credentialNames[settings.destination.tool];
    const credentials = editWrites(before.credentials, known, changes);
    await this.d.writer.write({
      streams: [{ id, row: { op: 'update', settings }, credentials }],
    });
    const after = this.get(id);
    // Both sides as stored: the repository fills defaults (delivery and the
    // like) that the input may leave out, which are not an edit.
    const edit = describeEdit(
      settingsOf(before),
      settingsOf(after),
      Object.keys(changes),
      this.sourceName,
    );
    this.d.changed({ events: [configEvent(id, edit)], streams: [id] });
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
    for (let i = 2; name === null && this.d.repo.idForName(candidate) !== null; i++) {
      candidate = `${original.name} (copy ${i})`;
    }
    const credentials: CredentialChanges = {};
    for (const [credential, state] of Object.entries(original.credentials)) {
      if (!state.set) continue;
      const found = await this.d.vault.lookup(id, credential, true);
      if ('found' in found) credentials[credential] = found.found;
    }
    const { name: _name, ...rest } = settingsOf(original);
    return this.create({ ...rest, name: candidate }, credentials, false, original.name);
  }

  /**
   * Gives a stream a credential held only in memory for this run (the demo's
   * token): never written to the keychain or SQLite; SQLite keeps only that
   * it is set and its safe hint.
   */
  holdInSession(id: string, name: string, value: string): void {
    this.get(id);
    this.d.writer.writeNow({
      streams: [{ id, credentials: { [name]: { kind: 'session', value } } }],
    });
    this.d.changed({ streams: [id] });
  }

  setActive(id: string, active: boolean): Stream {
    this.get(id);
    this.d.writer.writeNow({ streams: [{ id, row: { op: 'update', active } }] });
    this.d.changed({ streams: [id] });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const s = this.get(id);
    // The keyed-hash key goes with the stream; a duplicate never had it (docs/processing.md).
    const credentials = clearAll([...Object.keys(s.credentials), processingKeyName]);
    await this.d.writer.write({ streams: [{ id, row: { op: 'delete' }, credentials }] });
    this.d.changed({ streams: [id] });
  }
}
