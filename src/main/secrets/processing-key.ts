import { createHmac, randomBytes } from 'node:crypto';
import type { ProcessingDeps } from '../../shared/processing';
import { credentialAccount, type TokenStore } from './token-store';

/**
 * The key of a stream's keyed hash (docs/processing.md, "Keyed hash"): 32
 * random bytes made the first time the stream needs them, kept in the OS
 * keychain as `<streamId>/processing-key`, like the stream's API token. It
 * is never written to SQLite, a configuration export or the renderer, and
 * it is not copied when a stream is duplicated: each stream hashes with its
 * own key, so a hash means nothing outside the stream that made it.
 */
export const processingKeyName = 'processing-key';

/** Hex characters of HMAC-SHA-256 kept in a replacement: 64 bits. */
export const keyedHashHexChars = 16;

/** HMAC-SHA-256 of the value under the key, cut to 64 bits (16 hex characters). */
export function keyedHashWith(key: Buffer): ProcessingDeps {
  return {
    keyedHash: (value) =>
      createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, keyedHashHexChars),
  };
}

// Two exporters (or a preview and an exporter) asking at once must not each
// make a key: the second would overwrite the first.
const pending = new WeakMap<TokenStore, Map<string, Promise<ProcessingDeps>>>();

async function loadOrCreate(tokens: TokenStore, streamId: string): Promise<ProcessingDeps> {
  const account = credentialAccount(streamId, processingKeyName);
  const stored = await tokens.get(account);
  if (stored !== null) return keyedHashWith(Buffer.from(stored, 'base64'));
  const key = randomBytes(32);
  await tokens.set(account, key.toString('base64'));
  return keyedHashWith(key);
}

/**
 * The keyed hash of a stream, for compileProcessing. Throws the keychain's
 * EngineError when the keychain cannot be used: a stream whose rules hash
 * must then not send (an unkeyed or throw-away key would break correlation
 * across restarts without saying so).
 */
export function loadProcessingKey(tokens: TokenStore, streamId: string): Promise<ProcessingDeps> {
  let byStream = pending.get(tokens);
  if (!byStream) pending.set(tokens, (byStream = new Map()));
  const inFlight = byStream.get(streamId);
  if (inFlight) return inFlight;
  const loading = loadOrCreate(tokens, streamId).finally(() => byStream.delete(streamId));
  byStream.set(streamId, loading);
  return loading;
}

/** A key that lives only as long as this call's result: for previews of a stream not saved yet. */
export function temporaryProcessingKey(): ProcessingDeps {
  return keyedHashWith(randomBytes(32));
}
