import type { Migration } from './index';

/**
 * The foundation: station, accounts, residents with their identifiers and versions, health
 * declarations with versions and drafts, and the outbox that feeds sync. Synced tables are
 * additive-only from here on (docs/architecture.md, "Storage").
 */
export const migration0001: Migration = {
  version: 1,
  name: 'foundation',
  sql: `
    CREATE TABLE station (
      id TEXT PRIMARY KEY,
      singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
      commune_code TEXT NOT NULL,
      name TEXT NOT NULL,
      facility_code TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      full_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('administrator', 'health_worker', 'school_nurse', 'supervisor')),
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      created_at TEXT NOT NULL,
      created_by TEXT REFERENCES users(id)
    ) STRICT;

    CREATE TABLE residents (
      id TEXT PRIMARY KEY,
      version INTEGER NOT NULL CHECK (version > 0),
      data TEXT NOT NULL CHECK (json_valid(data)),
      full_name TEXT NOT NULL,
      name_folded TEXT NOT NULL,
      name_given_first TEXT NOT NULL,
      sex TEXT NOT NULL CHECK (sex IN ('1', '2')),
      birth_date TEXT NOT NULL,
      personal_id TEXT,
      temporary_id TEXT,
      bhyt TEXT,
      phone TEXT,
      commune_code TEXT NOT NULL,
      street TEXT NOT NULL,
      identifier_history TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(identifier_history)),
      duplicate_review TEXT CHECK (duplicate_review IS NULL OR json_valid(duplicate_review)),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT;
    CREATE INDEX residents_by_name ON residents (name_folded);
    CREATE INDEX residents_by_given_name ON residents (name_given_first);
    CREATE INDEX residents_by_name_birth ON residents (name_folded, birth_date);
    CREATE INDEX residents_by_updated ON residents (updated_at);

    -- Every identifier a resident can be found by. Only a current personal ID is unique:
    -- IDs are re-issued, and former ones stay searchable as 'former'.
    CREATE TABLE resident_identifiers (
      value TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('personal_id', 'cmnd', 'bhyt', 'social_insurance', 'phone', 'temporary', 'former')),
      resident_id TEXT NOT NULL REFERENCES residents(id),
      PRIMARY KEY (value, kind, resident_id)
    ) STRICT, WITHOUT ROWID;
    CREATE UNIQUE INDEX resident_identifiers_one_personal_id
      ON resident_identifiers (value) WHERE kind = 'personal_id';
    CREATE INDEX resident_identifiers_by_resident ON resident_identifiers (resident_id);

    CREATE TABLE resident_versions (
      resident_id TEXT NOT NULL REFERENCES residents(id),
      version INTEGER NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data)),
      changed_at TEXT NOT NULL,
      changed_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (resident_id, version)
    ) STRICT;

    CREATE TABLE declarations (
      id TEXT PRIMARY KEY,
      resident_id TEXT NOT NULL UNIQUE REFERENCES residents(id),
      version INTEGER NOT NULL CHECK (version > 0),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT;

    CREATE TABLE declaration_versions (
      declaration_id TEXT NOT NULL REFERENCES declarations(id),
      version INTEGER NOT NULL CHECK (version > 0),
      data TEXT NOT NULL CHECK (json_valid(data)),
      submitted_at TEXT NOT NULL,
      submitted_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (declaration_id, version)
    ) STRICT;

    CREATE TABLE declaration_drafts (
      resident_id TEXT PRIMARY KEY REFERENCES residents(id),
      base_version INTEGER NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data)),
      saved_at TEXT NOT NULL,
      saved_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT;

    -- Written in the same transaction as the change it announces, so nothing can be saved
    -- and forgotten by sync.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      entity_type TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      entity_version INTEGER NOT NULL,
      operation TEXT NOT NULL CHECK (operation IN ('create', 'update')),
      created_at TEXT NOT NULL,
      acknowledged_at TEXT
    ) STRICT;
    CREATE INDEX outbox_pending ON outbox (seq) WHERE acknowledged_at IS NULL;
  `,
};
