import type { ConfigApplyResult } from '../../../shared/api/config';
import type { RequestArgument } from '../../../shared/api/contract';
import type { Source } from '../../../shared/api/sources';
import type { Stream } from '../../../shared/api/streams';
import {
  diffConfig,
  hasChanges,
  sortIssues,
  validateConfig,
  type ConfigDocument,
} from '../../../shared/config';
import { credentialHint } from '../../../shared/destinations/credential-hint';
import type { CredentialHintStore } from '../credentials/credentials';
import type { SessionTokenStore } from '../../secrets/session-token-store';
import { credentialAccount } from '../../secrets/token-store';
import type { SourceRepository } from '../sources/source-repository';
import type { StreamRepository } from '../streams/stream-repository';
import { applyConfig, type Applied } from './apply-config';
import { readConfigState } from './config-state';
import type { CredentialEnvStore } from './credential-env-store';
import { checkAgainstState, envValue } from './state-checks';

export interface ConfigServiceDeps {
  streamRepo: StreamRepository;
  sourceRepo: SourceRepository;
  envStore: CredentialEnvStore;
  streams: { list(): Stream[] };
  sources: { list(): Source[] };
  tokens: SessionTokenStore;
  /** Where {"env": ...} references are read: the engine's own environment. */
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** After a file was applied: bring sources and exporters in line, tell the windows. */
  applied: (applied: Applied, summary: string) => void;
}

/** "1 source created, 2 streams updated" */
function summarize(result: ConfigApplyResult): string {
  const parts: string[] = [];
  for (const kind of ['source', 'stream'] as const) {
    for (const action of ['create', 'update'] as const) {
      const n = result.changes.filter((c) => c.kind === kind && c.action === action).length;
      if (n > 0) parts.push(`${n} ${kind}${n === 1 ? '' : 's'} ${action}d`);
    }
  }
  return parts.join(', ');
}

/**
 * Configuration as a file (docs/config.md): export the data folder's
 * sources and streams, and apply a file to it, all or nothing. Credentials
 * from the environment are read here too, when the engine opens.
 */
export class ConfigService {
  constructor(private readonly deps: ConfigServiceDeps) {}

  private state() {
    return readConfigState(this.deps);
  }

  export(): ConfigDocument {
    return this.state().document;
  }

  async apply(input: RequestArgument<'config.apply'>): Promise<ConfigApplyResult> {
    const state = this.state();
    const validated = validateConfig(input.document, {
      existingSourceNames: state.sources.map((s) => s.name),
    });
    const checked = checkAgainstState(state, {
      sources: validated.sources,
      streams: validated.streams,
      secrets: input.secrets,
      requireEnv: input.requireEnv,
      env: this.deps.env,
    });
    const errors = sortIssues([...validated.errors, ...checked.errors]);
    const warnings = sortIssues([...validated.warnings, ...checked.warnings]);
    const document = validated.document;
    if (errors.length > 0 || !document) {
      return { valid: false, applied: false, errors, warnings, changes: [] };
    }
    const changes = diffConfig(state.document, document, input.secrets);
    const result: ConfigApplyResult = { valid: true, applied: false, errors, warnings, changes };
    if (input.dryRun || !hasChanges(changes)) return result;

    const changed = (kind: 'source' | 'stream', i: number) =>
      changes.filter((c) => c.kind === kind)[i]?.action !== 'unchanged';
    const applied = await applyConfig(this.deps, state, {
      sources: document.sources.map((value, i) => ({ value, changed: changed('source', i) })),
      streams: document.streams.map((value, i) => ({ value, changed: changed('stream', i) })),
      secrets: input.secrets,
    });
    result.applied = true;
    this.deps.applied(applied, summarize(result));
    return result;
  }

  /**
   * When the engine opens, before anything runs: every credential the
   * configuration reads from the environment is read now and held in memory.
   * Returns the references whose variable is not set, for the event log.
   */
  loadFromEnvironment(): { owner: string; variable: string }[] {
    const missing: { owner: string; variable: string }[] = [];
    for (const ref of this.deps.envStore.all()) {
      const stream = this.deps.streamRepo.get(ref.ownerId);
      const source = stream ? null : this.deps.sourceRepo.get(ref.ownerId);
      const hints: CredentialHintStore | null = stream
        ? this.deps.streamRepo
        : source
          ? this.deps.sourceRepo
          : null;
      if (!hints) continue;
      const owner = stream
        ? `the stream "${stream.settings.name}"`
        : `the source "${source!.config.name}"`;
      const value = envValue(this.deps.env, ref.variable);
      if (value === null) {
        hints.clearCredentialHint(ref.ownerId, ref.name);
        missing.push({ owner, variable: ref.variable });
        continue;
      }
      this.deps.tokens.holdInMemory(credentialAccount(ref.ownerId, ref.name), value);
      hints.setCredentialHint(ref.ownerId, ref.name, credentialHint(value));
    }
    return missing;
  }

  /** The variable a credential is read from, if it is. */
  envVariableOf(ownerId: string, name: string): string | null {
    return this.deps.envStore.get(ownerId, name);
  }
}
