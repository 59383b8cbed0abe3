import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { AppFailure } from '../../src-shared/ipc/errors';
import { openDatabase, type Db } from './connection';
import { rekeyPlainCopy } from './driver';
import { databaseFileState } from './encryption';

/** The private copy a restore builds beside the station database; a leftover one is stale. */
export function restoringCopyOf(file: string): string {
  return `${file}.restoring`;
}

const COMPANIONS = ['', '-journal', '-wal', '-shm'] as const;

export function removeRestoringCopy(file: string): void {
  const copy = restoringCopyOf(file);
  for (const suffix of COMPANIONS) rmSync(`${copy}${suffix}`, { force: true });
}

function writeNew(file: string, bytes: Buffer): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Builds `<file>.restoring` from a plain SQLite image: written (0600) and encrypted with
 * `key` straight away (the plain bytes are on disk only between these two calls), checked
 * to be unreadable without the key, opened with it (which runs the pending migrations),
 * integrity-checked, handed to `prepare`, closed and fsynced. Returns the copy's path; on
 * any failure the copy is removed and the live database was never touched.
 */
export function buildEncryptedCopy(
  file: string,
  image: Buffer,
  key: Buffer,
  nativeBinding: string | undefined,
  prepare: (db: Db) => void,
): string {
  const copy = restoringCopyOf(file);
  removeRestoringCopy(file);
  try {
    writeNew(copy, image);
    rekeyPlainCopy(copy, key, nativeBinding);
    if (databaseFileState(copy) !== 'encrypted') {
      throw new AppFailure(
        'STORAGE_FAILURE',
        'The restored copy is still readable without the key.',
      );
    }
    const db = openDatabase(copy, { key, nativeBinding });
    try {
      const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
      if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
        throw new AppFailure('BACKUP_INVALID', 'The restored database fails its integrity check.');
      }
      prepare(db);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    fsyncFile(copy);
    return copy;
  } catch (error) {
    removeRestoringCopy(file);
    throw error;
  }
}
