import type { Database, Statement } from 'better-sqlite3';
import type { DeadLetter } from '../../shared/api/dead-letters';

interface Row {
  id: number;
  stream_id: string;
  at: number;
  http_status: number | null;
  reason: string;
  response_body: string | null;
  record_count: number;
  bytes: number;
  replays: number;
}

const columns =
  'id, stream_id, at, http_status, reason, response_body, record_count, length(request) AS bytes, replays';

const toDeadLetter = (r: Row): DeadLetter => ({
  id: r.id,
  streamId: r.stream_id,
  at: r.at,
  httpStatus: r.http_status,
  reason: r.reason,
  responseBody: r.response_body,
  recordCount: r.record_count,
  bytes: r.bytes,
  replays: r.replays,
});

export interface NewDeadLetter {
  streamId: string;
  httpStatus: number | null;
  reason: string;
  responseBody: string | null;
  recordCount: number;
  /** The refused ExportLogsServiceRequest, protobuf. */
  request: Uint8Array;
}

/**
 * Batches the destination refused for good (or whose retry window ran out):
 * never dropped, kept with the response until the user replays or deletes them.
 */
export class DeadLetterStore {
  private readonly s: {
    insert: Statement;
    list: Statement<[string], Row>;
    get: Statement<[number], Row & { request: Buffer }>;
    nextReplay: Statement<[string], Row & { request: Buffer }>;
    requestReplay: Statement<[number]>;
    replayFailed: Statement<[number, string, number | null, string | null, number]>;
    delete: Statement<[number]>;
    count: Statement<[string], { n: number }>;
  };

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO dead_letters (stream_id, at, http_status, reason, response_body, record_count, request) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      list: db.prepare(`SELECT ${columns} FROM dead_letters WHERE stream_id = ? ORDER BY id DESC`),
      get: db.prepare(`SELECT ${columns}, request FROM dead_letters WHERE id = ?`),
      nextReplay: db.prepare(
        `SELECT ${columns}, request FROM dead_letters WHERE stream_id = ? AND replay_requested = 1 ORDER BY id LIMIT 1`,
      ),
      requestReplay: db.prepare('UPDATE dead_letters SET replay_requested = 1 WHERE id = ?'),
      replayFailed: db.prepare(
        'UPDATE dead_letters SET replay_requested = 0, replays = replays + 1, at = ?, reason = ?, http_status = ?, response_body = ? WHERE id = ?',
      ),
      delete: db.prepare('DELETE FROM dead_letters WHERE id = ?'),
      count: db.prepare('SELECT count(*) AS n FROM dead_letters WHERE stream_id = ?'),
    };
  }

  add(d: NewDeadLetter): number {
    return Number(
      this.s.insert.run(
        d.streamId,
        this.now(),
        d.httpStatus,
        d.reason,
        d.responseBody,
        d.recordCount,
        d.request,
      ).lastInsertRowid,
    );
  }

  list(streamId: string): DeadLetter[] {
    return this.s.list.all(streamId).map(toDeadLetter);
  }

  get(id: number): (DeadLetter & { request: Uint8Array }) | null {
    const row = this.s.get.get(id);
    return row ? { ...toDeadLetter(row), request: new Uint8Array(row.request) } : null;
  }

  /** The oldest dead letter of the stream the user asked to replay. */
  nextReplay(streamId: string): (DeadLetter & { request: Uint8Array }) | null {
    const row = this.s.nextReplay.get(streamId);
    return row ? { ...toDeadLetter(row), request: new Uint8Array(row.request) } : null;
  }

  requestReplay(ids: readonly number[]): { streamIds: Set<string>; queued: number } {
    const streamIds = new Set<string>();
    let queued = 0;
    for (const id of ids) {
      const row = this.s.get.get(id);
      if (!row) continue;
      this.s.requestReplay.run(id);
      streamIds.add(row.stream_id);
      queued++;
    }
    return { streamIds, queued };
  }

  replayFailed(
    id: number,
    reason: string,
    httpStatus: number | null,
    responseBody: string | null,
  ): void {
    this.s.replayFailed.run(this.now(), reason, httpStatus, responseBody, id);
  }

  delete(id: number): boolean {
    return this.s.delete.run(id).changes > 0;
  }

  count(streamId: string): number {
    return this.s.count.get(streamId)?.n ?? 0;
  }
}
