import type { Database, Statement } from 'better-sqlite3';
import type { StreamEvent, StreamEventKind } from '../../../shared/api/event-log';

export interface NewEvent {
  streamId: string | null;
  kind: StreamEventKind;
  level: StreamEvent['level'];
  message: string;
  httpStatus?: number | null;
  responseBody?: string | null;
}

interface EventRow {
  id: number;
  stream_id: string | null;
  at: number;
  kind: StreamEventKind;
  level: StreamEvent['level'];
  message: string;
  http_status: number | null;
  response_body: string | null;
}

/** A failure repeated within this long of the last time it was seen folds into the same event. */
export const foldWindowMs = 3_600_000;

/**
 * What makes two failures "the same" for folding: kind, level, HTTP status,
 * and the message with its figures left out ("Retrying the same 50
 * records" and "... 48 records" are the same failure).
 */
function foldKey(e: { kind: string; level: string; message: string; httpStatus: number | null }) {
  // "1 record" and "2 records" fold together too: figures and the plural s go.
  const shape = e.message.replace(/[\d,]*\d( \w+?)s?\b/g, '#$1').replace(/\d+/g, '#');
  return `${e.kind}|${e.level}|${e.httpStatus ?? ''}|${shape}`;
}

interface Fold {
  id: number;
  key: string;
  repeats: number;
  lastAt: number;
}

/**
 * The event log: status changes and errors, with the destination's response.
 * A warning or error that happens again (the same failure, for a stream,
 * within an hour of the last time) is not a new line: the event it repeats
 * counts it, "repeated N times, last at …". Those counts live in memory.
 */
export class EventLog {
  private readonly insert: Statement;
  private readonly prune: Statement<[number]>;
  private readonly byId: Statement<[number], EventRow>;
  /** Per stream (or '' for engine-wide), the last warning or error logged, for folding. */
  private readonly lastProblem = new Map<string, Fold>();
  private readonly folds = new Map<number, Fold>();

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly published: (event: StreamEvent) => void,
  ) {
    this.insert = db.prepare(
      'INSERT INTO events (stream_id, at, kind, level, message, http_status, response_body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.prune = db.prepare('DELETE FROM events WHERE at < ?');
    this.byId = db.prepare('SELECT * FROM events WHERE id = ?');
  }

  add(e: NewEvent): StreamEvent {
    const at = this.now();
    const httpStatus = e.httpStatus ?? null;
    const problem = e.level !== 'info';
    const owner = e.streamId ?? '';
    if (problem) {
      const key = foldKey({ ...e, httpStatus });
      const last = this.lastProblem.get(owner);
      if (last && last.key === key && at - last.lastAt <= foldWindowMs) {
        const folded = this.foldInto(last, at);
        if (folded) return folded;
      }
    } else {
      // Something went right or changed in between: a failure after it is news again.
      this.lastProblem.delete(owner);
    }
    const id = Number(
      this.insert.run(
        e.streamId,
        at,
        e.kind,
        e.level,
        e.message,
        httpStatus,
        e.responseBody ?? null,
      ).lastInsertRowid,
    );
    if (problem)
      this.lastProblem.set(owner, {
        id,
        key: foldKey({ ...e, httpStatus }),
        repeats: 0,
        lastAt: at,
      });
    const event: StreamEvent = {
      id,
      streamId: e.streamId,
      at,
      kind: e.kind,
      level: e.level,
      message: e.message,
      httpStatus,
      responseBody: e.responseBody ?? null,
      repeats: 0,
      lastRepeatAt: null,
    };
    this.published(event);
    return event;
  }

  /**
   * The failure a stream's last error event describes happened again (a
   * retry of the same batch, which the exporter does not log line by line):
   * counted on that event. `message` is the failure's own sentence, which
   * the logged event starts with. Returns false when there is no such event.
   */
  repeated(streamId: string, message: string, at: number): boolean {
    const last = this.lastProblem.get(streamId);
    if (!last) return false;
    const row = this.byId.get(last.id);
    if (!row || row.kind !== 'error' || !row.message.startsWith(message)) return false;
    return this.foldInto(last, at) !== null;
  }

  private foldInto(fold: Fold, at: number): StreamEvent | null {
    const row = this.byId.get(fold.id);
    if (!row) return null;
    fold.repeats++;
    fold.lastAt = at;
    this.folds.set(fold.id, fold);
    const event = this.toEvent(row);
    this.published(event);
    return event;
  }

  private toEvent(r: EventRow): StreamEvent {
    const fold = this.folds.get(r.id);
    return {
      id: r.id,
      streamId: r.stream_id,
      at: r.at,
      kind: r.kind,
      level: r.level,
      message: r.message,
      httpStatus: r.http_status,
      responseBody: r.response_body,
      repeats: fold?.repeats ?? 0,
      lastRepeatAt: fold ? fold.lastAt : null,
    };
  }

  list(q: {
    streamId: string | null;
    includeEngine?: boolean;
    beforeId: number | null;
    kinds: StreamEventKind[];
    limit: number;
  }): StreamEvent[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.streamId !== null) {
      where.push(q.includeEngine ? '(stream_id = ? OR stream_id IS NULL)' : 'stream_id = ?');
      params.push(q.streamId);
    }
    if (q.beforeId !== null) {
      where.push('id < ?');
      params.push(q.beforeId);
    }
    if (q.kinds.length > 0) {
      where.push(`kind IN (${q.kinds.map(() => '?').join(', ')})`);
      params.push(...q.kinds);
    }
    const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, q.limit) as EventRow[]).map((r) => this.toEvent(r));
  }

  pruneOlderThan(at: number): number {
    return this.prune.run(at).changes;
  }
}
