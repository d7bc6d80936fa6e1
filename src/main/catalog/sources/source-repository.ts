import type { Database } from 'better-sqlite3';
import {
  sourceCredentialNames,
  sourceSettingsSchema,
  type Source,
  type SourceConfig,
} from '../../../shared/api/sources';
import { credentialStates } from '../credentials/credentials';
import { DefinitionTable } from '../definition-table';

interface SourceRow {
  id: string;
  name: string;
  settings_json: string;
  full_policy: string;
  created_at: string;
  updated_at: string;
}

const sql = {
  all: 'SELECT id, name, settings_json, full_policy, created_at, updated_at FROM sources ORDER BY created_at, id',
  one: 'SELECT id, name, settings_json, full_policy, created_at, updated_at FROM sources WHERE id = ?',
  byName: 'SELECT id FROM sources WHERE name = ?',
  delete: 'DELETE FROM sources WHERE id = ?',
  writes: {
    insert:
      'INSERT INTO sources (id, name, kind, settings_json, full_policy, created_at, updated_at) VALUES (@id, @name, @kind, @settings, @policy, @now, @now)',
    update:
      'UPDATE sources SET name = @name, kind = @kind, settings_json = @settings, full_policy = @policy, updated_at = @now WHERE id = @id',
  },
};

/** Source definitions in SQLite (migration 004). Never holds a secret. */
export class SourceRepository extends DefinitionTable<SourceRow, Source, 'insert' | 'update'> {
  constructor(db: Database) {
    super(db, 'source', sql);
  }

  protected toStored(row: SourceRow, hints: Record<string, string | null>): Source {
    // Parsing on the way out fills defaults added by later versions.
    const settings = sourceSettingsSchema.parse(JSON.parse(row.settings_json));
    return {
      id: row.id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      name: row.name,
      settings,
      fullPolicy: row.full_policy === 'drop-oldest' ? 'drop-oldest' : 'block',
      credentials: credentialStates(sourceCredentialNames[settings.kind], hints),
    };
  }

  private row(id: string, config: SourceConfig, now: string) {
    return {
      id,
      name: config.name,
      kind: config.settings.kind,
      settings: JSON.stringify(config.settings),
      policy: config.fullPolicy,
      now,
    };
  }

  insert(id: string, config: SourceConfig, now: string): void {
    this.writes.insert.run(this.row(id, config, now));
  }

  update(id: string, config: SourceConfig, now: string): void {
    this.writes.update.run(this.row(id, config, now));
  }
}
