import { randomUUID } from 'node:crypto';
import type { RequestArgument } from '../../../shared/api/contract';
import { sourceCredentialNames } from '../../../shared/api/sources';
import type { StreamSettings } from '../../../shared/api/streams';
import type { ConfigSource, ConfigStream, CredentialRefs } from '../../../shared/config';
import { credentialHint } from '../../../shared/destinations/credential-hint';
import { credentialNames } from '../../../shared/destinations/schema';
import { EngineError } from '../../base/errors';
import type { CredentialHintStore } from '../credentials/credentials';
import { forgetCredentials } from '../credentials/credentials';
import type { SessionTokenStore } from '../../secrets/session-token-store';
import { credentialAccount } from '../../secrets/token-store';
import type { SourceRepository } from '../sources/source-repository';
import type { StreamRepository } from '../streams/stream-repository';
import { findByName, type ConfigState } from './config-state';
import type { CredentialEnvStore } from './credential-env-store';
import { envValue } from './state-checks';

type Secret = RequestArgument<'config.apply'>['secrets'][number];

export interface ApplyDeps {
  streamRepo: StreamRepository;
  sourceRepo: SourceRepository;
  envStore: CredentialEnvStore;
  tokens: SessionTokenStore;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export interface ApplyPlan {
  sources: { value: ConfigSource; changed: boolean }[];
  streams: { value: ConfigStream; changed: boolean }[];
  secrets: readonly Secret[];
}

export interface Applied {
  streamIds: string[];
  sourceIds: string[];
  /** Sources whose secrets changed: a running one restarts to use them. */
  restartSourceIds: string[];
}

/** What happens to one credential once the transaction commits. */
interface AfterCommit {
  account: string;
  /** Hold this value in memory (an env reference whose variable is set). */
  hold: string | null;
  /** It was in the keychain and no longer is the file's choice: remove it there. */
  forgetKeychain: boolean;
  /** It was held in memory and no longer should be. */
  releaseMemory: boolean;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Applies a validated file all or nothing:
 * 1. secrets supplied with it go to the keychain first (the keychain cannot
 *    join a transaction), remembering what they replace;
 * 2. every source, stream, hint and env reference changes in one SQLite
 *    transaction; if it fails, step 1 is undone;
 * 3. only then is anything held in memory or removed from the keychain.
 */
export async function applyConfig(
  deps: ApplyDeps,
  state: ConfigState,
  plan: ApplyPlan,
): Promise<Applied> {
  const idOfSource = new Map<string, string>();
  for (const s of state.sources) idOfSource.set(s.name.toLowerCase(), s.id);
  const sourceIds = plan.sources.map(({ value }) => {
    const id = findByName(state.sources, value.name)?.id ?? randomUUID();
    idOfSource.set(value.name.toLowerCase(), id);
    return id;
  });
  const streamIds = plan.streams.map(
    ({ value }) => findByName(state.streams, value.name)?.id ?? randomUUID(),
  );

  const undo = await writeSecrets(deps, plan, streamIds);
  const after: AfterCommit[] = [];
  const restartSourceIds: string[] = [];
  const now = deps.now().toISOString();
  try {
    deps.streamRepo.transaction(() => {
      plan.sources.forEach(({ value, changed }, i) => {
        const id = sourceIds[i]!;
        const existing = findByName(state.sources, value.name);
        const config = { name: value.name, settings: value.settings, fullPolicy: value.fullPolicy };
        if (!existing) deps.sourceRepo.insert(id, config, now);
        else if (changed) deps.sourceRepo.update(id, config, now);
        const known = sourceCredentialNames[value.settings.kind];
        const steps = credentialSteps(
          deps,
          state,
          deps.sourceRepo,
          id,
          value.credentials,
          known,
          existing?.credentials ?? {},
          [],
        );
        if (steps.length > 0) restartSourceIds.push(id);
        after.push(...steps);
      });
      plan.streams.forEach(({ value, changed }, i) => {
        const id = streamIds[i]!;
        const existing = findByName(state.streams, value.name);
        const settings: StreamSettings = {
          name: value.name,
          destination: value.destination,
          sourceIds: value.sources.map((n) => idOfSource.get(n.toLowerCase())!),
          stage: value.stage,
          filter: value.filter,
          delivery: value.delivery,
          processing: value.processing,
        };
        if (!existing) deps.streamRepo.insert(id, settings, value.active, now);
        else if (changed) {
          deps.streamRepo.update(id, settings, now);
          if (existing.active !== value.active) deps.streamRepo.setActive(id, value.active, now);
        }
        const secrets = plan.secrets.filter((s) => sameName(s.stream, value.name));
        const known = credentialNames[value.destination.tool];
        after.push(
          ...credentialSteps(
            deps,
            state,
            deps.streamRepo,
            id,
            value.credentials,
            known,
            existing?.credentials ?? {},
            secrets,
          ),
        );
      });
    });
  } catch (err) {
    await undo();
    throw err;
  }

  for (const step of after) {
    if (step.releaseMemory) deps.tokens.releaseFromMemory(step.account);
    if (step.forgetKeychain) {
      const [ownerId = '', name = ''] = step.account.split('/');
      await forgetCredentials(deps.tokens, ownerId, [name]);
    }
    if (step.hold !== null) deps.tokens.holdInMemory(step.account, step.hold);
  }
  return {
    streamIds: streamIds.filter((_, i) => plan.streams[i]!.changed),
    sourceIds: sourceIds.filter((_, i) => plan.sources[i]!.changed),
    restartSourceIds,
  };
}

/**
 * Inside the transaction: hints and env references of one owner's
 * credentials. Returns what to do with memory and keychain after the commit.
 */
function credentialSteps(
  deps: ApplyDeps,
  state: ConfigState,
  hints: CredentialHintStore,
  ownerId: string,
  refs: CredentialRefs,
  known: readonly string[],
  before: Record<string, { set: boolean }>,
  secrets: readonly Secret[],
): AfterCommit[] {
  const steps: AfterCommit[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(refs)])) {
    const account = credentialAccount(ownerId, name);
    const current = state.refOf(ownerId, name);
    const wasKeychain = current !== null && 'keychain' in current;
    const wasMemory = deps.tokens.isInMemory(account);
    const secret = secrets.find((s) => s.credential === name);
    if (!known.includes(name)) {
      // The tool or kind changed and no longer takes this credential.
      if (!before[name]?.set && current === null) continue;
      hints.clearCredentialHint(ownerId, name);
      deps.envStore.clear(ownerId, name);
      steps.push({ account, hold: null, forgetKeychain: wasKeychain, releaseMemory: wasMemory });
      continue;
    }
    if (secret) {
      // Already in the keychain (writeSecrets); the file's reference is the keychain.
      hints.setCredentialHint(ownerId, name, credentialHint(secret.value));
      deps.envStore.clear(ownerId, name);
      continue;
    }
    const ref = refs[name];
    if (!ref || 'keychain' in ref) continue; // kept as it is, or already stored
    if (current !== null && 'env' in current && current.env === ref.env && wasMemory) continue;
    const value = envValue(deps.env, ref.env);
    deps.envStore.set(ownerId, name, ref.env);
    if (value !== null) hints.setCredentialHint(ownerId, name, credentialHint(value));
    else hints.clearCredentialHint(ownerId, name);
    steps.push({ account, hold: value, forgetKeychain: wasKeychain, releaseMemory: wasMemory });
  }
  return steps;
}

