import { isReceiverSettings, type SourceSettings } from '../../shared/api/sources';

/**
 * The rules a definition must keep, whether it comes from a request (the
 * services word a refusal for the window) or from a configuration file
 * (config/state-checks.ts words it for the file, with its path): each rule
 * is written once, here.
 */

/** A receiver as the port rule sees it. */
export interface Listener {
  name: string;
  host: string;
  port: number;
}

/** The receiver among `others` that already listens where `r` would (port 0: any free port, never). */
export function portTakenBy<L extends Listener>(r: Listener, others: readonly L[]): L | null {
  if (r.port === 0) return null;
  return others.find((o) => o.port === r.port && o.host === r.host) ?? null;
}

/** The listeners among some sources. */
export function listenersOf<S extends { name: string; settings: SourceSettings }>(
  sources: readonly S[],
): (Listener & { source: S })[] {
  return sources.flatMap((source) => {
    const s = source.settings;
    return isReceiverSettings(s) ? [{ name: source.name, host: s.host, port: s.port, source }] : [];
  });
}

/** A receiver that requires a token would be left without one. */
export function lacksRequiredToken(settings: SourceSettings, tokenWillBeSet: boolean): boolean {
  return isReceiverSettings(settings) && settings.requireToken && !tokenWillBeSet;
}

/** Credential names a tool or source kind does not take. */
export function unknownCredentialNames(
  known: readonly string[],
  names: readonly string[],
): string[] {
  return names.filter((n) => !known.includes(n));
}
