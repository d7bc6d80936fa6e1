import { decodeLogRecord, decodeResource, decodeScope } from '../otlp/decode';
import { encodeLogRecord, encodeResource, encodeScope } from '../otlp/encode';
import type { CompiledProcessing } from './compile';
import { ProcessingError } from './errors';
import { fastRecord } from './wire-fast';

/**
 * The byte-level face of a stream's rules, for the exporter: stored
 * protobuf in, protobuf to send out. Bytes no rule changed are returned as
 * they came (no re-encoding), so a record the rules leave alone costs only
 * its decoding.
 */
export interface WireProcessor {
  readonly isEmpty: boolean;
  /** A Resource message. Resources are shared by many records: cache the result per resource. */
  resource(bytes: Uint8Array): Uint8Array;
  /** An InstrumentationScope message; cache per scope as for resources. */
  scope(bytes: Uint8Array): Uint8Array;
  /**
   * A LogRecord message. `changedByRule` lists the indexes of the rules that
   * changed it (for the per-rule counts). Throws ProcessingError when a rule
   * cannot be applied: dead-letter this one record with the message.
   */
  record(bytes: Uint8Array): { bytes: Uint8Array; changedByRule: number[] };
  /** As `resource`, also saying which rules changed it. */
  resourceWithChanges(bytes: Uint8Array): { bytes: Uint8Array; changedByRule: number[] };
  scopeWithChanges(bytes: Uint8Array): { bytes: Uint8Array; changedByRule: number[] };
}

function guarded<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof ProcessingError) throw err;
    throw new ProcessingError(
      `The ${what} could not be read to apply the stream's rules: ${(err as Error)?.message ?? String(err)}`,
      null,
    );
  }
}

export function createWireProcessor(compiled: CompiledProcessing): WireProcessor {
  const unchanged = (bytes: Uint8Array) => ({ bytes, changedByRule: [] as number[] });
  const resourceWithChanges = (bytes: Uint8Array) =>
    guarded('resource', () => {
      const { value, changedByRule } = compiled.resourceFast(decodeResource(bytes));
      return changedByRule.length
        ? { bytes: encodeResource(value), changedByRule }
        : unchanged(bytes);
    });
  const scopeWithChanges = (bytes: Uint8Array) =>
    guarded('scope', () => {
      const { value, changedByRule } = compiled.scopeFast(decodeScope(bytes));
      return changedByRule.length ? { bytes: encodeScope(value), changedByRule } : unchanged(bytes);
    });
  return {
    isEmpty: compiled.isEmpty,
    resource: (bytes) => (compiled.isEmpty ? bytes : resourceWithChanges(bytes).bytes),
    scope: (bytes) => (compiled.isEmpty ? bytes : scopeWithChanges(bytes).bytes),
    resourceWithChanges: (bytes) =>
      compiled.isEmpty ? unchanged(bytes) : resourceWithChanges(bytes),
    scopeWithChanges: (bytes) => (compiled.isEmpty ? unchanged(bytes) : scopeWithChanges(bytes)),
    record: (bytes) => {
      if (compiled.isEmpty) return unchanged(bytes);
      const ops = compiled.recordValueOps;
      if (ops !== null && ops.length === 0) return unchanged(bytes);
      return guarded('record', () => {
        if (ops !== null) {
          const fast = fastRecord(bytes, ops, compiled.rules.length);
          if (fast) return fast;
        }
        const { value, changedByRule } = compiled.recordFast(decodeLogRecord(bytes));
        return changedByRule.length
          ? { bytes: encodeLogRecord(value), changedByRule }
          : unchanged(bytes);
      });
    },
  };
}
