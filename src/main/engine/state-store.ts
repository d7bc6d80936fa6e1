import type { Statement } from 'better-sqlite3';
import type { Store } from './store';

/**
 * Small pieces of the engine's own state (not user settings) in the
 * settings table, one JSON value per key: the demo's endpoint and stream,
 * whether the default sources were created.
 */
export class StateStore {
  private readonly read: Statement<[string], { value_json: string }>;
  private readonly write: Statement<[string, string]>;
  private readonly remove: Statement<[string]>;

  constructor({ db }: Pick<Store, 'db'>) {
    this.read = db.prepare('SELECT value_json FROM settings WHERE key = ?');
    this.write = db.prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    );
    this.remove = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  get<T>(key: string): T | null {
    const row = this.read.get(key);
    return row ? (JSON.parse(row.value_json) as T) : null;
  }

  set(key: string, value: unknown): void {
    this.write.run(key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.remove.run(key);
  }
}
