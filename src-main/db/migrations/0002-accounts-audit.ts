import type { Migration } from './index';

/**
 * Accounts that can be locked out, disabled and made to change their password; station
 * settings; and the append-only, hash-chained audit trail (Decree 356/2025: keep processing
 * logs of personal data).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'accounts-audit',
  sql: `
    ALTER TABLE users ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN locked_until TEXT;
    ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
      CHECK (must_change_password IN (0, 1));
    ALTER TABLE users ADD COLUMN password_changed_at TEXT;
    ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
    ALTER TABLE users ADD COLUMN updated_at TEXT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value)),
      updated_at TEXT NOT NULL,
      updated_by TEXT REFERENCES users(id)
    ) STRICT;

    -- Append-only: each row carries the hash of the one before it, so an edited or deleted
    -- row breaks the chain (src-main/audit/audit-log.ts verifies it).
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      user_id TEXT,
      user_name TEXT NOT NULL,
      action TEXT NOT NULL,
      record_type TEXT,
      record_id TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
      details TEXT NOT NULL CHECK (json_valid(details)),
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_by_time ON audit_log (at);
    CREATE INDEX audit_by_user ON audit_log (user_id, seq);
    CREATE INDEX audit_by_record ON audit_log (record_id, seq);
    CREATE INDEX audit_by_action ON audit_log (action, seq);

    -- The application never rewrites history; these make an accidental UPDATE or DELETE
    -- through the app's own connection fail loudly too.
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
  `,
};
