import type { Database, Statement } from 'better-sqlite3';
import { appSettingsSchema, type AppSettings } from '../../shared/api/settings';

/** Engine-wide settings in SQLite, one JSON row, defaults filled on read. */
export class SettingsStore {
  private readonly read: Statement<[], { value_json: string }>;
  private readonly write: Statement<[string]>;
  private cached: AppSettings;

  constructor(db: Database) {
    this.read = db.prepare("SELECT value_json FROM settings WHERE key = 'app'");
    this.write = db.prepare(
      "INSERT INTO settings (key, value_json) VALUES ('app', ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
    );
    const row = this.read.get();
    const parsed = appSettingsSchema.safeParse(row ? JSON.parse(row.value_json) : {});
    // A row written by another version that no longer parses falls back to
    // defaults rather than keeping the engine from starting.
    this.cached = parsed.success ? parsed.data : appSettingsSchema.parse({});
  }

  get(): AppSettings {
    return this.cached;
  }

  set(settings: AppSettings): AppSettings {
    this.write.run(JSON.stringify(settings));
    this.cached = settings;
    return settings;
  }
}
