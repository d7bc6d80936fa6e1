import type { SourceConfig } from '../api/sources';
import type { StreamSettings } from '../api/streams';
import {
  configSourceSchema,
  configStreamSchema,
  configVersion,
  type ConfigDocument,
  type CredentialRefs,
} from './schema';

/** A configured source as the export sees it. */
export interface SourceForExport {
  config: SourceConfig;
  credentials: CredentialRefs;
}

/** A configured stream as the export sees it: sources by name, credentials as references. */
export interface StreamForExport {
  active: boolean;
  settings: StreamSettings;
  sourceNames: string[];
  credentials: CredentialRefs;
}

/** By name, case-insensitively, then exactly: the same order on every machine and locale. */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedRefs(refs: CredentialRefs): CredentialRefs {
  const out: CredentialRefs = {};
  for (const name of Object.keys(refs).sort()) out[name] = refs[name]!;
  return out;
}

/**
 * The configuration of a data folder as a document: what `sluice streams
 * export` writes. Deterministic (entries by name, fields in schema order,
 * defaults filled in), so exporting twice gives the same bytes and importing
 * an export changes nothing.
 */
export function buildConfigDocument(
  sources: readonly SourceForExport[],
  streams: readonly StreamForExport[],
): ConfigDocument {
  return {
    version: configVersion,
    sources: [...sources]
      .sort((a, b) => compareNames(a.config.name, b.config.name))
      .map((s) =>
        configSourceSchema.parse({
          name: s.config.name,
          settings: s.config.settings,
          fullPolicy: s.config.fullPolicy,
          credentials: sortedRefs(s.credentials),
        }),
      ),
    streams: [...streams]
      .sort((a, b) => compareNames(a.settings.name, b.settings.name))
      .map((s) =>
        configStreamSchema.parse({
          name: s.settings.name,
          active: s.active,
          destination: s.settings.destination,
          credentials: sortedRefs(s.credentials),
          sources: s.sourceNames,
          stage: s.settings.stage,
          filter: s.settings.filter,
          delivery: s.settings.delivery,
          processing: s.settings.processing,
        }),
      ),
  };
}
