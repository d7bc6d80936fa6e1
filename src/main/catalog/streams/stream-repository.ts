import type { Database, Statement } from 'better-sqlite3';
import { streamSettingsSchema, type StreamSettings } from '../../../shared/api/streams';
import { CredentialHintTable } from '../credentials/credential-hint-table';
import { DefinitionTable } from '../definition-table';

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

/** Stream definitions in SQLite (migration 001). Never holds a secret. */
export class StreamRepository extends DefinitionTable<StreamRow, StoredStream> {
  private readonly writes: {
    insert: Statement;
    update: Statement;
    setActive: Statement;
  };

  constructor(db: Database) {
    super(
      {
        all: db.prepare(
          'SELECT id, active, settings_json, created_at, updated_at FROM streams ORDER BY created_at, id',
        ),
        one: db.prepare(
          'SELECT id, active, settings_json, created_at, updated_at FROM streams WHERE id = ?',
        ),
        byName: db.prepare('SELECT id FROM streams WHERE name = ?'),
        delete: db.prepare('DELETE FROM streams WHERE id = ?'),
      },
      new CredentialHintTable(db, 'stream'),
    );
    this.writes = {
      insert: db.prepare(
        'INSERT INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES (@id, @name, @active, @settings, @now, @now)',
      ),
      update: db.prepare(
        'UPDATE streams SET name = @name, settings_json = @settings, updated_at = @now WHERE id = @id',
      ),
      setActive: db.prepare(
        'UPDATE streams SET active = @active, updated_at = @now WHERE id = @id',
      ),
    };
  }

  protected toStored(row: StreamRow, credentialHints: Record<string, string | null>): StoredStream {
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

  insert(id: string, settings: StreamSettings, active: boolean, now: string): void {
    this.writes.insert.run({
      id,
      name: settings.name,
      active: active ? 1 : 0,
      settings: JSON.stringify(settings),
      now,
    });
  }

  update(id: string, settings: StreamSettings, now: string): void {
    this.writes.update.run({ id, name: settings.name, settings: JSON.stringify(settings), now });
  }

  setActive(id: string, active: boolean, now: string): void {
    this.writes.setActive.run({ id, active: active ? 1 : 0, now });
  }
}
