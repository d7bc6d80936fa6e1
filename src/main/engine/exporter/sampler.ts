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
  /**
   * Records Dynatrace will store changed, kept apart so the inspector always
   * has examples of each rule however many ordinary records follow.
   */
  private readonly examples: Sample[] = [];
  private nextId = 1;

  constructor(
    private readonly capacity = 2_000,
    private readonly perRequest = 25,
    private readonly exampleCapacity = 200,
  ) {}

  add(entries: readonly Omit<Sample, 'id' | 'request' | 'at'>[], request: SentRequestInfo): void {
    if (entries.length === 0) return;
    const step = Math.max(1, Math.floor(entries.length / this.perRequest));
    for (let i = 0; i < entries.length; i += step) {
      this.ring.push(this.keep(entries[i]!, request));
      if (this.ring.length > this.capacity) this.ring.shift();
    }
  }

  /** Keeps these records (examples of what Dynatrace will change), a few per request. */
  addExamples(
    entries: readonly Omit<Sample, 'id' | 'request' | 'at'>[],
    request: SentRequestInfo,
    perRequest = 10,
  ): void {
    for (const e of entries.slice(0, perRequest)) {
      this.examples.push(this.keep(e, request));
      if (this.examples.length > this.exampleCapacity) this.examples.shift();
    }
  }

  /**
   * A sample of its own: the record, resource and scope bytes are copied,
   * because a view into a segment read from the buffer (or into a received
   * request) keeps the whole of it in memory for as long as the sample lives:
   * 2,000 samples pinning 2,000 different segments was 25 MB of a steady
   * stream's worker (docs/benchmarks.md, "Memory").
   */
  private keep(e: Omit<Sample, 'id' | 'request' | 'at'>, request: SentRequestInfo): Sample {
    return {
      ...e,
      resource: ownCopy(e.resource),
      scope: ownCopy(e.scope),
      record: ownCopy(e.record),
      id: this.nextId++,
      at: request.at,
      request,
    };
  }

  /** Samples and examples after `afterId`, in id order. */
  after(afterId: number, limit: number): Sample[] {
    const out: Sample[] = [];
    for (const list of [this.ring, this.examples])
      for (const s of list) if (s.id > afterId) out.push(s);
    out.sort((a, b) => a.id - b.id);
    return out.length > limit ? out.slice(0, limit) : out;
  }

  get lastId(): number {
    return this.nextId - 1;
  }
}

/**
 * The bytes with a buffer of their own: as they are when they already span
 * their whole buffer (interned resources and scopes, read once and shared
 * by every sample), else a copy. Not `bytes.slice()`: on a Node Buffer that
 * returns a view sharing the original memory.
 */
function ownCopy(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}
