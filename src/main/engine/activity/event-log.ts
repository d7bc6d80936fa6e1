import type { Database, Statement } from 'better-sqlite3';
import type { StreamEvent, StreamEventKind } from '../../../shared/api/activity';

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

const toEvent = (r: EventRow): StreamEvent => ({
  id: r.id,
  streamId: r.stream_id,
  at: r.at,
  kind: r.kind,
  level: r.level,
  message: r.message,
  httpStatus: r.http_status,
  responseBody: r.response_body,
});

/** The event log: status changes and errors, with the destination's response. */
export class EventLog {
  private readonly insert: Statement;
  private readonly prune: Statement<[number]>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly published: (event: StreamEvent) => void,
  ) {
    this.insert = db.prepare(
      'INSERT INTO events (stream_id, at, kind, level, message, http_status, response_body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.prune = db.prepare('DELETE FROM events WHERE at < ?');
  }

  add(e: NewEvent): StreamEvent {
    const at = this.now();
    const id = Number(
      this.insert.run(
        e.streamId,
        at,
        e.kind,
        e.level,
        e.message,
        e.httpStatus ?? null,
        e.responseBody ?? null,
      ).lastInsertRowid,
    );
    const event: StreamEvent = {
      id,
      streamId: e.streamId,
      at,
      kind: e.kind,
      level: e.level,
      message: e.message,
      httpStatus: e.httpStatus ?? null,
      responseBody: e.responseBody ?? null,
    };
    this.published(event);
    return event;
  }

  list(q: {
    streamId: string | null;
    beforeId: number | null;
    kinds: StreamEventKind[];
    limit: number;
  }): StreamEvent[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.streamId !== null) {
      where.push('stream_id = ?');
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
    return (this.db.prepare(sql).all(...params, q.limit) as EventRow[]).map(toEvent);
  }

  pruneOlderThan(at: number): number {
    return this.prune.run(at).changes;
  }
}
