import type { SentRequestInfo } from '../../../shared/api/inspector';

export interface Sample {
  id: number;
  seq: number;
  at: number;
  resource: Uint8Array;
  resourceSchemaUrl: string;
  scope: Uint8Array;
  scopeSchemaUrl: string;
  record: Uint8Array;
  request: SentRequestInfo;
}

/**
 * A sampled tail of what a stream sent, for the live inspector: at most
 * `perRequest` records of each request (evenly spaced), in a ring of
 * `capacity`. Memory stays bounded however fast the stream runs.
 */
export class Sampler {
  private readonly ring: Sample[] = [];
  private nextId = 1;

  constructor(
    private readonly capacity = 2_000,
    private readonly perRequest = 25,
  ) {}

  add(entries: readonly Omit<Sample, 'id' | 'request' | 'at'>[], request: SentRequestInfo): void {
    if (entries.length === 0) return;
    const step = Math.max(1, Math.floor(entries.length / this.perRequest));
    for (let i = 0; i < entries.length; i += step) {
      const e = entries[i]!;
      this.ring.push({ ...e, id: this.nextId++, at: request.at, request });
      if (this.ring.length > this.capacity) this.ring.shift();
    }
  }

  after(afterId: number, limit: number): Sample[] {
    const out: Sample[] = [];
    for (const s of this.ring) {
      if (s.id <= afterId) continue;
      out.push(s);
      if (out.length >= limit) break;
    }
    return out;
  }

  get lastId(): number {
    return this.nextId - 1;
  }
}