/** Step 1: supplied secrets into the keychain; returns how to put back what was there. */
async function writeSecrets(
  deps: ApplyDeps,
  plan: ApplyPlan,
  streamIds: readonly string[],
): Promise<() => Promise<void>> {
  const restores: (() => Promise<void>)[] = [];
  const undo = async () => {
    for (const restore of restores.reverse()) await restore().catch(() => undefined);
  };
  if (plan.secrets.length === 0) return undo;
  const status = await deps.tokens.status();
  if (!status.available) {
    throw new EngineError(
      'keychain-unavailable',
      `Nothing was changed: the token cannot be stored. ${status.message ?? ''}`.trim(),
    );
  }
  try {
    for (const secret of plan.secrets) {
      const i = plan.streams.findIndex((s) => sameName(s.value.name, secret.stream));
      const account = credentialAccount(streamIds[i]!, secret.credential);
      const inMemory = deps.tokens.isInMemory(account);
      const previous = await deps.tokens.get(account);
      await deps.tokens.set(account, secret.value);
      restores.push(async () => {
        if (previous === null) await deps.tokens.delete(account);
        else if (inMemory) {
          await deps.tokens.delete(account);
          deps.tokens.holdInMemory(account, previous);
        } else await deps.tokens.set(account, previous);
      });
    }
  } catch (err) {
    await undo();
    throw new EngineError(
      'keychain-unavailable',
      `Nothing was changed: the keychain refused the token. ${(err as Error).message}`,
    );
  }
  return undo;
}
