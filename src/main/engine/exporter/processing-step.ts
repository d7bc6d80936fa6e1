import type { WireProcessor } from '../../../shared/processing';
import type { Entry } from './assemble';

/**
 * A stream's processing rules applied to each record as it is sent
 * (docs/processing.md): the record itself, and its resource and scope once
 * per interned id. What changed is noted on the entry: which rules (for the
 * stream's per-rule counts) and the bytes as read (for the inspector's
 * "before"). A rule that fails on a record throws ProcessingError; the
 * assembler sets that record aside for the dead letters, alone.
 */
export class ProcessingStep {
  private readonly resources = new Map<number, { bytes: Uint8Array; changedByRule: number[] }>();
  private readonly scopes = new Map<number, { bytes: Uint8Array; changedByRule: number[] }>();

  constructor(private readonly wire: WireProcessor) {}

  apply(entry: Entry): void {
    const resource = cached(this.resources, entry.resourceKey as number, () =>
      this.wire.resourceWithChanges(entry.resource),
    );
    const scope = cached(this.scopes, entry.scopeKey as number, () =>
      this.wire.scopeWithChanges(entry.scope),
    );
    const record = this.wire.record(entry.record);
    if (
      resource.changedByRule.length === 0 &&
      scope.changedByRule.length === 0 &&
      record.changedByRule.length === 0
    )
      return;
    entry.unprocessed = { resource: entry.resource, scope: entry.scope, record: entry.record };
    entry.resource = resource.bytes;
    entry.scope = scope.bytes;
    entry.record = record.bytes;
    entry.changedByRule = [
      ...new Set([...resource.changedByRule, ...scope.changedByRule, ...record.changedByRule]),
    ];
  }
}

function cached<T>(map: Map<number, T>, key: number, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size > 10_000) map.clear();
    map.set(key, value);
  }
  return value;
}
