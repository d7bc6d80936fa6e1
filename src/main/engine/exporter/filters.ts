import {
  decodeLogRecord,
  decodeResource,
  decodeScope,
  type AnyValue,
  type KeyValue,
} from '../../../shared/otlp';
import {
  severityFloorNumbers,
  type AttributeMatch,
  type StreamFilter,
} from '../../../shared/api/streams';

// The lowest OTLP severity number of each floor, shared with the Collector export.
const floorNumber = severityFloorNumbers;

export function passesSeverity(
  severityNumber: number,
  floor: StreamFilter['minSeverity'],
): boolean {
  // Unspecified severity (0) cannot be judged, so it is kept rather than lost.
  return severityNumber === 0 || severityNumber >= floorNumber[floor];
}

function valueText(v: AnyValue): string {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'bool':
    case 'int':
    case 'double':
      return String(v.value);
    case 'empty':
      return '';
    default:
      return JSON.stringify(v.value, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
  }
}

function find(attrs: readonly KeyValue[], key: string): string | undefined {
  const kv = attrs.find((a) => a.key === key);
  return kv ? valueText(kv.value) : undefined;
}

function matches(value: string | undefined, m: AttributeMatch, compiled: RegExp | null): boolean {
  if (value === undefined) return false;
  switch (m.op) {
    case 'equals':
      return value === m.value;
    case 'contains':
      return value.includes(m.value);
    case 'matches':
      return compiled !== null && compiled.test(value);
  }
}

export interface RecordContext {
  encoded: Uint8Array;
  resource: Uint8Array;
  scope: Uint8Array;
}

/**
 * Attribute filters: a key is looked up in the record's attributes, then its
 * scope's, then its resource's: the most specific value wins. Include: every
 * rule must match.
 * Exclude: any rule matching drops the record.
 */
export class AttributeFilter {
  private readonly include: { m: AttributeMatch; re: RegExp | null }[];
  private readonly exclude: { m: AttributeMatch; re: RegExp | null }[];

  constructor(filter: StreamFilter) {
    const compile = (m: AttributeMatch) => {
      if (m.op !== 'matches') return { m, re: null };
      try {
        return { m, re: new RegExp(m.value) };
      } catch {
        return { m, re: null };
      }
    };
    this.include = filter.include.map(compile);
    this.exclude = filter.exclude.map(compile);
  }

  get active(): boolean {
    return this.include.length > 0 || this.exclude.length > 0;
  }

  passes(ctx: RecordContext): boolean {
    if (!this.active) return true;
    const record = decodeLogRecord(ctx.encoded).attributes;
    let scope: KeyValue[] | null = null;
    let resource: KeyValue[] | null = null;
    const lookup = (key: string): string | undefined => {
      const r = find(record, key);
      if (r !== undefined) return r;
      scope ??= ctx.scope.length ? decodeScope(ctx.scope).attributes : [];
      const s = find(scope, key);
      if (s !== undefined) return s;
      resource ??= ctx.resource.length ? decodeResource(ctx.resource).attributes : [];
      return find(resource, key);
    };
    if (!this.include.every(({ m, re }) => matches(lookup(m.key), m, re))) return false;
    return !this.exclude.some(({ m, re }) => matches(lookup(m.key), m, re));
  }
}
