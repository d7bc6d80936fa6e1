import { randomUUID } from 'node:crypto';
import {
  sourceCredentialNames,
  sourceKindLabels,
  type Source,
  type SourceConfig,
} from '../../../shared/api/sources';
import { EngineError } from '../../base/errors';
import type { FullPolicy } from '../../engine/ports';
import { configEvent, type CatalogChange } from '../catalog-change';
import { lacksRequiredToken, listenersOf, portTakenBy } from '../checks';
import {
  assertKnownCredentials,
  editWrites,
  clearAll,
  writesOf,
  type CredentialChanges,
} from '../credentials/credentials';
import type { DefinitionWriter } from '../definition-writer';
import type { SourceRepository } from './source-repository';
import { DefinitionReads } from '../definition-table';

export interface SourceServiceDeps {
  repo: SourceRepository;
  writer: DefinitionWriter;
  /** The streams that read a source: it cannot be deleted while they do. */
  readersOf: (sourceId: string) => readonly { id: string; name: string }[];
  changed: (change: CatalogChange) => void;
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** Source definitions as requests change them; a receiver's token goes to the keychain first. */
export class SourceService extends DefinitionReads<Source> {
  constructor(private readonly d: SourceServiceDeps) {
    super(d.repo);
  }

  /** What happens to this source's writes when the buffer is full; `block` for an unknown source. */
  policyOf(id: string): FullPolicy {
    return this.d.repo.get(id)?.fullPolicy ?? 'block';
  }

  async create(config: SourceConfig, credentials: CredentialChanges): Promise<Source> {
    this.check(null, config, credentials);
    const id = randomUUID();
    const row = { op: 'insert', config } as const;
    await this.d.writer.write({ sources: [{ id, row, credentials: writesOf(credentials) }] });
    const added = `Source "${config.name}" added (${sourceKindLabels[config.settings.kind]}).`;
    this.d.changed({ events: [configEvent(null, added)], sources: { ids: [id], restart: [] } });
    return this.get(id);
  }

  /** For sources that take no secret (the defaults): no keychain, so no waiting. */
  createWithoutSecrets(config: SourceConfig): Source {
    this.check(null, config, {});
    const id = randomUUID();
    this.d.writer.writeNow({ sources: [{ id, row: { op: 'insert', config } }] });
    this.d.changed({ sources: { ids: [id], restart: [] } });
    return this.get(id);
  }

  async update(id: string, config: SourceConfig, changes: CredentialChanges): Promise<Source> {
    const before = this.get(id);
    this.check(before, config, changes);
    const known = sourceCredentialNames[config.settings.kind];
    const credentials = editWrites(before.credentials, known, changes);
    await this.d.writer.write({ sources: [{ id, row: { op: 'update', config }, credentials }] });
    // A running receiver starts again to use a changed secret.
    const restart = Object.keys(credentials).length > 0 ? [id] : [];
    this.d.changed({ sources: { ids: [id], restart } });
    return this.get(id);
  }

  /**
   * Refused while streams read the source: deleting it would silently starve
   * them. `stopping` stops it first, so it writes nothing more.
   */
  async delete(id: string, stopping: () => Promise<void>): Promise<void> {
    const s = this.get(id);
    const readers = this.d.readersOf(id);
    if (readers.length > 0) {
      const names = readers.map((r) => r.name);
      throw new EngineError(
        'conflict',
        `The source "${s.name}" is read by ${names.length === 1 ? 'the stream' : 'the streams'} ${quoted(names)}. Remove it from their Source details first.`,
      );
    }
    await stopping();
    const credentials = clearAll(Object.keys(s.credentials));
    try {
      await this.d.writer.write({ sources: [{ id, row: { op: 'delete' }, credentials }] });
    } catch (err) {
      this.d.changed({ sources: { ids: [], restart: [id] } }); // still defined: start it again
      throw err;
    }
    const removed = `Source "${s.name}" removed (${sourceKindLabels[s.settings.kind]}).`;
    this.d.changed({ events: [configEvent(null, removed)], sources: { ids: [id], restart: [] } });
  }

  private check(before: Source | null, config: SourceConfig, changes: CredentialChanges): void {
    this.d.repo.assertNameFree(config.name, before?.id ?? null, 'source.name');
    const settings = config.settings;
    assertKnownCredentials(
      sourceCredentialNames[settings.kind],
      changes,
      `A source of kind "${sourceKindLabels[settings.kind]}"`,
    );
    const change = changes.token;
    const tokenWillBeSet =
      change === undefined ? (before?.credentials.token?.set ?? false) : change !== null;
    if (lacksRequiredToken(settings, tokenWillBeSet)) {
      throw new EngineError(
        'invalid-input',
        'This receiver requires a token but none is set. Enter the token clients must send, or turn off "Require a token".',
        [{ path: 'credentials.token', message: 'Enter the token clients must send.' }],
      );
    }
    const [self] = listenersOf([config]);
    const others = listenersOf(this.list().filter((s) => s.id !== before?.id));
    const clash = self ? portTakenBy(self, others) : null;
    if (clash && self) {
      throw new EngineError(
        'conflict',
        `The receiver "${clash.name}" already listens on ${self.host}:${self.port}. Choose another port.`,
        [{ path: 'source.settings.port', message: 'This port is used by another receiver.' }],
      );
    }
  }
}
