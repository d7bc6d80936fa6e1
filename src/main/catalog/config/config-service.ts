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
import { EngineError } from '../../base/errors';
import type { SessionTokenStore } from '../../secrets/session-token-store';
import type { CatalogChange } from '../catalog-change';
import type { CredentialEnvStore } from '../credentials/credential-env-store';
import type { CredentialVault } from '../credentials/credential-vault';
import { envValue } from '../credentials/credentials';
import type { DefinitionPlan, DefinitionWriter } from '../definition-writer';
import { planConfig } from './apply-config';
import { readConfigState } from './config-state';
import { checkAgainstState } from './state-checks';

export interface ConfigServiceDeps {
  streams: { list(): Stream[]; get(id: string): Stream };
  sources: { list(): Source[]; get(id: string): Source };
  writer: DefinitionWriter;
  vault: CredentialVault;
  envRefs: CredentialEnvStore;
  tokens: SessionTokenStore;
  /** Where {"env": ...} references are read: the engine's own environment. */
  env: NodeJS.ProcessEnv;
  changed: (change: CatalogChange) => void;
}

/** "1 source created, 2 streams updated" */
export function summarizeApply(result: ConfigApplyResult): string {
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
 * sources and streams, and apply a file to it, all or nothing, through the
 * catalog's one writer. Credentials from the environment are read here
 * too, when the engine opens.
 */
export class ConfigService {
  constructor(private readonly d: ConfigServiceDeps) {}

  private state() {
    return readConfigState(this.d);
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
      env: this.d.env,
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
    const { write, applied } = planConfig(
      state,
      {
        sources: document.sources.map((value, i) => ({ value, changed: changed('source', i) })),
        streams: document.streams.map((value, i) => ({ value, changed: changed('stream', i) })),
        secrets: input.secrets,
      },
      this.d.tokens,
      this.d.env,
    );
    await this.write(write, input.secrets.length > 0);
    result.applied = true;
    this.d.changed({
      sources: { ids: applied.sourceIds, restart: applied.restartSourceIds },
      streams: applied.streamIds,
    });
    return result;
  }

  /** The writer, with a refusing keychain said the way a file's import says it. */
  private async write(plan: DefinitionPlan, storesSecrets: boolean): Promise<void> {
    if (storesSecrets) {
      const status = await this.d.tokens.status();
      if (!status.available) {
        throw new EngineError(
          'keychain-unavailable',
          `Nothing was changed: the token cannot be stored. ${status.message ?? ''}`.trim(),
        );
      }
    }
    await this.d.writer.write(plan, (err) => {
      return new EngineError(
        'keychain-unavailable',
        `Nothing was changed: the keychain refused the token. ${(err as Error).message}`,
      );
    });
  }

  /**
   * When the engine opens, before anything runs: every credential the
   * configuration reads from the environment is read now and held in memory
   * (through the writer, like any other change of a credential). Returns
   * the references whose variable is not set, for the event log.
   */
  loadFromEnvironment(): { owner: string; variable: string }[] {
    const missing: { owner: string; variable: string }[] = [];
    const plan: Required<DefinitionPlan> = { sources: [], streams: [] };
    const ids = {
      streams: new Set(this.d.streams.list().map((s) => s.id)),
      sources: new Set(this.d.sources.list().map((s) => s.id)),
    };
    for (const ref of this.d.envRefs.all()) {
      const kind = ids.streams.has(ref.ownerId)
        ? 'streams'
        : ids.sources.has(ref.ownerId)
          ? 'sources'
          : null;
      if (!kind) continue;
      const value = envValue(this.d.env, ref.variable);
      if (value === null) {
        const owner =
          kind === 'streams'
            ? `the stream "${this.d.streams.get(ref.ownerId).name}"`
            : `the source "${this.d.sources.get(ref.ownerId).name}"`;
        missing.push({ owner, variable: ref.variable });
      }
      const credentials = { [ref.name]: { kind: 'env', variable: ref.variable, value } as const };
      plan[kind].push({ id: ref.ownerId, credentials });
    }
    this.d.writer.writeNow(plan);
    return missing;
  }
}
