import type { OUTBOX_KINDS } from '../../src-shared/ipc/contract-sync';
import type { TrustedCityKey } from '../../src-shared/sync/city-keys';
import type { ChainLink } from '../../src-shared/sync/chain';
import type { ReceiptRecord } from '../../src-shared/sync/receipt';
import type { Db } from './connection';
import { prepared } from './statements';

/**
 * Storage of sync (migration 0007, docs/sync-protocol.md): keys, bundles and their records.
 * Every function that writes is called inside the caller's transaction.
 */

export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export type BundleState = 'exported' | 'uploaded' | 'receipted' | 'partlyRejected';

/* ---------------------------------------------------------------- settings: city address */

const CITY_STORE_URL_KEY = 'cityStoreUrl';

export function getCityStoreUrl(db: Db): string {
  const row = prepared(db, 'SELECT value FROM settings WHERE key = ?').get(CITY_STORE_URL_KEY) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as string) : '';
}

export function setCityStoreUrl(db: Db, url: string, at: string, userId: string): void {
  prepared(
    db,
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  ).run(CITY_STORE_URL_KEY, JSON.stringify(url), at, userId);
}

/* ---------------------------------------------------------------------------- keys */

export interface PublicKeyRow {
  kid: string;
  publicJwk: string;
}

export function getStationKeyRow(db: Db): PublicKeyRow | null {
  return (prepared(
    db,
    'SELECT kid, public_jwk AS publicJwk FROM sync_station_key WHERE singleton = 1',
  ).get() ?? null) as PublicKeyRow | null;
}

export function saveStationKeyRow(db: Db, row: PublicKeyRow, at: string): void {
  prepared(
    db,
    `INSERT INTO sync_station_key (singleton, kid, public_jwk, created_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET kid = excluded.kid, public_jwk = excluded.public_jwk,
       created_at = excluded.created_at`,
  ).run(row.kid, row.publicJwk, at);
}

export interface SupervisorKeyRow extends PublicKeyRow {
  userId: string;
  sealedPrivate: string;
}

export function getActiveSupervisorKey(db: Db, userId: string): SupervisorKeyRow | null {
  return (prepared(
    db,
    `SELECT kid, user_id AS userId, public_jwk AS publicJwk, sealed_private AS sealedPrivate
       FROM sync_supervisor_keys WHERE user_id = ? AND retired_at IS NULL`,
  ).get(userId) ?? null) as SupervisorKeyRow | null;
}

/** Active supervisor keys of enabled supervisor accounts, for the enrollment file. */
export function listEnrolledSupervisorKeys(
  db: Db,
): (PublicKeyRow & { username: string; fullName: string })[] {
  return prepared(
    db,
    `SELECT k.kid, k.public_jwk AS publicJwk, u.username, u.full_name AS fullName
       FROM sync_supervisor_keys k JOIN users u ON u.id = k.user_id
       WHERE k.retired_at IS NULL AND u.disabled = 0 AND u.role = 'supervisor'
       ORDER BY u.username`,
  ).all() as (PublicKeyRow & { username: string; fullName: string })[];
}

