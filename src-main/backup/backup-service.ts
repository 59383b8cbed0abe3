import { appendAudit } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { openImage, serializePlainImage } from '../db/driver';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { AppFailure } from '../../src-shared/ipc/errors';
import { BackupInvalidError, decodeBackup, encodeBackup, type BackupHeader } from './backup-file';

/**
 * Encrypted backup and restore of the whole station database (docs/security.md, "Backup and
 * restore"). The plain database exists only in memory: a backup is the live connection's
 * decrypted image, vacuumed in memory, gzipped and encrypted with the passphrase; a restore
 * decrypts in memory and the image is written only as the private copy that is encrypted
 * with this workstation's key at once (see StationStorage.replaceDatabase).
 */

export interface BackupSnapshot {
  image: Buffer;
  schemaVersion: number;
  station: BackupHeader['station'];
  counts: BackupHeader['counts'];
}

function count(db: Db, table: 'residents' | 'declarations'): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** A consistent plain image of the live database, vacuumed (no free pages), in memory. */
export function snapshotDatabase(live: Db, nativeBinding?: string): BackupSnapshot {
  const copy = openImage(serializePlainImage(live), nativeBinding);
  try {
    // Free pages may hold deleted records: they do not travel in a backup.
    copy.exec('VACUUM');
    const station = copy
      .prepare(
        `SELECT commune_code AS communeCode, facility_code AS facilityCode, name FROM station`,
      )
      .get() as BackupHeader['station'] | undefined;
    if (!station) throw new AppFailure('NOT_SET_UP', 'The station is not set up yet.');
    return {
      image: copy.serialize(),
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
      station,
      counts: { residents: count(copy, 'residents'), declarations: count(copy, 'declarations') },
    };
  } finally {
    copy.close();
  }
}

export async function createBackupFile(
  live: Db,
  options: { appVersion: string; createdAt: string; passphrase: string; nativeBinding?: string },
): Promise<{ bytes: Buffer; snapshot: Omit<BackupSnapshot, 'image'> }> {
  const snapshot = snapshotDatabase(live, options.nativeBinding);
  const info = {
    appVersion: options.appVersion,
    schemaVersion: snapshot.schemaVersion,
    station: snapshot.station,
    createdAt: options.createdAt,
    counts: snapshot.counts,
  };
  const bytes = await encodeBackup(info, snapshot.image, options.passphrase);
  const { image, ...rest } = snapshot;
  image.fill(0);
  return { bytes, snapshot: rest };
}

/** Refuses a backup written by a newer app (its schema would be unknown here). */
export function assertNotTooNew(header: BackupHeader): void {
  if (header.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new AppFailure(
      'BACKUP_TOO_NEW',
      `The backup has schema version ${header.schemaVersion}, newer than this app's ` +
        `${LATEST_SCHEMA_VERSION}. Install the newer version of Ward Health Station first; nothing was changed.`,
      { details: { backupVersion: header.schemaVersion, appVersion: LATEST_SCHEMA_VERSION } },
    );
  }
}

/**
 * Decrypts and checks a backup before anything is replaced: the passphrase and every byte
 * (GCM tag), the schema version, then the image itself opened in memory: a station
 * database with the schema version its header states and a clean integrity check.
 */
export async function openBackupForRestore(
  file: Buffer,
  passphrase: string,
  nativeBinding?: string,
): Promise<{ header: BackupHeader; image: Buffer }> {
  const { header, image } = await decodeBackup(file, passphrase);
  assertNotTooNew(header);
  let db: Db;
  try {
    db = openImage(image, nativeBinding);
  } catch {
    throw new BackupInvalidError('The backup does not hold a readable station database.');
  }
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const version = db.pragma('user_version', { simple: true }) as number;
    const station = db.prepare(`SELECT count(*) AS n FROM station`).get() as { n: number };
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      throw new BackupInvalidError('The database in the backup fails its integrity check.');
    }
    if (version !== header.schemaVersion || station.n !== 1) {
      throw new BackupInvalidError('The database in the backup does not match its header.');
    }
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new BackupInvalidError('The backup does not hold a readable station database.');
  } finally {
    db.close();
  }
  return { header, image };
}

/** The audit row written into the restored database before it replaces the live one. */
export function auditRestore(
  db: Db,
  header: BackupHeader,
  by: { userName: string; username: string },
  at: string,
): void {
  db.transaction(() =>
    appendAudit(
      db,
      {
        action: 'backup.restore',
        // The restored accounts may not include the person who restored it: named, not linked.
        userId: null,
        userName: by.userName,
        details: {
          restoredBy: by.username,
          backupCreatedAt: header.createdAt,
          backupAppVersion: header.appVersion,
          backupSchemaVersion: header.schemaVersion,
          schemaVersion: LATEST_SCHEMA_VERSION,
          communeCode: header.station.communeCode,
          facilityCode: header.station.facilityCode,
          residents: header.counts.residents,
          declarations: header.counts.declarations,
          imageBytes: header.imageBytes,
        },
      },
      at,
    ),
  ).immediate();
}
