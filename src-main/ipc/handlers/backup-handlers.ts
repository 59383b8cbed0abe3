import { isoDateInVietnam } from '../../../src-shared/domain/dates';
import { AppFailure } from '../../../src-shared/ipc/errors';
import { BACKUP_EXTENSION, readBackupHeader } from '../../backup/backup-file';
import { auditRestore, createBackupFile, openBackupForRestore } from '../../backup/backup-service';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { nowIso, requireSession, type HandlerContext } from '../context';
import type { HandlerMap } from './types';

/** `sao-luu-<commune>-<date>-<hhmmss>.whsbackup`: no names in the file name. */
function backupFileName(communeCode: string, at: Date): string {
  const time = at.toISOString().slice(11, 19).replaceAll(':', '');
  return `sao-luu-${communeCode}-${isoDateInVietnam(at)}-${time}.${BACKUP_EXTENSION}`;
}

function decodeBase64(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}

function requireStorage(ctx: HandlerContext) {
  if (!ctx.storage) {
    throw new AppFailure('INTERNAL', 'This app was not opened on a station file it can replace.');
  }
  return ctx.storage;
}

export const backupHandlers: HandlerMap<'backup.create' | 'backup.inspect' | 'backup.restore'> = {
  /**
   * The whole station database, from a consistent in-memory snapshot, encrypted with the
   * passphrase; returned as bytes for the download, never written to the station's disk.
   * Audited with sizes and counts.
   */
  'backup.create': async ({ passphrase }, ctx) => {
    const createdAt = nowIso(ctx);
    const { bytes, snapshot } = await createBackupFile(ctx.db, {
      appVersion: ctx.info.version,
      createdAt,
      passphrase,
      nativeBinding: ctx.storage?.nativeBinding,
    });
    ctx.db.transaction(() =>
      ctx.audit({
        action: 'backup.create',
        details: {
          bytes: bytes.length,
          schemaVersion: snapshot.schemaVersion,
          residents: snapshot.counts.residents,
          declarations: snapshot.counts.declarations,
        },
      }),
    )();
    return {
      fileName: backupFileName(snapshot.station.communeCode, new Date(createdAt)),
      base64: bytes.toString('base64'),
      sizeBytes: bytes.length,
      createdAt,
    };
  },

  /** What the file says about itself (structure only; no passphrase, nothing decrypted). */
  'backup.inspect': ({ base64 }) => {
    const bytes = decodeBase64(base64);
    const { header } = readBackupHeader(bytes);
    return {
      format: header.format,
      appVersion: header.appVersion,
      schemaVersion: header.schemaVersion,
      station: header.station,
      createdAt: header.createdAt,
      counts: header.counts,
      sizeBytes: bytes.length,
      restorable: header.schemaVersion <= LATEST_SCHEMA_VERSION,
    };
  },

  /**
   * Everything is checked before anything is replaced (passphrase and every byte, schema
   * version, integrity, migrations on the copy); then the station file is swapped and the
   * session ends. The restore is audited in the restored database.
   */
  'backup.restore': async ({ base64, passphrase }, ctx) => {
    const session = requireSession(ctx);
    const storage = requireStorage(ctx);
    const { header, image } = await openBackupForRestore(
      decodeBase64(base64),
      passphrase,
      storage.nativeBinding,
    );
    try {
      storage.replaceDatabase(image, (db) =>
        auditRestore(
          db,
          header,
          { userName: session.user.fullName, username: session.user.username },
          nowIso(ctx),
        ),
      );
    } finally {
      image.fill(0);
    }
    return { createdAt: header.createdAt, counts: header.counts, signedOut: true as const };
  },
};
