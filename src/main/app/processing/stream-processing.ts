import type { StreamSettings } from '../../../shared/api/streams';
import {
  compileProcessing,
  effectiveProcessingRules,
  type CompiledProcessing,
  type ProcessingDeps,
  type ProcessingRule,
} from '../../../shared/processing';
import { loadProcessingKey, temporaryProcessingKey } from '../../secrets/processing-key';
import type { TokenStore } from '../../secrets/token-store';

export type HashKeyKind = 'stream' | 'temporary' | 'none';

/** Whether any rule replaces with the keyed hash (only then is the keychain asked for a key). */
export function rulesHash(rules: readonly ProcessingRule[]): boolean {
  return rules.some((r) => 'mask' in r && r.replace === 'hash');
}

/**
 * The keyed hash for rules run on behalf of a stream: its own key from the
 * keychain; for a stream not saved yet, a temporary one (its hashes will
 * differ once it is saved). Rules that do not hash never touch the keychain.
 */
export async function processingKeyFor(
  tokens: TokenStore,
  streamId: string | null,
  rules: readonly ProcessingRule[],
): Promise<{ deps: ProcessingDeps; hashKey: HashKeyKind }> {
  if (!rulesHash(rules)) return { deps: temporaryProcessingKey(), hashKey: 'none' };
  if (streamId === null) return { deps: temporaryProcessingKey(), hashKey: 'temporary' };
  return { deps: await loadProcessingKey(tokens, streamId), hashKey: 'stream' };
}

/**
 * A stream's rules compiled with its key: its own list, then the OutSystems
 * truncation when that setting is on. null when there is nothing to apply.
 * What the exporter (and Test stream) build a stream's processor from.
 */
export async function compileStreamProcessing(
  tokens: TokenStore,
  streamId: string | null,
  settings: Pick<StreamSettings, 'processing' | 'delivery'>,
): Promise<CompiledProcessing | null> {
  const rules = effectiveProcessingRules(settings);
  if (rules.length === 0) return null;
  const { deps } = await processingKeyFor(tokens, streamId, rules);
  return compileProcessing(rules, deps);
}
