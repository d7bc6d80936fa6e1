import type { FullPolicy } from '../../engine/buffer/buffer';
import { randomUUID } from 'node:crypto';
import {
  isReceiverSettings,
  sourceCredentialNames,
  sourceKindLabels,
  type Source,
  type SourceConfig,
} from '../../../shared/api/sources';
import { EngineError } from '../../base/errors';
import {
  assertKnownCredentials,
  credentialStates,
  forgetCredentials,
  recordCredentialHints,
  writeCredentials,
  type CredentialChanges,
} from '../credentials/credentials';
import { credentialAccount, type TokenStore } from '../../secrets/token-store';
import type { NewEvent } from '../../engine/events/event-log';
import type { SourceRepository, StoredSource } from './source-repository';

export interface SourceServiceDeps {
  repo: SourceRepository;
  tokens: TokenStore;
  now: () => Date;
  /** The streams that read a source: it cannot be deleted while they do. */
  readersOf: (sourceId: string) => readonly { id: string; name: string }[];
  /**
   * After every change, with the ids that changed. `restart` lists sources
   * whose secrets changed: a running one must start again to use them.
   */
  changed: (ids: string[], restart: string[]) => void;
  /** Stops a source before its configuration (and its file positions) is deleted. */
  stopping?: (id: string) => Promise<void>;
  /** The event log: a source added or removed is an engine-wide Configuration event. */
  logEvent?: (event: NewEvent) => void;
}

function toSource(s: StoredSource): Source {
  return {
    id: s.id,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...s.config,
    credentials: credentialStates(sourceCredentialNames[s.config.settings.kind], s.credentialHints),
  };
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** Create, edit and delete source configurations; a receiver's token goes to the keychain. */
export class SourceService {
  constructor(private readonly deps: SourceServiceDeps) {}

  list(): Source[] {
    return this.deps.repo.list().map(toSource);
  }

  get(id: string): Source {
    const s = this.deps.repo.get(id);
    if (!s)
      throw new EngineError(
        'not-found',
        'That source no longer exists. It may have been deleted in another window.',
      );
    return toSource(s);
  }

  /** Engine only: a stored secret of a source, or null when it is not set. */
  readCredential(id: string, name: string): Promise<string | null> {
    return this.deps.tokens.get(credentialAccount(id, name));
  }

  async create(config: SourceConfig, credentials: CredentialChanges): Promise<Source> {
    this.validate(null, config, credentials);
    const id = randomUUID();
    await writeCredentials(this.deps.tokens, id, credentials);
    try {
      this.deps.repo.transaction(() => {
        this.deps.repo.insert(id, config, this.deps.now().toISOString());
        recordCredentialHints(this.deps.repo, id, credentials);
      });
    } catch (err) {
      await forgetCredentials(this.deps.tokens, id, Object.keys(credentials));
      throw err;
    }
    this.logged(`Source "${config.name}" added (${sourceKindLabels[config.settings.kind]}).`);
    this.deps.changed([id], []);
    return this.get(id);
  }

  private logged(message: string): void {
    this.deps.logEvent?.({ streamId: null, kind: 'config', level: 'info', message });
  }

  /** For sources that take no secret (the defaults): no keychain, so no waiting. */
  /** What happens to this source's writes when the buffer is full; `block` for an unknown source. */
  policyOf(id: string): FullPolicy {
    return this.deps.repo.get(id)?.config.fullPolicy ?? 'block';
  }

  createWithoutSecrets(config: SourceConfig): Source {
    this.validate(null, config, {});
    const id = randomUUID();
    this.deps.repo.insert(id, config, this.deps.now().toISOString());
    this.deps.changed([id], []);
    return this.get(id);
  }

  async update(id: string, config: SourceConfig, credentials: CredentialChanges): Promise<Source> {
    const before = this.get(id);
    this.validate(before, config, credentials);
    await writeCredentials(this.deps.tokens, id, credentials);
    // A credential the new kind does not use is removed with it.
    const known = sourceCredentialNames[config.settings.kind];
    const stale = Object.keys(before.credentials).filter((n) => !known.includes(n));
    this.deps.repo.transaction(() => {
      this.deps.repo.update(id, config, this.deps.now().toISOString());
      recordCredentialHints(this.deps.repo, id, credentials);
      for (const n of stale) this.deps.repo.clearCredentialHint(id, n);
    });
    await forgetCredentials(this.deps.tokens, id, stale);
    const secretsChanged = Object.keys(credentials).length > 0 || stale.length > 0;
    this.deps.changed([id], secretsChanged ? [id] : []);
    return this.get(id);
  }

  /** Refused while streams read the source: deleting it would silently starve them. */
  async delete(id: string): Promise<void> {
    const s = this.get(id);
    const readers = this.deps.readersOf(id);
    if (readers.length > 0) {
      const names = readers.map((r) => r.name);
      throw new EngineError(
        'conflict',
        `The source "${s.name}" is read by ${names.length === 1 ? 'the stream' : 'the streams'} ${quoted(names)}. Remove it from their Source details first.`,
      );
    }
    await this.deps.stopping?.(id);
    try {
      this.deps.repo.delete(id);
    } catch (err) {
      this.deps.changed([], [id]); // still configured: start it again
      throw err;
    }
    await forgetCredentials(this.deps.tokens, id, Object.keys(s.credentials));
    this.logged(`Source "${s.name}" removed (${sourceKindLabels[s.settings.kind]}).`);
    this.deps.changed([id], []);
  }

  private validate(before: Source | null, config: SourceConfig, changes: CredentialChanges): void {
    const other = this.deps.repo.idForName(config.name);
    if (other !== null && other !== before?.id) {
      throw new EngineError(
        'conflict',
        `A source named "${config.name.trim()}" already exists. Choose another name.`,
        [{ path: 'source.name', message: 'This name is already used by another source.' }],
      );
    }
    const settings = config.settings;
    assertKnownCredentials(
      sourceCredentialNames[settings.kind],
      changes,
      `A source of kind "${sourceKindLabels[settings.kind]}"`,
    );
    if (!isReceiverSettings(settings)) return;
    if (settings.requireToken) {
      const change = changes.token;
      const willBeSet =
        change === undefined ? (before?.credentials.token?.set ?? false) : change !== null;
      if (!willBeSet) {
        throw new EngineError(
          'invalid-input',
          'This receiver requires a token but none is set. Enter the token clients must send, or turn off "Require a token".',
          [{ path: 'credentials.token', message: 'Enter the token clients must send.' }],
        );
      }
    }
    if (settings.port === 0) return;
    for (const s of this.list()) {
      const other = s.settings;
      if (s.id === before?.id || !isReceiverSettings(other)) continue;
      if (other.port === settings.port && other.host === settings.host) {
        throw new EngineError(
          'conflict',
          `The receiver "${s.name}" already listens on ${settings.host}:${settings.port}. Choose another port.`,
          [{ path: 'source.settings.port', message: 'This port is used by another receiver.' }],
        );
      }
    }
  }
}
