import type { Database, Statement } from 'better-sqlite3';

export interface CredentialEnvRef {
  /** A stream or source id. */
  ownerId: string;
  /** The credential's name (`token`). */
  name: string;
  /** The environment variable it is read from. */
  variable: string;
}

/**
 * Which credentials are read from the environment (migration 005): names of
 * variables only, never values. The values are read when an engine starts
 * (or a file is applied) and held in memory (SessionTokenStore).
 */
export class CredentialEnvStore {
  private readonly stmts: {
    all: Statement<[], { owner_id: string; name: string; variable: string }>;
    one: Statement<[string, string], { variable: string }>;
    set: Statement<[string, string, string]>;
    clear: Statement<[string, string]>;
  };

  constructor(db: Database) {
    this.stmts = {
      all: db.prepare(
        'SELECT owner_id, name, variable FROM credential_env ORDER BY owner_id, name',
      ),
      one: db.prepare('SELECT variable FROM credential_env WHERE owner_id = ? AND name = ?'),
      set: db.prepare(
        'INSERT INTO credential_env (owner_id, name, variable) VALUES (?, ?, ?) ON CONFLICT (owner_id, name) DO UPDATE SET variable = excluded.variable',
      ),
      clear: db.prepare('DELETE FROM credential_env WHERE owner_id = ? AND name = ?'),
    };
  }

  all(): CredentialEnvRef[] {
    return this.stmts.all
      .all()
      .map((r) => ({ ownerId: r.owner_id, name: r.name, variable: r.variable }));
  }

  get(ownerId: string, name: string): string | null {
    return this.stmts.one.get(ownerId, name)?.variable ?? null;
  }

  set(ownerId: string, name: string, variable: string): void {
    this.stmts.set.run(ownerId, name, variable);
  }

  clear(ownerId: string, name: string): void {
    this.stmts.clear.run(ownerId, name);
  }
}
