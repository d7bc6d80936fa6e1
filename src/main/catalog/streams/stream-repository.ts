import { CredentialHintTable } from '../credentials/credential-hint-table';
import type { Database } from 'better-sqlite3';
import { streamSettingsSchema, type StreamSettings } from '../../../shared/api/streams';

export interface StoredStream {
  id: string;
  active: boolean;
  settings: StreamSettings;
  createdAt: string;
  updatedAt: string;
  credentialHints: Record<string, string | null>;
}

interface StreamRow {
  id: string;
  active: number;
  settings_json: string;
  created_at: string;
  updated_at: string;
}

/** Stream configurations in SQLite. Never holds a secret (see migration 001). */
export class StreamRepository {
  private readonly stmts;

  private readonly hints: CredentialHintTable;

  constructor(private readonly db: Database) {
    this.hints = new CredentialHintTable(db, 'stream_credentials', 'stream_id');
    this.stmts = {
      all: db.prepare<[], StreamRow>(
        'SELECT id, active, settings_json, created_at, updated_at FROM streams ORDER BY created_at, id',
      ),
      one: db.prepare<[string], StreamRow>(
        'SELECT id, active, settings_json, created_at, updated_at FROM streams WHERE id = ?',
      ),
      byName: db.prepare<[string], { id: string }>('SELECT id FROM streams WHERE name = ?'),
      insert: db.prepare(
        'INSERT INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES (@id, @name, @active, @settings, @now, @now)',
      ),
      update: db.prepare(
        'UPDATE streams SET name = @name, settings_json = @settings, updated_at = @now WHERE id = @id',
      ),
      setActive: db.prepare(
        'UPDATE streams SET active = @active, updated_at = @now WHERE id = @id',
      ),
      delete: db.prepare<[string]>('DELETE FROM streams WHERE id = ?'),
    };
  }

  private toStored(row: StreamRow): StoredStream {
    const credentialHints = this.hints.of(row.id);
    return {
      id: row.id,
      active: row.active === 1,
      // Parsing on the way out fills defaults added by later versions.
      settings: streamSettingsSchema.parse(JSON.parse(row.settings_json)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      credentialHints,
    };
  }

  list(): StoredStream[] {
    return this.stmts.all.all().map((r) => this.toStored(r));
  }

  get(id: string): StoredStream | null {
    const row = this.stmts.one.get(id);
    return row ? this.toStored(row) : null;
  }

  idForName(name: string): string | null {
    return this.stmts.byName.get(name.trim())?.id ?? null;
  }

  insert(id: string, settings: StreamSettings, active: boolean, now: string): void {
    this.stmts.insert.run({
      id,
      name: settings.name,
      active: active ? 1 : 0,
      settings: JSON.stringify(settings),
      now,
    });
  }

  update(id: string, settings: StreamSettings, now: string): void {
    this.stmts.update.run({ id, name: settings.name, settings: JSON.stringify(settings), now });
  }

  setActive(id: string, active: boolean, now: string): void {
    this.stmts.setActive.run({ id, active: active ? 1 : 0, now });
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0;
  }

  setCredentialHint(id: string, name: string, hint: string | null): void {
    this.hints.setCredentialHint(id, name, hint);
  }

  clearCredentialHint(id: string, name: string): void {
    this.hints.clearCredentialHint(id, name);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
