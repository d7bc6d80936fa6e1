import { z } from 'zod';
import { sourceCredentialNames, sourceKindLabels } from '../api/sources';
import { credentialNames, toolLabels } from '../destinations/schema';
import { validateDestination } from '../destinations/validate';
import { formatConfigPath, sortIssues, zodConfigIssues, type ConfigIssue } from './issues';
import { configJsonSchema } from './json-schema';
import {
  configSourceSchema,
  configStreamSchema,
  configVersion,
  type ConfigDocument,
  type ConfigSource,
  type ConfigStream,
} from './schema';
import { unknownFields } from './unknown-fields';

export interface ConfigContext {
  /** Sources already configured in the data folder (a stream may read them by name). */
  existingSourceNames: readonly string[];
}

/** An entry that parsed, with its place in the file (for messages). */
export interface Indexed<T> {
  index: number;
  value: T;
}

export interface ValidatedConfig {
  /** Every entry that parsed; the engine's own checks run on these. */
  sources: Indexed<ConfigSource>[];
  streams: Indexed<ConfigStream>[];
  /** The whole document, when every entry parsed. */
  document: ConfigDocument | null;
  /** Refuse the file. */
  errors: ConfigIssue[];
  /** Printed; the file is still applied. */
  warnings: ConfigIssue[];
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const entriesSchema = z.object({
  sources: z.array(z.unknown(), { error: 'Expected a list of sources.' }).default([]),
  streams: z.array(z.unknown(), { error: 'Expected a list of streams.' }).default([]),
});

function versionProblem(version: unknown): string | null {
  if (version === configVersion) return null;
  if (typeof version === 'number' && Number.isInteger(version) && version > configVersion) {
    return `This file is configuration version ${version}, written by a newer Sluice; this one reads version ${configVersion}. Update Sluice.`;
  }
  return version === undefined
    ? `Add "version": ${configVersion} (the configuration format this file follows).`
    : `Expected "version": ${configVersion}.`;
}

/** Names used twice (names are unique regardless of case, as in the data folder). */
function duplicates(kind: 'sources' | 'streams', names: Indexed<string>[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  names.forEach((n, i) => {
    const first = names.slice(0, i).find((m) => sameName(m.value, n.value));
    if (first) {
      issues.push({
        path: formatConfigPath([kind, n.index, 'name']),
        message: `"${n.value}" is also the name of ${kind}[${first.index}]; names must be unique (regardless of case).`,
      });
    }
  });
  return issues;
}

function credentialNameIssues(
  prefix: (string | number)[],
  refs: Record<string, unknown>,
  known: readonly string[],
  owner: string,
): ConfigIssue[] {
  return Object.keys(refs)
    .filter((name) => !known.includes(name))
    .map((name) => ({
      path: formatConfigPath([...prefix, 'credentials', name]),
      message: known.length
        ? `${owner} has no credential "${name}"; it takes ${known.map((k) => `"${k}"`).join(', ')}.`
        : `${owner} takes no credentials.`,
    }));
}

/** Names as written, also of entries that failed to parse (their own errors say why). */
function rawNames(entries: readonly unknown[]): Indexed<string>[] {
  return entries.flatMap((e, index) =>
    isObject(e) && typeof e.name === 'string' ? [{ index, value: e.name }] : [],
  );
}

function sourceChecks(sources: Indexed<ConfigSource>[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { index, value } of sources) {
    const kind = value.settings.kind;
    issues.push(
      ...credentialNameIssues(
        ['sources', index],
        value.credentials,
        sourceCredentialNames[kind],
        `A source of kind "${sourceKindLabels[kind]}"`,
      ),
    );
  }
  return issues;
}

/** Each stream's sources must exist; checked on the file as written, so entries with other errors are checked too. */
function sourceReferences(
  rawStreams: readonly unknown[],
  sourceNames: readonly string[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  rawStreams.forEach((s, index) => {
    if (!isObject(s) || !Array.isArray(s.sources)) return;
    s.sources.forEach((name: unknown, i) => {
      if (typeof name !== 'string' || name.trim() === '') return;
      if (!sourceNames.some((n) => sameName(n, name))) {
        issues.push({
          path: formatConfigPath(['streams', index, 'sources', i]),
          message: `There is no source named "${name}" in this file or in the data folder.`,
        });
      }
    });
  });
  return issues;
}

function streamChecks(streams: Indexed<ConfigStream>[], warnings: ConfigIssue[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { index, value } of streams) {
    const at = (...parts: (string | number)[]) => formatConfigPath(['streams', index, ...parts]);
    const tool = value.destination.tool;
    issues.push(
      ...credentialNameIssues(
        ['streams', index],
        value.credentials,
        credentialNames[tool],
        toolLabels[tool],
      ),
    );
    if (value.sources.length === 0) {
      warnings.push({
        path: at('sources'),
        message: 'The stream reads no source: it sends nothing.',
      });
    }
    for (const w of validateDestination(value.destination)) {
      if (w.severity === 'warning')
        warnings.push({ path: at('destination', w.path), message: w.message });
    }
  }
  return issues;
}

/**
 * Everything that can be checked from the file alone (and the names of the
 * sources already configured): the schema of every entry, unknown fields,
 * duplicate names, which source each stream reads, credential names, and
 * each destination's own validation. Every problem is listed, by its path.
 */
export function validateConfig(raw: unknown, context: ConfigContext): ValidatedConfig {
  const result: ValidatedConfig = {
    sources: [],
    streams: [],
    document: null,
    errors: [],
    warnings: [],
  };
  const { errors, warnings } = result;
  if (!isObject(raw)) {
    errors.push({
      path: '',
      message:
        'The file must hold one JSON object: {"version": 1, "sources": [...], "streams": [...]}.',
    });
    return result;
  }
  const version = versionProblem(raw.version);
  if (version) {
    errors.push({ path: 'version', message: version });
    if (typeof raw.version === 'number' && raw.version > configVersion) return result;
  }
  errors.push(...unknownFields(raw, configJsonSchema()));
  const top = entriesSchema.safeParse(raw);
  if (!top.success) {
    errors.push(...zodConfigIssues([], top.error));
    return result;
  }
  top.data.sources.forEach((s, index) => {
    const parsed = configSourceSchema.safeParse(s);
    if (parsed.success) result.sources.push({ index, value: parsed.data });
    else errors.push(...zodConfigIssues(['sources', index], parsed.error));
  });
  top.data.streams.forEach((s, index) => {
    const parsed = configStreamSchema.safeParse(s);
    if (parsed.success) result.streams.push({ index, value: parsed.data });
    else errors.push(...zodConfigIssues(['streams', index], parsed.error));
  });
  const sourceNames = rawNames(top.data.sources);
  errors.push(
    ...duplicates('sources', sourceNames),
    ...duplicates('streams', rawNames(top.data.streams)),
  );
  errors.push(...sourceChecks(result.sources));
  // A stream may name a source that failed to parse: it is in the file, its own error says what is wrong.
  errors.push(
    ...sourceReferences(top.data.streams, [
      ...sourceNames.map((n) => n.value),
      ...context.existingSourceNames,
    ]),
    ...streamChecks(result.streams, warnings),
  );
  sortIssues(errors);
  sortIssues(warnings);
  const complete =
    result.sources.length === top.data.sources.length &&
    result.streams.length === top.data.streams.length;
  if (complete && errors.length === 0) {
    result.document = {
      ...(typeof raw.$schema === 'string' ? { $schema: raw.$schema } : {}),
      version: configVersion,
      sources: result.sources.map((s) => s.value),
      streams: result.streams.map((s) => s.value),
    };
  }
  return result;
}
