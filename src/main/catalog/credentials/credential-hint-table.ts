import type { Database, Statement } from 'better-sqlite3';

/** Each owner kind's table, with its statements written out (no table name is spliced into SQL). */
const statements = {
  stream: {
    all: 'SELECT name, hint FROM stream_credentials WHERE stream_id = ?',
    upsert:
      'INSERT INTO stream_credentials (stream_id, name, hint) VALUES (?, ?, ?) ON CONFLICT (stream_id, name) DO UPDATE SET hint = excluded.hint',
    remove: 'DELETE FROM stream_credentials WHERE stream_id = ? AND name = ?',
  },
  source: {
    all: 'SELECT name, hint FROM source_credentials WHERE source_id = ?',
    upsert:
      'INSERT INTO source_credentials (source_id, name, hint) VALUES (?, ?, ?) ON CONFLICT (source_id, name) DO UPDATE SET hint = excluded.hint',
    remove: 'DELETE FROM source_credentials WHERE source_id = ? AND name = ?',
  },
} as const;

export type CredentialOwnerKind = keyof typeof statements;

/**
 * The SQLite side of a definition's credentials (migrations 001 and 004):
 * per owner and credential name, only that it is set and a hint that is safe
 * to show. The same shape for streams and sources.
 */
export class CredentialHintTable {
  private readonly all: Statement<[string], { name: string; hint: string | null }>;
  private readonly upsert: Statement<[string, string, string | null]>;
  private readonly remove: Statement<[string, string]>;

  constructor(db: Database, kind: CredentialOwnerKind) {
    this.all = db.prepare(statements[kind].all);
    this.upsert = db.prepare(statements[kind].upsert);
    this.remove = db.prepare(statements[kind].remove);
  }

  /** Hints by credential name; a name is present only when that credential is set. */
  of(ownerId: string): Record<string, string | null> {
    const hints: Record<string, string | null> = {};
    for (const h of this.all.all(ownerId)) hints[h.name] = h.hint;
    return hints;
  }

  set(ownerId: string, name: string, hint: string | null): void {
    this.upsert.run(ownerId, name, hint);
  }

  clear(ownerId: string, name: string): void {
    this.remove.run(ownerId, name);
  }
}
