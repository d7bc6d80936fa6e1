import type { Migration } from '../migration';

/**
 * Credentials read from the environment (docs/config.md): a stream's or a
 * receiver's secret given in a configuration file as {"env": "NAME"}. Only
 * the variable's name is stored; the value is read when the engine starts
 * and held in memory. `owner_id` is a stream or a source id (both UUIDs);
 * the triggers forget the references with their owner.
 */
export const migration005CredentialEnv: Migration = {
  version: 5,
  name: 'credential-env',
  up(db) {
    db.exec(`
      CREATE TABLE credential_env (
        owner_id TEXT NOT NULL,
        name TEXT NOT NULL,
        variable TEXT NOT NULL,
        PRIMARY KEY (owner_id, name)
      ) STRICT;

      CREATE TRIGGER streams_forget_credential_env AFTER DELETE ON streams
      BEGIN
        DELETE FROM credential_env WHERE owner_id = old.id;
      END;

      CREATE TRIGGER sources_forget_credential_env AFTER DELETE ON sources
      BEGIN
        DELETE FROM credential_env WHERE owner_id = old.id;
      END;
    `);
  },
};
