/**
 * Counters over every request to an ingest path (POST /api/v2/otlp/v1/logs,
 * /e/{env}/...) and unknown paths, since start. Control requests (/records,
 * /stats, /_faults) are not counted, so reading the figures does not change
 * them.
 */
export interface DynatraceLocalStats {
  startedAt: string;
  requests: {
    /** Every counted request, answered or not. */
    total: number;
    /** Answers by HTTP status, e.g. { "200": 10, "401": 1, "503": 3 }. */
    byStatus: Record<string, number>;
    /** Connections reset instead of answered (fault). */
    reset: number;
    /** Requests held without an answer (fault), including those still hanging. */
    hung: number;
  };
  records: {
    /** Log records accepted in 200 answers. */
    accepted: number;
    /** Log records rejected in partial successes (e.g. older than the log age limit). */
    rejected: number;
    /** Accepted records currently kept for GET /records. */
    kept: number;
    /** Accepted records pushed out of the ring by newer ones. */
    evicted: number;
    /** Id of the newest accepted record; 0 before the first. */
    lastId: number;
  };
  bytes: {
    /** Body bytes of 200-answered requests as sent (compressed when gzip). */
    wire: number;
    /** The same bodies as protobuf, after gzip. */
    decoded: number;
  };
  /** The partial-success message of the last request that had rejected records. */
  lastRejection: string | null;
}

export class Counters {
  readonly startedAt = new Date().toISOString();
  total = 0;
  readonly byStatus = new Map<number, number>();
  reset = 0;
  hung = 0;
  accepted = 0;
  rejected = 0;
  wireBytes = 0;
  decodedBytes = 0;
  lastRejection: string | null = null;

  answered(status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  snapshot(store: { kept: number; evicted: number; lastId: number }): DynatraceLocalStats {
    const byStatus: Record<string, number> = {};
    for (const [status, n] of [...this.byStatus].sort((a, b) => a[0] - b[0])) {
      byStatus[String(status)] = n;
    }
    return {
      startedAt: this.startedAt,
      requests: { total: this.total, byStatus, reset: this.reset, hung: this.hung },
      records: {
        accepted: this.accepted,
        rejected: this.rejected,
        kept: store.kept,
        evicted: store.evicted,
        lastId: store.lastId,
      },
      bytes: { wire: this.wireBytes, decoded: this.decodedBytes },
      lastRejection: this.lastRejection,
    };
  }
}
