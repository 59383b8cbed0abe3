import type { Migration } from './index';

/**
 * Sync to the city record store (docs/sync-protocol.md). The station's private signing key
 * lives in the SecretStore, never here; a supervisor's private key is kept sealed under her
 * password. Every bundle's file is kept until its receipt is in, so a lost bundle is sent
 * again byte for byte; every record of every bundle is listed with the city's answer.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'sync',
  sql: `
    CREATE TABLE sync_station_key (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      kid TEXT NOT NULL,
      public_jwk TEXT NOT NULL CHECK (json_valid(public_jwk)),
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sync_supervisor_keys (
      kid TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id),
      public_jwk TEXT NOT NULL CHECK (json_valid(public_jwk)),
      -- src-main/sync/keys.ts sealPrivateKey: scrypt + AES-256-GCM under her password.
      sealed_private TEXT NOT NULL CHECK (json_valid(sealed_private)),
      created_at TEXT NOT NULL,
      retired_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX sync_supervisor_keys_one_active
      ON sync_supervisor_keys (user_id) WHERE retired_at IS NULL;

    -- Every city key ever trusted: old receipts stay verifiable after a rotation.
    CREATE TABLE sync_city_keys (
      kid TEXT PRIMARY KEY,
      use TEXT NOT NULL CHECK (use IN ('bundle-encryption', 'receipt-signing')),
      jwk TEXT NOT NULL CHECK (json_valid(jwk)),
      valid_from TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT;

    CREATE TABLE sync_bundles (
      id TEXT PRIMARY KEY,
      export_set_id TEXT NOT NULL,
      part INTEGER NOT NULL CHECK (part >= 1),
      parts INTEGER NOT NULL CHECK (parts >= part),
      sequence INTEGER NOT NULL UNIQUE CHECK (sequence >= 1),
      bundle_hash TEXT NOT NULL UNIQUE,
      previous_bundle_hash TEXT,
      header TEXT NOT NULL CHECK (json_valid(header)),
      file_name TEXT NOT NULL,
      file_text TEXT NOT NULL,
      records INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('exported', 'uploaded', 'receipted', 'partlyRejected')),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      supervisor_kid TEXT NOT NULL,
      uploaded_at TEXT,
      receipted_at TEXT,
      receipt TEXT CHECK (receipt IS NULL OR json_valid(receipt))
    ) STRICT;
    CREATE INDEX sync_bundles_by_set ON sync_bundles (export_set_id, part);

    -- One row per FHIR resource sent, tied to the outbox row it came from.
    CREATE TABLE sync_bundle_records (
      bundle_id TEXT NOT NULL REFERENCES sync_bundles(id),
      resource_type TEXT NOT NULL,
      resource_id TEXT NOT NULL,
      version_id TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      outbox_seq INTEGER NOT NULL REFERENCES outbox(seq),
      status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'duplicate', 'rejected')),
      reason TEXT,
      PRIMARY KEY (bundle_id, resource_type, resource_id, version_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sync_bundle_records_by_outbox ON sync_bundle_records (outbox_seq);
    CREATE INDEX sync_bundle_records_rejected ON sync_bundle_records (status)
      WHERE status = 'rejected';
  `,
};
