/**
 * What validation says about a destination. An error means it cannot work and
 * the stream is not saved; a warning means it looks wrong but might be right
 * (an unusual token shape, a URL path we do not recognise), so the wizard shows
 * it and lets the user go on.
 */
export type IssueSeverity = 'error' | 'warning';

export interface DestinationIssue {
  /** Field path inside the destination (`url`, `network.proxyUrl`), or `credentials.<name>`. */
  path: string;
  severity: IssueSeverity;
  /** What is wrong and what to do, in one or two sentences. */
  message: string;
  /** A corrected value the wizard can offer to apply with one click. */
  fix?: { path: string; value: string; label: string };
}

export function error(path: string, message: string): DestinationIssue {
  return { path, severity: 'error', message };
}

export function warning(
  path: string,
  message: string,
  fix?: DestinationIssue['fix'],
): DestinationIssue {
  return fix ? { path, severity: 'warning', message, fix } : { path, severity: 'warning', message };
}
