import { CredentialHintTable } from '../credentials/credential-hint-table';
import type { Database } from 'better-sqlite3';
import { sourceSettingsSchema, type SourceConfig } from '../../../shared/api/sources';
import type { CredentialHintStore } from '../credentials/credentials';

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

const columns = 'id, name, settings_json, full_policy, created_at, updated_at';

/** Source configurations in SQLite (migration 004). Never holds a secret. */
export class SourceRepository implements CredentialHintStore {
  private readonly stmts;

  private readonly hints: CredentialHintTable;

  constructor(private readonly db: Database) {
    this.hints = new CredentialHintTable(db, 'source_credentials', 'source_id');
    this.stmts = {
      all: db.prepare<[], SourceRow>(`SELECT ${columns} FROM sources ORDER BY created_at, id`),
      one: db.prepare<[string], SourceRow>(`SELECT ${columns} FROM sources WHERE id = ?`),
      byName: db.prepare<[string], { id: string }>('SELECT id FROM sources WHERE name = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sources'),
      insert: db.prepare(
        'INSERT INTO sources (id, name, kind, settings_json, full_policy, created_at, updated_at) VALUES (@id, @name, @kind, @settings, @policy, @now, @now)',
      ),
      update: db.prepare(
        'UPDATE sources SET name = @name, kind = @kind, settings_json = @settings, full_policy = @policy, updated_at = @now WHERE id = @id',
      ),
      delete: db.prepare<[string]>('DELETE FROM sources WHERE id = ?'),
    };
  }

  private toStored(row: SourceRow): StoredSource {
    const credentialHints = this.hints.of(row.id);
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

  list(): StoredSource[] {
    return this.stmts.all.all().map((r) => this.toStored(r));
  }

  get(id: string): StoredSource | null {
    const row = this.stmts.one.get(id);
    return row ? this.toStored(row) : null;
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  idForName(name: string): string | null {
    return this.stmts.byName.get(name.trim())?.id ?? null;
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
    this.stmts.insert.run(this.row(id, config, now));
  }

  update(id: string, config: SourceConfig, now: string): void {
    this.stmts.update.run(this.row(id, config, now));
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
