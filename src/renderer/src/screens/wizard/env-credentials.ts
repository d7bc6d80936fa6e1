import type { Stream } from '../../../../shared/api/streams';
import type { CredentialRefs } from '../../../../shared/config';
import { ApiError } from '../../../../shared/api/envelope';
import { api } from '../../api';
import { useSources } from '../../store/sources';

/**
 * Binds a saved stream's credentials to environment variables through the
 * same path a configuration file takes (config.apply, docs/config.md):
 * SQLite keeps the variable's name, the engine reads its value when it
 * starts and holds it in memory. Credentials still in the keychain stay
 * there ({"keychain": true}). Returns a sentence to show when the variable
 * is not set for this Sluice yet, or null.
 */
export async function bindEnvironmentCredentials(
  stream: Stream,
  credentialEnv: Record<string, string>,
): Promise<string | null> {
  const names = Object.keys(credentialEnv);
  if (names.length === 0) return null;
  const credentials: CredentialRefs = {};
  for (const [name, state] of Object.entries(stream.credentials)) {
    if (state.set) credentials[name] = { keychain: true };
  }
  for (const name of names) credentials[name] = { env: credentialEnv[name]! };
  const sourceNames = useSources.getState().sources;
  const document = {
    version: 1,
    streams: [
      {
        name: stream.name,
        active: stream.active,
        destination: stream.destination,
        credentials,
        sources: stream.sourceIds.flatMap((id) => sourceNames.find((s) => s.id === id)?.name ?? []),
        stage: stream.stage,
        filter: stream.filter,
        delivery: stream.delivery,
      },
    ],
  };
  const result = await api.request('config.apply', { document });
  if (!result.valid) {
    throw new ApiError({
      code: 'invalid-input',
      message: `The stream was saved, but its credential could not be bound to the environment: ${result.errors
        .map((e) => e.message)
        .join(' ')}`,
    });
  }
  return result.warnings.length > 0 ? result.warnings.map((w) => w.message).join(' ') : null;
}
