import type { DataModel, DtValue } from '../../../shared/dynatrace';
import type { ContentEncoding } from './body';

/**
 * What the endpoint accepted, for GET /records and the in-process API: the
 * mapped Dynatrace records in a ring of bounded size (oldest evicted first),
 * and counters that count everything since start, evicted or cleared.
 */

/** The request a record came in, shared by all its records. */
export interface RequestSummary {
  /** 1, 2, ... in arrival order, over every ingest request (answered or not). */
  id: number;
  /** When the request arrived, RFC 3339 UTC. */
  receivedAt: string;
  path: string;
  /** `{env}` of an `/e/{env}/api/v2/otlp/v1/logs` path; null for the SaaS path. */
  environment: string | null;
  model: DataModel;
  contentEncoding: ContentEncoding;
  /** Body bytes as sent (compressed when gzip). */
  wireBytes: number;
  /** Protobuf bytes after gzip. */
  bytes: number;
  /** Log records in the request, and how many of them were rejected. */
  records: number;
  rejected: number;
  /** dt.auth.origin of the token used; null when the token is not Dynatrace-shaped. */
  authOrigin: string | null;
}

/** One record as Dynatrace would store it. */
export interface KeptRecord {
  /** 1, 2, ... in acceptance order; never reused, also not after a clear. */
  id: number;
  request: RequestSummary;
  timestamp: string;
  loglevel: string;
  content: string;
  attributes: Record<string, DtValue>;
}

export type NewRecord = Omit<KeptRecord, 'id' | 'request'>;

export interface RecordQuery {
  /** Only records with an id greater than this. Default 0 (all kept). */
  since?: number;
  /** At most this many, the oldest first. Default: no limit. */
  limit?: number;
}

export class RecordStore {
  private readonly ring: (KeptRecord | undefined)[];
  /** Index in `ring` of the oldest kept record. */
  private start = 0;
  private size = 0;
  private nextId = 1;
  private evictedCount = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<KeptRecord | undefined>(Math.max(0, capacity));
  }

  add(request: RequestSummary, records: readonly NewRecord[]): void {
    for (const r of records) {
      const kept: KeptRecord = { id: this.nextId++, request, ...r };
      if (this.capacity === 0) {
        this.evictedCount++;
        continue;
      }
      if (this.size < this.capacity) {
        this.ring[(this.start + this.size) % this.capacity] = kept;
        this.size++;
      } else {
        this.ring[this.start] = kept;
        this.start = (this.start + 1) % this.capacity;
        this.evictedCount++;
      }
    }
  }

  /** Records kept now. */
  get kept(): number {
    return this.size;
  }

  /** Records pushed out of the ring by newer ones (not those removed by clear()). */
  get evicted(): number {
    return this.evictedCount;
  }

  /** Id of the newest record ever accepted; 0 before the first. */
  get lastId(): number {
    return this.nextId - 1;
  }

  /** Oldest first. Ids are consecutive within the ring, so `since` is an index. */
  query({ since = 0, limit = Number.POSITIVE_INFINITY }: RecordQuery = {}): KeptRecord[] {
    if (this.size === 0 || limit <= 0) return [];
    const firstId = this.nextId - this.size;
    const skip = Math.max(0, Math.min(this.size, since - firstId + 1));
    const count = Math.min(this.size - skip, limit);
    const out: KeptRecord[] = [];
    for (let i = 0; i < count; i++) {
      const r = this.ring[(this.start + skip + i) % this.capacity];
      if (r) out.push(r);
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.start = 0;
    this.size = 0;
  }
}
