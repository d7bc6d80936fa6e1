import type { Database } from 'better-sqlite3';
import {
  streamSettingsSchema,
  type Stream,
  type StreamSettings,
} from '../../../shared/api/streams';
import { credentialNames } from '../../../shared/destinations/schema';
import { credentialStates } from '../credentials/credentials';
import { DefinitionTable } from '../definition-table';

interface StreamRow {
  id: string;
  active: number;
  settings_json: string;
  created_at: string;
  updated_at: string;
}

const sql = {
  all: 'SELECT id, active, settings_json, created_at, updated_at FROM streams ORDER BY created_at, id',
  one: 'SELECT id, active, settings_json, created_at, updated_at FROM streams WHERE id = ?',
  byName: 'SELECT id FROM streams WHERE name = ?',
  delete: 'DELETE FROM streams WHERE id = ?',
  writes: {
    insert:
      'INSERT INTO streams (id, name, active, settings_json, created_at, updated_at) VALUES (@id, @name, @active, @settings, @now, @now)',
    update:
      'UPDATE streams SET name = @name, settings_json = @settings, updated_at = @now WHERE id = @id',
    setActive: 'UPDATE streams SET active = @active, updated_at = @now WHERE id = @id',
  },
};

/** Stream definitions in SQLite (migration 001). Never holds a secret. */
export class StreamRepository extends DefinitionTable<
  StreamRow,
  Stream,
  'insert' | 'update' | 'setActive'
> {
  constructor(db: Database) {
    super(db, 'stream', sql);
  }

  protected toStored(row: StreamRow, hints: Record<string, string | null>): Stream {
    // Parsing on the way out fills defaults added by later versions.
    const settings = streamSettingsSchema.parse(JSON.parse(row.settings_json));
    return {
      id: row.id,
      active: row.active === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...settings,
      credentials: credentialStates(credentialNames[settings.destination.tool], hints),
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
