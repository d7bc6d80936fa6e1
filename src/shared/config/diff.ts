import { formatConfigPath, type PathPart } from './issues';
import type { ConfigDocument, ConfigSource, ConfigStream } from './schema';

export type ConfigChangeAction = 'create' | 'update' | 'unchanged';

/** What applying a file does to one source or stream, matched by name. */
export interface ConfigChange {
  kind: 'source' | 'stream';
  name: string;
  action: ConfigChangeAction;
  /** For an update: what changes, as paths inside the entry (`destination.url`, `active`). */
  fields: string[];
}

/** A secret supplied beside the file (`--token-stdin`): always a change. */
export interface SuppliedSecret {
  stream: string;
  credential: string;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Leaf paths where two values differ; lists compare whole. */
export function changedPaths(a: unknown, b: unknown, path: PathPart[] = []): string[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedPaths(a[k], b[k], [...path, k]));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [formatConfigPath(path)];
}

/**
 * A credential the file does not mention is left as it is (a token given in
 * the window, or the demo's), so a file only manages what it names.
 */
function withKeptCredentials<T extends ConfigSource | ConfigStream>(current: T, desired: T): T {
  return { ...desired, credentials: { ...current.credentials, ...desired.credentials } };
}

function diffEntries<T extends ConfigSource | ConfigStream>(
  kind: 'source' | 'stream',
  current: readonly T[],
  desired: readonly T[],
  extraFields: (name: string) => string[],
): ConfigChange[] {
  return desired.map((d) => {
    const before = current.find((c) => sameName(c.name, d.name));
    if (!before) return { kind, name: d.name, action: 'create', fields: [] };
    const fields = changedPaths(before, withKeptCredentials(before, d));
    for (const f of extraFields(d.name)) if (!fields.includes(f)) fields.push(f);
    return { kind, name: d.name, action: fields.length ? 'update' : 'unchanged', fields };
  });
}

/**
 * What importing `desired` changes in a data folder whose configuration is
 * `current` (as `buildConfigDocument` makes it). Sources and streams are
 * matched by name regardless of case; those the file does not list are left
 * alone. Sources come first, each kind in the file's order.
 */
export function diffConfig(
  current: ConfigDocument,
  desired: ConfigDocument,
  secrets: readonly SuppliedSecret[] = [],
): ConfigChange[] {
  return [
    ...diffEntries('source', current.sources, desired.sources, () => []),
    ...diffEntries('stream', current.streams, desired.streams, (name) =>
      secrets.filter((s) => sameName(s.stream, name)).map((s) => `credentials.${s.credential}`),
    ),
  ];
}

export function hasChanges(changes: readonly ConfigChange[]): boolean {
  return changes.some((c) => c.action !== 'unchanged');
}
