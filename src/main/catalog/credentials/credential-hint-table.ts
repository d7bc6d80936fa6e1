import type { Database, Statement } from 'better-sqlite3';
import type { CredentialHintStore } from './credentials';

/**
 * The SQLite side of a configuration's credentials (migrations 001 and 004):
 * per owner and credential name, only that it is set and a hint that is safe
 * to show. The same shape for streams and sources.
 */
export class CredentialHintTable implements CredentialHintStore {
  private readonly all: Statement<[string], { name: string; hint: string | null }>;
  private readonly upsert: Statement<[string, string, string | null]>;
  private readonly remove: Statement<[string, string]>;

  constructor(
    db: Database,
    table: 'stream_credentials' | 'source_credentials',
    ownerColumn: 'stream_id' | 'source_id',
  ) {
    this.all = db.prepare(`SELECT name, hint FROM ${table} WHERE ${ownerColumn} = ?`);
    this.upsert = db.prepare(
      `INSERT INTO ${table} (${ownerColumn}, name, hint) VALUES (?, ?, ?) ON CONFLICT (${ownerColumn}, name) DO UPDATE SET hint = excluded.hint`,
    );
    this.remove = db.prepare(`DELETE FROM ${table} WHERE ${ownerColumn} = ? AND name = ?`);
  }

  /** Hints by credential name; a name is present only when that credential is set. */
  of(ownerId: string): Record<string, string | null> {
    const hints: Record<string, string | null> = {};
    for (const h of this.all.all(ownerId)) hints[h.name] = h.hint;
    return hints;
  }

  setCredentialHint(ownerId: string, name: string, hint: string | null): void {
    this.upsert.run(ownerId, name, hint);
  }

  clearCredentialHint(ownerId: string, name: string): void {
    this.remove.run(ownerId, name);
  }
}
