import { canonicalJson } from '../../src-shared/sync/canonical-json';
import type { ChainLink } from '../../src-shared/sync/chain';
import { enrollmentSchema, type Enrollment } from '../../src-shared/sync/enrollment';
import { SyncError } from '../../src-shared/sync/sync-errors';
import { IdleCheckpointer, leaveCheckpointsToIdleTime } from '../db/checkpoint';
import { DatabaseTooNewError } from '../db/connection';
import { openConnection, type Db } from '../db/driver';
import { reencryptIfLegacy } from '../db/encryption';
import type {
  BundleToCommit,
  CityStoreStorage,
  EnrolledStation,
  ReceivedBundle,
  RecordKey,
  ResourceVersionToStore,
  StorageCounts,
  StoredVersion,
} from './storage';

/**
 * The city record store's SQLite database. It is the city's server, not a workstation: the
 * file is encrypted (AEGIS-256 pages, through src-main/db/driver.ts) when a key is given —
 * `city-store init` writes one into the data directory (docs/city-store.md) — and plain
 * otherwise (tests, the bench).
 *
 * Its schema is its own, versioned by `PRAGMA user_version` like the station's: a file
 * written by a newer city store is refused before anything is written to it.
 */

interface CityStoreMigration {
  version: number;
  sql: string;
}

const MIGRATIONS: readonly CityStoreMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE stations (
        station_code    TEXT PRIMARY KEY,
        commune_code    TEXT NOT NULL,
        facility_code   TEXT NOT NULL,
        name            TEXT NOT NULL,
        enrollment_json TEXT NOT NULL,
        enrolled_at     TEXT NOT NULL
      ) STRICT;

      -- Every enrollment file ever registered, for the audit of who could sign when.
      CREATE TABLE enrollment_history (
        station_code    TEXT NOT NULL REFERENCES stations (station_code),
        enrolled_at     TEXT NOT NULL,
        enrollment_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bundles (
        bundle_id     TEXT PRIMARY KEY,
        bundle_hash   TEXT NOT NULL,
        station_code  TEXT NOT NULL REFERENCES stations (station_code),
        sequence      INTEGER NOT NULL,
        export_set_id TEXT NOT NULL,
        part          INTEGER NOT NULL,
        parts         INTEGER NOT NULL,
        received_at   TEXT NOT NULL,
        header_json   TEXT NOT NULL,
        receipt_text  TEXT NOT NULL,
        UNIQUE (station_code, sequence)
      ) STRICT;

      -- Every accepted version of every record; the current one is the highest version.
      CREATE TABLE resource_versions (
        resource_type TEXT NOT NULL,
        id            TEXT NOT NULL,
        version_id    TEXT NOT NULL,
        sha256        TEXT NOT NULL,
        resource_json TEXT NOT NULL,
        bundle_id     TEXT NOT NULL REFERENCES bundles (bundle_id),
        PRIMARY KEY (resource_type, id, version_id)
      ) STRICT;
      CREATE INDEX resource_versions_by_bundle ON resource_versions (bundle_id);
    `,
  },
];
const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface SqliteStorageOptions {
  /** Raw 256-bit database key, or null for a plain file. */
  key: Buffer | null;
}

/** The store's schema version in `file` is newer than this program knows. */
export class CityStoreTooNewError extends Error {
  constructor(fileVersion: number) {
    super(
      `The city store database has schema version ${fileVersion}, newer than this program's ` +
        `${LATEST_VERSION}. Run the newer city store; the file was not changed.`,
    );
    this.name = 'CityStoreTooNewError';
  }
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new CityStoreTooNewError(current);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.sql);
    db.pragma(`user_version = ${LATEST_VERSION}`);
  })();
}

interface StationRow {
  enrollment_json: string;
  enrolled_at: string;
}

interface BundleRow {
  bundle_id: string;
  bundle_hash: string;
  station_code: string;
  sequence: number;
  received_at: string;
  receipt_text: string;
}

function toStation(row: StationRow): EnrolledStation {
  return {
    enrollment: enrollmentSchema.parse(JSON.parse(row.enrollment_json)),
    enrolledAt: row.enrolled_at,
  };
}

function toBundle(row: BundleRow): ReceivedBundle {
  return {
    bundleId: row.bundle_id,
    bundleHash: row.bundle_hash,
    stationCode: row.station_code,
    sequence: row.sequence,
    receivedAt: row.received_at,
    receiptText: row.receipt_text,
  };
}

