import {
  decodeLogRecord,
  decodeResource,
  encodeLogRecord,
  encodeResource,
  type AnyValue,
} from '../../../shared/otlp';

export const stageAttribute = 'deployment.environment.name';
export const outsystemsLimit = 4_000;

/**
 * Adds (or replaces) deployment.environment.name on a resource. Records are
 * shared between streams with different stages, so the label is applied when
 * a stream sends, on the resource bytes, cached per resource.
 */
export class StageLabeler {
  private readonly cache = new Map<number, Uint8Array>();

  constructor(private readonly stage: string | null) {}

  apply(resourceId: number, resource: Uint8Array): Uint8Array {
    if (!this.stage) return resource;
    let out = this.cache.get(resourceId);
    if (!out) {
      const decoded = decodeResource(resource);
      const attributes = decoded.attributes.filter((a) => a.key !== stageAttribute);
      attributes.push({ key: stageAttribute, value: { kind: 'string', value: this.stage } });
      out = encodeResource({ ...decoded, attributes });
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(resourceId, out);
    }
    return out;
  }
}

function cut(value: AnyValue): AnyValue | null {
  if (value.kind !== 'string') return null;
  // Count characters as JavaScript does (UTF-16 units), but never split a
  // surrogate pair: the cut string must stay valid UTF-8 on the wire.
  if (value.value.length <= outsystemsLimit) return null;
  let end = outsystemsLimit;
  const code = value.value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { kind: 'string', value: value.value.slice(0, end) };
}

/**
 * OutSystems-compatible truncation (seed 000): `content` (the body) and the
 * `exception.stacktrace` attribute are cut to 4,000 characters. A record whose
 * bytes are shorter than the limit cannot hold such a string, so it is
 * returned untouched without decoding.
 */
export function truncateForOutSystems(encoded: Uint8Array): Uint8Array {
  if (encoded.length <= outsystemsLimit) return encoded;
  const record = decodeLogRecord(encoded);
  let changed = false;
  const body = cut(record.body);
  if (body) {
    record.body = body;
    changed = true;
  }
  for (const attr of record.attributes) {
    if (attr.key !== 'exception.stacktrace') continue;
    const v = cut(attr.value);
    if (v) {
      attr.value = v;
      changed = true;
    }
  }
  return changed ? encodeLogRecord(record) : encoded;
}
