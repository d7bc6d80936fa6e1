import { randomUUID } from 'node:crypto';
import type { RequestArgument } from '../../../shared/api/contract';
import { sourceCredentialNames } from '../../../shared/api/sources';
import type { StreamSettings } from '../../../shared/api/streams';
import type { ConfigSource, ConfigStream, CredentialRefs } from '../../../shared/config';
import { credentialNames } from '../../../shared/destinations/schema';
import type { SessionTokenStore } from '../../secrets/session-token-store';
import { credentialAccount } from '../../secrets/token-store';
import { envValue, type CredentialWrites } from '../credentials/credentials';
import type {
  DefinitionPlan,
  OwnerWrite,
  SourceRowWrite,
  StreamRowWrite,
} from '../definition-writer';
import { findByName, type ConfigState } from './config-state';

type Secret = RequestArgument<'config.apply'>['secrets'][number];

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

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A validated file as one write for the catalog's writer (all or nothing):
 * each source and stream by name, inserted or updated if the file changes
 * it, with what the file says about its credentials.
 */
export function planConfig(
  state: ConfigState,
  plan: ApplyPlan,
  tokens: SessionTokenStore,
  env: NodeJS.ProcessEnv,
): { write: DefinitionPlan; applied: Applied } {
  const idOfSource = new Map<string, string>();
  for (const s of state.sources) idOfSource.set(s.name.toLowerCase(), s.id);
  const sources: OwnerWrite<SourceRowWrite>[] = [];
  const streams: OwnerWrite<StreamRowWrite>[] = [];
  const applied: Applied = { streamIds: [], sourceIds: [], restartSourceIds: [] };
  const context = { state, tokens, env };

  for (const { value, changed } of plan.sources) {
    const existing = findByName(state.sources, value.name);
    const id = existing?.id ?? randomUUID();
    idOfSource.set(value.name.toLowerCase(), id);
    const config = { name: value.name, settings: value.settings, fullPolicy: value.fullPolicy };
    const credentials = credentialWrites(context, id, {
      refs: value.credentials,
      known: sourceCredentialNames[value.settings.kind],
      before: existing?.credentials ?? {},
      secrets: [],
    });
    // A source whose secrets change starts again to use them.
    if (Object.keys(credentials).length > 0) applied.restartSourceIds.push(id);
    const row: SourceRowWrite | undefined = !existing
      ? { op: 'insert', config }
      : changed
        ? { op: 'update', config }
        : undefined;
    sources.push({ id, ...(row ? { row } : {}), credentials });
    if (changed) applied.sourceIds.push(id);
  }

  for (const { value, changed } of plan.streams) {
    const existing = findByName(state.streams, value.name);
    const id = existing?.id ?? randomUUID();
    const settings: StreamSettings = {
      name: value.name,
      destination: value.destination,
      sourceIds: value.sources.map((n) => idOfSource.get(n.toLowerCase())!),
      stage: value.stage,
      filter: value.filter,
      delivery: value.delivery,
      processing: value.processing,
    };
    const credentials = credentialWrites(context, id, {
      refs: value.credentials,
      known: credentialNames[value.destination.tool],
      before: existing?.credentials ?? {},
      secrets: plan.secrets.filter((s) => sameName(s.stream, value.name)),
    });
    const row: StreamRowWrite | undefined = !existing
      ? { op: 'insert', settings, active: value.active }
      : changed
        ? {
            op: 'update',
            settings,
            ...(existing.active !== value.active ? { active: value.active } : {}),
          }
        : undefined;
    streams.push({ id, ...(row ? { row } : {}), credentials });
    if (changed) applied.streamIds.push(id);
  }
  return { write: { sources, streams }, applied };
}

/**
 * What the file asks of one owner's credentials: a value supplied with it
 * goes to the keychain; an {"env"} reference is read now (and kept as it is
 * when it names the variable already held); {"keychain": true} keeps what is
 * stored; one the tool or kind no longer takes is removed.
 */
function credentialWrites(
  context: { state: ConfigState; tokens: SessionTokenStore; env: NodeJS.ProcessEnv },
  ownerId: string,
  o: {
    refs: CredentialRefs;
    known: readonly string[];
    before: Record<string, { set: boolean }>;
    secrets: readonly Secret[];
  },
): CredentialWrites {
  const writes: CredentialWrites = {};
  for (const name of new Set([...Object.keys(o.before), ...Object.keys(o.refs)])) {
    const current = context.state.refOf(ownerId, name);
    const secret = o.secrets.find((s) => s.credential === name);
    if (!o.known.includes(name)) {
      // The tool or kind changed and no longer takes this credential.
      if (o.before[name]?.set || current !== null) writes[name] = { kind: 'clear' };
      continue;
    }
    if (secret) {
      writes[name] = { kind: 'keychain', value: secret.value };
      continue;
    }
    const ref = o.refs[name];
    if (!ref || 'keychain' in ref) continue; // kept as it is, or already stored
    const held = context.tokens.isInMemory(credentialAccount(ownerId, name));
    if (current !== null && 'env' in current && current.env === ref.env && held) continue;
    writes[name] = { kind: 'env', variable: ref.env, value: envValue(context.env, ref.env) };
  }
  return writes;
}
