import type { Migration } from './index';

/**
 * Data-subject rights (Law 91/2025, Decree 356/2025): the log of what residents asked the
 * station for (see, copy, correct, withdraw a consent), and the withdrawals themselves, so
 * the station knows per resident which consent purposes it must no longer process.
 * Local to the station: neither table is synced.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'subject-rights',
  sql: `
    CREATE TABLE subject_requests (
      id TEXT PRIMARY KEY,
      resident_id TEXT NOT NULL REFERENCES residents(id),
      kind TEXT NOT NULL CHECK (kind IN ('access', 'copy', 'correction', 'withdrawal')),
      requested_by TEXT NOT NULL CHECK (requested_by IN ('self', 'representative')),
      representative_name TEXT NOT NULL DEFAULT ''
        CHECK (requested_by = 'representative' OR representative_name = ''),
      received_at TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      purpose TEXT CHECK (purpose IN ('recordKeeping', 'citySharing', 'statistics')),
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES users(id),
      CHECK ((kind = 'withdrawal') = (purpose IS NOT NULL))
    ) STRICT;
    CREATE INDEX subject_requests_by_resident ON subject_requests (resident_id, recorded_at);

    -- One row per withdrawal, made with its request. It is in force until a later health
    -- declaration records a new, explicit consent for the purpose; then the renewal is
    -- written here and the row stays as history.
    CREATE TABLE consent_withdrawals (
      request_id TEXT PRIMARY KEY REFERENCES subject_requests(id),
      resident_id TEXT NOT NULL REFERENCES residents(id),
      purpose TEXT NOT NULL CHECK (purpose IN ('recordKeeping', 'citySharing', 'statistics')),
      withdrawn_at TEXT NOT NULL,
      withdrawn_by TEXT NOT NULL REFERENCES users(id),
      renewed_at TEXT,
      renewed_by TEXT REFERENCES users(id),
      renewed_declaration_version INTEGER CHECK (renewed_declaration_version > 0),
      CHECK ((renewed_at IS NULL) = (renewed_by IS NULL)),
      CHECK ((renewed_at IS NULL) = (renewed_declaration_version IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX consent_withdrawals_one_in_force
      ON consent_withdrawals (resident_id, purpose) WHERE renewed_at IS NULL;
  `,
};
