import type { Database, Statement } from 'better-sqlite3';
import { sourceSettingsSchema, type SourceConfig } from '../../../shared/api/sources';
import { CredentialHintTable } from '../credentials/credential-hint-table';
import { DefinitionTable } from '../definition-table';

export interface StoredSource {
  id: string;
  config: SourceConfig;
  createdAt: string;
  updatedAt: string;
  credentialHints: Record<string, string | null>;
}

interface SourceRow {
  id: string;
  name: string;
  settings_json: string;
  full_policy: string;
  created_at: string;
  updated_at: string;
}

/** Source definitions in SQLite (migration 004). Never holds a secret. */
export class SourceRepository extends DefinitionTable<SourceRow, StoredSource> {
  private readonly writes: { insert: Statement; update: Statement };

  constructor(db: Database) {
    super(
      {
        all: db.prepare(
          'SELECT id, name, settings_json, full_policy, created_at, updated_at FROM sources ORDER BY created_at, id',
        ),
        one: db.prepare(
          'SELECT id, name, settings_json, full_policy, created_at, updated_at FROM sources WHERE id = ?',
        ),
        byName: db.prepare('SELECT id FROM sources WHERE name = ?'),
        delete: db.prepare('DELETE FROM sources WHERE id = ?'),
      },
      new CredentialHintTable(db, 'source'),
    );
    this.writes = {
      insert: db.prepare(
        'INSERT INTO sources (id, name, kind, settings_json, full_policy, created_at, updated_at) VALUES (@id, @name, @kind, @settings, @policy, @now, @now)',
      ),
      update: db.prepare(
        'UPDATE sources SET name = @name, kind = @kind, settings_json = @settings, full_policy = @policy, updated_at = @now WHERE id = @id',
      ),
    };
  }

  protected toStored(row: SourceRow, credentialHints: Record<string, string | null>): StoredSource {
    return {
      id: row.id,
      config: {
        name: row.name,
        // Parsing on the way out fills defaults added by later versions.
        settings: sourceSettingsSchema.parse(JSON.parse(row.settings_json)),
        fullPolicy: row.full_policy === 'drop-oldest' ? 'drop-oldest' : 'block',
      },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      credentialHints,
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
