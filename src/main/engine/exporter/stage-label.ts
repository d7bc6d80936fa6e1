import { decodeResource, encodeResource } from '../../../shared/otlp';

export const stageAttribute = 'deployment.environment.name';

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
