import type { Source } from '../../../shared/api/sources';
import type { Stream } from '../../../shared/api/streams';
import {
  buildConfigDocument,
  type ConfigDocument,
  type CredentialRef,
  type CredentialRefs,
} from '../../../shared/config';
import type { CredentialVault } from '../credentials/credential-vault';

/** The configuration of the data folder now, as a file would describe it. */
export interface ConfigState {
  streams: Stream[];
  sources: Source[];
  document: ConfigDocument;
  /** How each credential is referenced now; null when it is not set or not the file's to manage. */
  refOf(ownerId: string, name: string): CredentialRef | null;
}

export interface ConfigStateDeps {
  streams: { list(): Stream[] };
  sources: { list(): Source[] };
  vault: CredentialVault;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function findByName<T extends { name: string }>(list: readonly T[], name: string): T | null {
  return list.find((x) => sameName(x.name, name)) ?? null;
}

export function readConfigState(deps: ConfigStateDeps): ConfigState {
  const streams = deps.streams.list();
  const sources = deps.sources.list();

  const refOf = (ownerId: string, name: string): CredentialRef | null => {
    const owner = [...streams, ...sources].find((o) => o.id === ownerId);
    return deps.vault.referenceOf(ownerId, name, owner?.credentials[name]?.set ?? false);
  };

  const refsOf = (owner: Stream | Source): CredentialRefs => {
    const refs: CredentialRefs = {};
    for (const name of Object.keys(owner.credentials)) {
      const ref = refOf(owner.id, name);
      if (ref) refs[name] = ref;
    }
    return refs;
  };

  const nameOfSource = new Map(sources.map((s) => [s.id, s.name]));
  const document = buildConfigDocument(
    sources.map((s) => ({
      config: { name: s.name, settings: s.settings, fullPolicy: s.fullPolicy },
      credentials: refsOf(s),
    })),
    streams.map((s) => ({
      active: s.active,
      settings: {
        name: s.name,
        destination: s.destination,
        sourceIds: s.sourceIds,
        stage: s.stage,
        filter: s.filter,
        delivery: s.delivery,
        processing: s.processing,
      },
      sourceNames: s.sourceIds.flatMap((id) => nameOfSource.get(id) ?? []),
      credentials: refsOf(s),
    })),
  );
  return { streams, sources, document, refOf };
}