export function insertSupervisorKey(db: Db, row: SupervisorKeyRow, at: string): void {
  prepared(
    db,
    `INSERT INTO sync_supervisor_keys (kid, user_id, public_jwk, sealed_private, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(row.kid, row.userId, row.publicJwk, row.sealedPrivate, at);
}

export function replaceSealedPrivate(db: Db, kid: string, sealedPrivate: string): void {
  prepared(db, 'UPDATE sync_supervisor_keys SET sealed_private = ? WHERE kid = ?').run(
    sealedPrivate,
    kid,
  );
}

/** Retires the user's active key; returns its kid, or null when she had none. */
export function retireSupervisorKeys(db: Db, userId: string, at: string): string | null {
  const active = getActiveSupervisorKey(db, userId);
  if (!active) return null;
  prepared(db, 'UPDATE sync_supervisor_keys SET retired_at = ? WHERE kid = ?').run(at, active.kid);
  return active.kid;
}

interface CityKeyRow {
  kid: string;
  use: TrustedCityKey['use'];
  jwk: string;
  validFrom: string;
  importedAt: string;
  importedBy: string;
}

export function listCityKeys(db: Db): TrustedCityKey[] {
  const rows = prepared(
    db,
    `SELECT kid, use, jwk, valid_from AS validFrom, imported_at AS importedAt,
         imported_by AS importedBy
       FROM sync_city_keys ORDER BY valid_from, imported_at`,
  ).all() as CityKeyRow[];
  return rows.map((row) => ({ ...row, jwk: JSON.parse(row.jwk) }) as TrustedCityKey);
}

/** Adds a trusted city key; a key already trusted keeps its first import (returns false). */
export function insertCityKey(db: Db, key: TrustedCityKey): boolean {
  const result = prepared(
    db,
    `INSERT INTO sync_city_keys (kid, use, jwk, valid_from, imported_at, imported_by)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kid) DO NOTHING`,
  ).run(key.kid, key.use, JSON.stringify(key.jwk), key.validFrom, key.importedAt, key.importedBy);
  return result.changes === 1;
}

/* -------------------------------------------------------------------------- outbox */

export interface OutboxRow {
  seq: number;
  kind: OutboxKind;
  entityId: string;
  entityVersion: number;
  createdAt: string;
  /** The resident the change is about (for consent and the rejected list). */
  residentId: string | null;
}

/**
 * Outbox changes not yet acknowledged and never put in a bundle, oldest first. A change
 * already in a bundle waits for that bundle's receipt; a rejected one goes out again only
 * as a new version (a new outbox row) after the record is corrected.
 */
export function listUnsentOutbox(
  db: Db,
  filter: { kinds: readonly OutboxKind[]; fromInstant: string | null; toInstant: string | null },
): OutboxRow[] {
  const rows = prepared(
    db,
    `SELECT o.seq, o.entity_type AS kind, o.entity_id AS entityId,
         o.entity_version AS entityVersion, o.created_at AS createdAt,
         CASE o.entity_type
           WHEN 'resident' THEN o.entity_id
           WHEN 'declaration' THEN (SELECT resident_id FROM declarations WHERE id = o.entity_id)
           WHEN 'elderly_screening'
             THEN (SELECT resident_id FROM elderly_screenings WHERE id = o.entity_id)
           WHEN 'school_screening'
             THEN (SELECT resident_id FROM school_screenings WHERE id = o.entity_id)
         END AS residentId
       FROM outbox o
       WHERE o.acknowledged_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM sync_bundle_records r WHERE r.outbox_seq = o.seq)
         AND (@from IS NULL OR o.created_at >= @from)
         AND (@to IS NULL OR o.created_at < @to)
       ORDER BY o.seq`,
  ).all({ from: filter.fromInstant, to: filter.toInstant }) as OutboxRow[];
  const kinds = new Set<string>(filter.kinds);
  return rows.filter((row) => kinds.has(row.kind));
}

/** Residents who withdrew consent to city sharing (Law 91/2025): their changes are held. */
export function residentsWithholdingCitySharing(db: Db): Set<string> {
  const rows = prepared(
    db,
    `SELECT DISTINCT resident_id AS id FROM consent_withdrawals
       WHERE purpose = 'citySharing' AND renewed_at IS NULL`,
  ).all() as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

export function acknowledgeOutbox(db: Db, seqs: readonly number[], at: string): void {
  const update = prepared(
    db,
    'UPDATE outbox SET acknowledged_at = ? WHERE seq = ? AND acknowledged_at IS NULL',
  );
  for (const seq of seqs) update.run(at, seq);
}

/* ------------------------------------------------------------------------- bundles */

export interface BundleRow {
  id: string;
  exportSetId: string;
  part: number;
  parts: number;
  sequence: number;
  bundleHash: string;
  header: string;
  fileName: string;
  records: number;
  bytes: number;
  state: BundleState;
  createdAt: string;
  createdBy: string;
  uploadedAt: string | null;
  receiptedAt: string | null;
}

const BUNDLE_COLUMNS = `id, export_set_id AS exportSetId, part, parts, sequence,
  bundle_hash AS bundleHash, header, file_name AS fileName, records, bytes, state,
  created_at AS createdAt, created_by AS createdBy, uploaded_at AS uploadedAt,
  receipted_at AS receiptedAt`;

export function lastChainLink(db: Db): ChainLink | null {
  return (prepared(
    db,
    'SELECT sequence, bundle_hash AS bundleHash FROM sync_bundles ORDER BY sequence DESC LIMIT 1',
  ).get() ?? null) as ChainLink | null;
}

export interface BundleToStore extends Omit<BundleRow, 'state' | 'uploadedAt' | 'receiptedAt'> {
  previousBundleHash: string | null;
  fileText: string;
  supervisorKid: string;
  /** One per record version: its reference, hash, and the outbox change it comes from. */
  recordRows: readonly {
    resourceType: string;
    id: string;
    versionId: string;
    sha256: string;
    outboxSeq: number;
  }[];
}

/**
 * A bundle's record rows go in a hundred to a statement: an export stores about 100 000 of
 * them, and one call per row cost more than writing the rows themselves.
 */
const RECORD_ROWS_PER_INSERT = 100;

function insertRecordRows(count: number): string {
  return `INSERT INTO sync_bundle_records (bundle_id, resource_type, resource_id, version_id,
     sha256, outbox_seq) VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`;
}

const INSERT_RECORD_ROWS = insertRecordRows(RECORD_ROWS_PER_INSERT);
const INSERT_RECORD_ROW = insertRecordRows(1);

export function insertBundle(db: Db, b: BundleToStore): void {
  prepared(
    db,
    `INSERT INTO sync_bundles (id, export_set_id, part, parts, sequence, bundle_hash,
       previous_bundle_hash, header, file_name, file_text, records, bytes, state, created_at,
       created_by, supervisor_kid)
     VALUES (@id, @exportSetId, @part, @parts, @sequence, @bundleHash, @previousBundleHash,
       @header, @fileName, @fileText, @records, @bytes, 'exported', @createdAt, @createdBy,
       @supervisorKid)`,
  ).run({
    id: b.id,
    exportSetId: b.exportSetId,
    part: b.part,
    parts: b.parts,
    sequence: b.sequence,
    bundleHash: b.bundleHash,
    previousBundleHash: b.previousBundleHash,
    header: b.header,
    fileName: b.fileName,
    fileText: b.fileText,
    records: b.records,
    bytes: b.bytes,
    createdAt: b.createdAt,
    createdBy: b.createdBy,
    supervisorKid: b.supervisorKid,
  });
  const rows = b.recordRows;
  const many = prepared(db, INSERT_RECORD_ROWS);
  let next = 0;
  const values = new Array<string | number>(RECORD_ROWS_PER_INSERT * 6);
  for (; next + RECORD_ROWS_PER_INSERT <= rows.length; next += RECORD_ROWS_PER_INSERT) {
    for (let i = 0; i < RECORD_ROWS_PER_INSERT; i++) {
      const r = rows[next + i]!;
      const at = i * 6;
      values[at] = b.id;
      values[at + 1] = r.resourceType;
      values[at + 2] = r.id;
      values[at + 3] = r.versionId;
      values[at + 4] = r.sha256;
      values[at + 5] = r.outboxSeq;
    }
    many.run(values);
  }
  const one = prepared(db, INSERT_RECORD_ROW);
  for (; next < rows.length; next++) {
    const r = rows[next]!;
    one.run(b.id, r.resourceType, r.id, r.versionId, r.sha256, r.outboxSeq);
  }
}

export function getBundle(db: Db, id: string): BundleRow | null {
  return (prepared(db, `SELECT ${BUNDLE_COLUMNS} FROM sync_bundles WHERE id = ?`).get(id) ??
    null) as BundleRow | null;
}

export function getBundleFileText(db: Db, id: string): string | null {
  const row = prepared(db, 'SELECT file_text AS fileText FROM sync_bundles WHERE id = ?').get(
    id,
  ) as { fileText: string } | undefined;
  return row?.fileText ?? null;
}

export function getBundleReceipt(db: Db, id: string): string | null {
  const row = prepared(db, 'SELECT receipt FROM sync_bundles WHERE id = ?').get(id) as
    { receipt: string | null } | undefined;
  return row?.receipt ?? null;
}

/** Every bundle, newest first. */
export function listBundles(db: Db): BundleRow[] {
  return prepared(
    db,
    `SELECT ${BUNDLE_COLUMNS} FROM sync_bundles ORDER BY sequence DESC`,
  ).all() as BundleRow[];
}

export function countAwaitingReceipt(db: Db): number {
  return (
    prepared(
      db,
      `SELECT count(*) AS n FROM sync_bundles WHERE state IN ('exported', 'uploaded')`,
    ).get() as { n: number }
  ).n;
}

export type RecordCounts = Record<'accepted' | 'duplicate' | 'rejected' | 'pending', number>;

export function recordCountsByBundle(db: Db): Map<string, RecordCounts> {
  const rows = prepared(
    db,
    `SELECT bundle_id AS bundleId, status, count(*) AS n FROM sync_bundle_records
       GROUP BY bundle_id, status`,
  ).all() as { bundleId: string; status: keyof RecordCounts; n: number }[];
  const counts = new Map<string, RecordCounts>();
  for (const row of rows) {
    const entry = counts.get(row.bundleId) ?? {
      accepted: 0,
      duplicate: 0,
      rejected: 0,
      pending: 0,
    };
    entry[row.status] = row.n;
    counts.set(row.bundleId, entry);
  }
  return counts;
}

export interface BundleRecordRow {
  resourceType: string;
  id: string;
  versionId: string;
  outboxSeq: number;
}

export function listBundleRecords(db: Db, bundleId: string): BundleRecordRow[] {
  return prepared(
    db,
    `SELECT resource_type AS resourceType, resource_id AS id, version_id AS versionId,
         outbox_seq AS outboxSeq
       FROM sync_bundle_records WHERE bundle_id = ?`,
  ).all(bundleId) as BundleRecordRow[];
}

/**
 * Writes the city's answer for each record and the bundle's state, then acknowledges the
 * outbox rows whose every resource (in any bundle) the city accepted or already held.
 */
export function applyReceipt(
  db: Db,
  r: { bundleId: string; receiptText: string; records: readonly ReceiptRecord[]; at: string },
): BundleState {
  const update = prepared(
    db,
    `UPDATE sync_bundle_records SET status = ?, reason = ?
       WHERE bundle_id = ? AND resource_type = ? AND resource_id = ? AND version_id = ?`,
  );
  for (const record of r.records) {
    update.run(
      record.status,
      record.reason ?? null,
      r.bundleId,
      record.resourceType,
      record.id,
      record.versionId,
    );
  }
  const state: BundleState = r.records.some((record) => record.status === 'rejected')
    ? 'partlyRejected'
    : 'receipted';
  // The file is kept until its receipt is in (docs/sync-protocol.md §6); then it is spent.
  prepared(
    db,
    `UPDATE sync_bundles SET state = ?, receipt = ?, receipted_at = ?, file_text = '',
       uploaded_at = coalesce(uploaded_at, ?)
     WHERE id = ?`,
  ).run(state, r.receiptText, r.at, r.at, r.bundleId);
  prepared(
    db,
    `UPDATE outbox SET acknowledged_at = @at
       WHERE acknowledged_at IS NULL
         AND seq IN (SELECT outbox_seq FROM sync_bundle_records WHERE bundle_id = @bundleId)
         AND NOT EXISTS (SELECT 1 FROM sync_bundle_records x
                          WHERE x.outbox_seq = outbox.seq
                            AND x.status NOT IN ('accepted', 'duplicate'))`,
  ).run({ at: r.at, bundleId: r.bundleId });
  // A rejected version is settled once a later version of the same record is acknowledged:
  // the city holds the correction, so the old change no longer waits nor shows as rejected.
  prepared(
    db,
    `UPDATE outbox SET acknowledged_at = @at
       WHERE acknowledged_at IS NULL
         AND EXISTS (SELECT 1 FROM sync_bundle_records x
                      WHERE x.outbox_seq = outbox.seq AND x.status = 'rejected')
         AND EXISTS (SELECT 1 FROM outbox newer
                      JOIN sync_bundle_records r ON r.outbox_seq = newer.seq
                      WHERE r.bundle_id = @bundleId
                        AND newer.entity_type = outbox.entity_type
                        AND newer.entity_id = outbox.entity_id
                        AND newer.entity_version > outbox.entity_version
                        AND newer.acknowledged_at IS NOT NULL)`,
  ).run({ at: r.at, bundleId: r.bundleId });
  return state;
}

/**
 * The city took the POST (HTTP 200) but its answer could not be applied as a receipt: the
 * bundle is `uploaded` (the city most likely holds it), its records stay pending and its
 * outbox changes unacknowledged until a receipt is imported or the upload is repeated.
 */
export function markUploaded(db: Db, bundleId: string, at: string): void {
  prepared(
    db,
    `UPDATE sync_bundles SET state = 'uploaded', uploaded_at = coalesce(uploaded_at, ?)
       WHERE id = ? AND state = 'exported'`,
  ).run(at, bundleId);
}

/** Rejected records still waiting for a correction (a later version not yet acknowledged). */
export interface RejectedRecordRow {
  bundleId: string;
  sequence: number;
  resourceType: string;
  resourceId: string;
  versionId: string;
  reason: string;
  kind: string;
  entityId: string;
}

export function listRejectedRecords(db: Db): RejectedRecordRow[] {
  return prepared(
    db,
    `SELECT r.bundle_id AS bundleId, b.sequence, r.resource_type AS resourceType,
         r.resource_id AS resourceId, r.version_id AS versionId, r.reason,
         o.entity_type AS kind, o.entity_id AS entityId
       FROM sync_bundle_records r
       JOIN sync_bundles b ON b.id = r.bundle_id
       JOIN outbox o ON o.seq = r.outbox_seq
       WHERE r.status = 'rejected' AND o.acknowledged_at IS NULL
       ORDER BY b.sequence DESC, r.resource_type, r.resource_id`,
  ).all() as RejectedRecordRow[];
}

export function countRejectedRecords(db: Db): number {
  return (
    prepared(
      db,
      `SELECT count(*) AS n FROM sync_bundle_records r JOIN outbox o ON o.seq = r.outbox_seq
         WHERE r.status = 'rejected' AND o.acknowledged_at IS NULL`,
    ).get() as {
      n: number;
    }
  ).n;
}

export function residentIdOfEntity(db: Db, kind: string, entityId: string): string | null {
  const table: Record<string, string> = {
    declaration: 'declarations',
    elderly_screening: 'elderly_screenings',
    school_screening: 'school_screenings',
  };
  if (kind === 'resident') return entityId;
  const name = table[kind];
  if (!name) return null;
  const row = prepared(db, `SELECT resident_id AS id FROM ${name} WHERE id = ?`).get(entityId) as
    { id: string } | undefined;
  return row?.id ?? null;
}
