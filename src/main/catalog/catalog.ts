import type { ConfigApplyResult } from '../../shared/api/config';
import type { RequestArgument } from '../../shared/api/contract';
import type { Source, SourceConfig } from '../../shared/api/sources';
import type { Stream, StreamSettings } from '../../shared/api/streams';
import type { ConfigDocument } from '../../shared/config';
import type { StateStore } from '../engine';
import type { FullPolicy, Store } from '../engine/ports';
import type { SessionTokenStore } from '../secrets/session-token-store';
import type { CatalogChange } from './catalog-change';
import { ConfigService } from './config/config-service';
import { CredentialEnvStore } from './credentials/credential-env-store';
import { CredentialVault } from './credentials/credential-vault';
import type { CredentialChanges } from './credentials/credentials';
import { DefinitionWriter } from './definition-writer';
import { ensureDefaultSources, ensureSampleSource } from './sources/defaults';
import { SourceRepository } from './sources/source-repository';
import { SourceService } from './sources/source-service';
import { StreamRepository } from './streams/stream-repository';
import { settingsOf, StreamService } from './streams/stream-service';

export interface CatalogOptions {
  store: Store;
  /** The keychain, plus credentials held only in memory (demo, environment). */
  tokens: SessionTokenStore;
  /** Where {"env": ...} credentials are read (docs/config.md). */
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Remembers that the default sources were created (docs/sources.md, "Defaults"). */
  state: StateStore;
}

/**
 * Stream and source definitions, their credentials and configuration files
 * (docs/config.md): every read and every change of a definition goes
 * through here, and every change through one writer (DefinitionWriter).
 * Who runs what is defined (the app) listens with `onChange`.
 */
export class Catalog {
  private readonly listeners = new Set<(change: CatalogChange) => void>();
  private readonly streams: StreamService;
  private readonly sources: SourceService;
  private readonly config: ConfigService;
  private readonly vault: CredentialVault;

  constructor(private readonly o: CatalogOptions) {
    const db = o.store.db;
    const streamRepo = new StreamRepository(db);
    const sourceRepo = new SourceRepository(db);
    const envRefs = new CredentialEnvStore(db);
    const changed = (change: CatalogChange) => this.changed(change);
    const writer = new DefinitionWriter({
      store: o.store,
      streams: streamRepo,
      sources: sourceRepo,
      envRefs,
      tokens: o.tokens,
      now: o.now,
    });
    this.vault = new CredentialVault(o.tokens, envRefs);
    const sources = new SourceService({
      repo: sourceRepo,
      writer,
      readersOf: (id) =>
        streamRepo
          .list()
          .filter((s) => s.sourceIds.includes(id))
          .map((s) => ({ id: s.id, name: s.name })),
      changed,
    });
    this.sources = sources;
    this.streams = new StreamService({
      repo: streamRepo,
      writer,
      vault: this.vault,
      sourceExists: (id) => sourceRepo.get(id) !== null,
      sourceName: (id) => sourceRepo.get(id)?.name ?? null,
      changed,
    });
    this.config = new ConfigService({
      streams: this.streams,
      sources,
      writer,
      vault: this.vault,
      envRefs,
      tokens: o.tokens,
      env: o.env,
      changed,
    });
  }

  /** Called after every change, once it is committed. */
  onChange(listener: (change: CatalogChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: CatalogChange): void {
    for (const l of this.listeners) l(change);
  }

  // --- Streams ---

  listStreams(): Stream[] {
    return this.streams.list();
  }

  getStream(id: string): Stream {
    return this.streams.get(id);
  }

  createStream(settings: StreamSettings, credentials: CredentialChanges, active: boolean) {
    return this.streams.create(settings, credentials, active);
  }

  updateStream(id: string, settings: StreamSettings, credentials: CredentialChanges) {
    return this.streams.update(id, settings, credentials);
  }

  duplicateStream(id: string, name: string | null): Promise<Stream> {
    return this.streams.duplicate(id, name);
  }

  setStreamActive(id: string, active: boolean): Stream {
    return this.streams.setActive(id, active);
  }

  deleteStream(id: string): Promise<void> {
    return this.streams.delete(id);
  }

  /** A credential held in memory for this run only (the demo's token). */
  holdStreamCredential(id: string, name: string, value: string): void {
    this.streams.holdInSession(id, name, value);
  }

  settingsOf(stream: Stream): StreamSettings {
    return settingsOf(stream);
  }

  // --- Sources ---

  listSources(): Source[] {
    return this.sources.list();
  }

  getSource(id: string): Source {
    return this.sources.get(id);
  }

  createSource(config: SourceConfig, credentials: CredentialChanges): Promise<Source> {
    return this.sources.create(config, credentials);
  }

  /** For sources that take no secret: no keychain, so no waiting. */
  createSourceWithoutSecrets(config: SourceConfig): Source {
    return this.sources.createWithoutSecrets(config);
  }

  updateSource(id: string, config: SourceConfig, credentials: CredentialChanges) {
    return this.sources.update(id, config, credentials);
  }

  /** Refused while streams read it; `stopping` stops it before its definition goes. */
  deleteSource(id: string, stopping: () => Promise<void>): Promise<void> {
    return this.sources.delete(id, stopping);
  }

  policyOf(sourceId: string): FullPolicy {
    return this.sources.policyOf(sourceId);
  }

  /** The sources a new data folder starts with, once (docs/sources.md, "Defaults"). */
  ensureDefaultSources(): void {
    ensureDefaultSources(this.o.state, this.sources);
  }

  /** A sample-data source for the demo: the first one, or a new one. */
  ensureSampleSource(): Source {
    return ensureSampleSource(this.sources);
  }

  // --- Credentials (engine only: values never leave it) ---

  streamCredentials(stream: Stream): Promise<Record<string, string>> {
    return this.vault.streamCredentials(stream);
  }

  sourceCredential(sourceId: string, name: string): Promise<string | null> {
    const source = this.sources.list().find((s) => s.id === sourceId);
    const set = source?.credentials[name]?.set ?? false;
    return this.vault.sourceCredential(sourceId, name, set);
  }

  /** Reads every {"env"} credential now; returns those whose variable is not set. */
  loadFromEnvironment(): { owner: string; variable: string }[] {
    return this.config.loadFromEnvironment();
  }

  // --- Configuration files ---

  exportConfig(): ConfigDocument {
    return this.config.export();
  }

  applyConfig(input: RequestArgument<'config.apply'>): Promise<ConfigApplyResult> {
    return this.config.apply(input);
  }
}
