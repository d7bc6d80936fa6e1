import type { RequestArgument } from '../../../shared/api/contract';
import { credentialNames, toolLabels } from '../../../shared/destinations/schema';
import { validateCredential } from '../../../shared/destinations/validate';
import {
  formatConfigPath,
  type ConfigIssue,
  type ConfigSource,
  type ConfigStream,
  type CredentialRef,
  type Indexed,
  type PathPart,
} from '../../../shared/config';
import { lacksRequiredToken, listenersOf, portTakenBy, unknownCredentialNames } from '../checks';
import { envValue } from '../credentials/credentials';
import { findByName, type ConfigState } from './config-state';

type Secret = RequestArgument<'config.apply'>['secrets'][number];

export interface StateCheckInput {
  sources: Indexed<ConfigSource>[];
  streams: Indexed<ConfigStream>[];
  secrets: readonly Secret[];
  requireEnv: boolean;
  env: NodeJS.ProcessEnv;
}

export interface StateCheckResult {
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The checks that need the data folder and the engine's environment: a
 * {"keychain": true} that has nothing stored, an {"env": ...} variable that
 * is not set, a receiver that requires a token it will not have, two
 * receivers on one port, and what `--token-stdin` supplies. Secret values
 * are looked at (to warn about their shape) but never quoted.
 */
export function checkAgainstState(state: ConfigState, input: StateCheckInput): StateCheckResult {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];

  /** One credential reference of an entry the file names; `current` is what it has now. */
  const checkRef = (
    at: PathPart[],
    ref: CredentialRef,
    current: CredentialRef | null,
    supplied: boolean,
    owner: string,
  ): string | null => {
    const path = formatConfigPath(at);
    if ('keychain' in ref) {
      if (supplied || (current !== null && 'keychain' in current)) return null;
      errors.push({
        path,
        message:
          current === null
            ? `${capital(owner)} has nothing stored in this machine's keychain. Supply the value once with --token-stdin, or use {"env": "NAME"}.`
            : `${capital(owner)} reads this from the environment variable ${current.env} now; the keychain holds nothing. Supply the value once with --token-stdin.`,
      });
      return null;
    }
    if (supplied) {
      errors.push({
        path,
        message: `--token-stdin supplies a value the file reads from the environment (${ref.env}); use {"keychain": true} to keep it in the keychain.`,
      });
      return null;
    }
    const value = envValue(input.env, ref.env);
    if (value !== null) return value;
    (input.requireEnv ? errors : warnings).push({
      path,
      message: input.requireEnv
        ? `The environment variable ${ref.env} is not set. Set it before starting Sluice.`
        : `The environment variable ${ref.env} is not set for this engine: ${owner} has no value until Sluice starts with it set.`,
    });
    return null;
  };

  for (const secret of input.secrets) {
    if (!input.streams.some((s) => sameName(s.value.name, secret.stream))) {
      errors.push({
        path: '',
        message: `--token-stdin is for the stream "${secret.stream}", which is not in the file.`,
      });
    }
  }

  for (const { index, value: stream } of input.streams) {
    const existing = findByName(state.streams, stream.name);
    const tool = stream.destination.tool;
    const owner = `the stream "${stream.name}"`;
    const supplied = input.secrets.filter((s) => sameName(s.stream, stream.name));
    const given = supplied.map((s) => s.credential);
    for (const name of unknownCredentialNames(credentialNames[tool], given)) {
      errors.push({
        path: formatConfigPath(['streams', index, 'credentials']),
        message: `--token-stdin supplies "${name}", which ${toolLabels[tool]} does not take.`,
      });
    }
    let anySet = supplied.length > 0;
    for (const name of credentialNames[tool]) {
      const at: PathPart[] = ['streams', index, 'credentials', name];
      const ref = stream.credentials[name];
      const current = existing ? state.refOf(existing.id, name) : null;
      const secret = supplied.find((s) => s.credential === name);
      if (ref) {
        const value = checkRef(at, ref, current, secret !== undefined, owner);
        anySet = true; // a reference: its own problem, if any, is reported above
        const shape = value ?? secret?.value;
        if (shape !== undefined) {
          for (const w of validateCredential(stream.destination, name, shape)) {
            warnings.push({
              path: formatConfigPath(['streams', index, w.path]),
              message: w.message,
            });
          }
        }
      } else if (existing?.credentials[name]?.set) {
        anySet = true; // not in the file: kept as it is
      }
    }
    if (!anySet && tool !== 'otlp' && credentialNames[tool].includes('token')) {
      warnings.push({
        path: formatConfigPath(['streams', index, 'credentials']),
        message: `${capital(owner)} has no API token, so ${toolLabels[tool]} will refuse what it sends. Add "token": {"env": "NAME"} or supply it with --token-stdin.`,
      });
    }
  }

  for (const { index, value: source } of input.sources) {
    const existing = findByName(state.sources, source.name);
    const owner = `the source "${source.name}"`;
    const refs = Object.entries(source.credentials);
    let tokenWillBeSet = existing?.credentials.token?.set === true && !source.credentials.token;
    for (const [name, ref] of refs) {
      const current = existing ? state.refOf(existing.id, name) : null;
      const value = checkRef(['sources', index, 'credentials', name], ref, current, false, owner);
      if (name === 'token' && (value !== null || 'keychain' in ref)) tokenWillBeSet = true;
    }
    if (
      lacksRequiredToken(source.settings, tokenWillBeSet) &&
      !errors.some((e) => e.path.startsWith(`sources[${index}].credentials`))
    ) {
      errors.push({
        path: formatConfigPath(['sources', index, 'credentials', 'token']),
        message: `${capital(owner)} requires a token: add "token": {"env": "NAME"} (or {"keychain": true} for one already stored), or set requireToken to false.`,
      });
    }
  }
  // The file's receivers in order, then those of the data folder the file leaves as they are.
  const receivers = [
    ...listenersOf(input.sources.map((s) => ({ ...s.value, index: s.index }))),
    ...listenersOf(
      state.sources
        .filter((s) => !input.sources.some((f) => sameName(f.value.name, s.name)))
        .map((s) => ({ ...s, index: null })),
    ),
  ];
  receivers.forEach((r, i) => {
    const index = r.source.index;
    if (index === null) return;
    const earlier = receivers.slice(0, i);
    const kept = receivers.slice(i + 1).filter((o) => o.source.index === null);
    const clash = portTakenBy(r, [...earlier, ...kept]);
    if (clash) {
      errors.push({
        path: formatConfigPath(['sources', index, 'settings', 'port']),
        message: `The receiver "${clash.name}" also listens on ${r.host}:${r.port}. Choose another port.`,
      });
    }
  });
  return { errors, warnings };
}