/** Opens (creating and migrating when needed) the city store database at `file`. */
export function openSqliteCityStore(
  file: string,
  options: SqliteStorageOptions,
): SqliteCityStoreStorage {
  if (options.key) reencryptLegacyStore(file, options.key);
  const db = openConnection(file, { key: options.key });
  try {
    db.pragma('journal_mode = WAL');
    // A receipt promises the city holds the records: the commit must survive a power cut,
    // so every bundle's transaction is synced (FULL), not only checkpointed (NORMAL).
    db.pragma('synchronous = FULL');
    // The log is copied back into the database file once the store is quiet, not inside
    // the commit a receipt waits for (as on the station, src-main/db/checkpoint.ts): the
    // cipher decrypts and re-encrypts every page of a bundle's log on the way (with SQLCipher
    // 4 that cost about as much as the commit itself). The commit alone is durable.
    leaveCheckpointsToIdleTime(db);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Temporary files would hold decrypted pages.
    db.pragma('temp_store = MEMORY');
    migrate(db);
    return new SqliteCityStoreStorage(db, new IdleCheckpointer(() => db, `${file}-wal`));
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A store written by an earlier version is encrypted with SQLCipher 4: it is re-encrypted
 * once with the current cipher, under the same key, as stations are (src-main/db/encryption.ts:
 * a byte copy, rekeyed, verified, renamed over the original; killed at any point, the next
 * start finds the old file or the new one).
 */
function reencryptLegacyStore(file: string, key: Buffer): void {
  try {
    reencryptIfLegacy(file, key, { latestSchemaVersion: LATEST_VERSION });
  } catch (error) {
    if (error instanceof DatabaseTooNewError) throw new CityStoreTooNewError(error.fileVersion);
    throw error;
  }
}

export class SqliteCityStoreStorage implements CityStoreStorage {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly checkpointer: IdleCheckpointer,
  ) {
    this.statements = {
      upsertStation: db.prepare(
        `INSERT INTO stations (station_code, commune_code, facility_code, name, enrollment_json, enrolled_at)
         VALUES (@stationCode, @communeCode, @facilityCode, @name, @json, @enrolledAt)
         ON CONFLICT (station_code) DO UPDATE SET
           commune_code = excluded.commune_code, facility_code = excluded.facility_code,
           name = excluded.name, enrollment_json = excluded.enrollment_json,
           enrolled_at = excluded.enrolled_at`,
      ),
      insertEnrollmentHistory: db.prepare(
        `INSERT INTO enrollment_history (station_code, enrolled_at, enrollment_json)
         VALUES (?, ?, ?)`,
      ),
      findStation: db.prepare(
        'SELECT enrollment_json, enrolled_at FROM stations WHERE station_code = ?',
      ),
      listStations: db.prepare(
        'SELECT enrollment_json, enrolled_at FROM stations ORDER BY station_code',
      ),
      lastLink: db.prepare(
        `SELECT sequence, bundle_hash FROM bundles WHERE station_code = ?
         ORDER BY sequence DESC LIMIT 1`,
      ),
      findBundle: db.prepare(
        `SELECT bundle_id, bundle_hash, station_code, sequence, received_at, receipt_text
         FROM bundles WHERE bundle_id = ?`,
      ),
      insertBundle: db.prepare(
        `INSERT INTO bundles (bundle_id, bundle_hash, station_code, sequence, export_set_id,
           part, parts, received_at, header_json, receipt_text)
         VALUES (@bundleId, @bundleHash, @stationCode, @sequence, @exportSetId, @part, @parts,
           @receivedAt, @headerJson, @receiptText)`,
      ),
      storedVersions: db.prepare(
        'SELECT version_id, sha256 FROM resource_versions WHERE resource_type = ? AND id = ?',
      ),
      // One index lookup per record of the JSON array of [resourceType, id] pairs.
      storedVersionsOf: db.prepare(
        `SELECT v.resource_type, v.id, v.version_id, v.sha256
         FROM json_each(?) AS j
         JOIN resource_versions AS v ON v.resource_type = j.value ->> 0 AND v.id = j.value ->> 1`,
      ),
      hasResource: db.prepare(
        'SELECT 1 FROM resource_versions WHERE resource_type = ? AND id = ? LIMIT 1',
      ),
      readResource: db.prepare(
        `SELECT resource_json FROM resource_versions
         WHERE resource_type = ? AND id = ? AND version_id = ?`,
      ),
      insertResource: db.prepare(
        `INSERT INTO resource_versions (resource_type, id, version_id, sha256, resource_json, bundle_id)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      counts: db.prepare(
        `SELECT (SELECT count(*) FROM stations) AS stations,
                (SELECT count(*) FROM bundles) AS bundles,
                (SELECT count(*) FROM resource_versions) AS resourceVersions`,
      ),
    };
  }

  enrollStation(enrollment: Enrollment, enrolledAt: string): void {
    const json = canonicalJson(enrollment);
    const { stationCode, communeCode, facilityCode, name } = enrollment.station;
    this.checkpointer.noteActivity();
    this.db.transaction(() => {
      this.statements.upsertStation.run({
        stationCode,
        communeCode,
        facilityCode,
        name,
        json,
        enrolledAt,
      });
      this.statements.insertEnrollmentHistory.run(stationCode, enrolledAt, json);
    })();
  }

  findStation(stationCode: string): EnrolledStation | null {
    const row = this.statements.findStation.get(stationCode) as StationRow | undefined;
    return row === undefined ? null : toStation(row);
  }

  listStations(): EnrolledStation[] {
    return (this.statements.listStations.all() as StationRow[]).map(toStation);
  }

  lastChainLink(stationCode: string): ChainLink | null {
    const row = this.statements.lastLink.get(stationCode) as
      { sequence: number; bundle_hash: string } | undefined;
    return row === undefined ? null : { sequence: row.sequence, bundleHash: row.bundle_hash };
  }

  findBundle(bundleId: string): ReceivedBundle | null {
    const row = this.statements.findBundle.get(bundleId) as BundleRow | undefined;
    return row === undefined ? null : toBundle(row);
  }

  storedVersions(resourceType: string, id: string): StoredVersion[] {
    return (
      this.statements.storedVersions.all(resourceType, id) as {
        version_id: string;
        sha256: string;
      }[]
    ).map((row) => ({ versionId: row.version_id, sha256: row.sha256 }));
  }

  storedVersionsOf(records: readonly RecordKey[]): Map<string, StoredVersion[]> {
    const held = new Map<string, StoredVersion[]>();
    if (records.length === 0) return held;
    const rows = this.statements.storedVersionsOf.all(
      JSON.stringify(records.map(({ resourceType, id }) => [resourceType, id])),
    ) as { resource_type: string; id: string; version_id: string; sha256: string }[];
    for (const row of rows) {
      const key = `${row.resource_type}/${row.id}`;
      let versions = held.get(key);
      if (versions === undefined) held.set(key, (versions = []));
      // The same record named twice in `records` would list its versions twice.
      if (!versions.some((v) => v.versionId === row.version_id)) {
        versions.push({ versionId: row.version_id, sha256: row.sha256 });
      }
    }
    return held;
  }

  hasResource(resourceType: string, id: string): boolean {
    return this.statements.hasResource.get(resourceType, id) !== undefined;
  }

  readResource(resourceType: string, id: string, versionId: string): string | null {
    const row = this.statements.readResource.get(resourceType, id, versionId) as
      { resource_json: string } | undefined;
    return row?.resource_json ?? null;
  }

  commitBundle(
    bundle: BundleToCommit,
    expectedPrevious: ChainLink | null,
    resources: readonly ResourceVersionToStore[],
  ): void {
    // Before the transaction: a log still holding an earlier bundle past the bound is
    // checkpointed now, and the quiet-time countdown restarts.
    this.checkpointer.noteActivity();
    this.db.transaction(() => {
      const previous = this.lastChainLink(bundle.stationCode);
      const chainMoved =
        previous?.sequence !== expectedPrevious?.sequence ||
        previous?.bundleHash !== expectedPrevious?.bundleHash;
      if (chainMoved || this.findBundle(bundle.bundleId) !== null) {
        throw new SyncError(
          'BUNDLE_REPLAYED',
          `Bundle ${bundle.bundleId} was overtaken while it was being received; nothing was stored.`,
        );
      }
      const { header } = bundle;
      this.statements.insertBundle.run({
        bundleId: bundle.bundleId,
        bundleHash: bundle.bundleHash,
        stationCode: bundle.stationCode,
        sequence: bundle.sequence,
        exportSetId: header.exportSetId,
        part: header.part,
        parts: header.parts,
        receivedAt: bundle.receivedAt,
        headerJson: canonicalJson(header),
        receiptText: bundle.receiptText,
      });
      const insert = this.statements.insertResource;
      for (const resource of resources) {
        insert.run(
          resource.resourceType,
          resource.id,
          resource.versionId,
          resource.sha256,
          resource.json,
          bundle.bundleId,
        );
      }
    })();
  }

  counts(): StorageCounts {
    return this.statements.counts.get() as StorageCounts;
  }

  close(): void {
    // Closing the last connection checkpoints the log.
    this.checkpointer.dispose();
    if (this.db.open) this.db.close();
  }
}
