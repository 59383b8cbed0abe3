import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { queryAudit } from '../../src-main/audit/audit-log';
import { encodeBackup, readBackupHeader } from '../../src-main/backup/backup-file';
import { snapshotDatabase } from '../../src-main/backup/backup-service';
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations';
import {
  ADMIN,
  addStaff,
  databaseBytes,
  databaseFingerprint,
  declarationInput,
  openSetUpStation,
  residentInput,
  signInAs,
  stationKey,
  STAFF,
  type TestStation,
} from '../support/station';

const PASSPHRASE = 'trạm y tế bình quới 2026';
const RESIDENT_NAME = 'Huỳnh Thị Bảo Ngọc';

const stations: TestStation[] = [];
afterEach(() => {
  for (const s of stations.splice(0)) s.dispose();
});

async function station(): Promise<TestStation> {
  const s = await openSetUpStation();
  stations.push(s);
  return s;
}

/** A station with two residents (one with a declaration) and every staff role. */
async function populatedStation(): Promise<{ s: TestStation; residentId: string }> {
  const s = await station();
  await addStaff(s, 'health_worker');
  await addStaff(s, 'school_nurse');
  await addStaff(s, 'supervisor');
  const residentId = (
    await s.must('resident.create', {
      resident: residentInput({ fullName: RESIDENT_NAME, personalId: '079185004321' }),
    })
  ).id;
  await s.must('declaration.submit', {
    residentId,
    baseVersion: 0,
    declaration: declarationInput(),
  });
  await s.must('resident.create', {
    resident: residentInput({ fullName: 'Lê Văn Tám', personalId: '', phones: [] }),
  });
  return { s, residentId };
}

async function backupOf(s: TestStation, passphrase = PASSPHRASE) {
  return s.must('backup.create', { passphrase, confirmation: passphrase });
}

function files(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('encrypted backup and restore', () => {
  it('restores a backup on another workstation, with another key, and its accounts sign in', async () => {
    const { s, residentId } = await populatedStation();
    const backup = await backupOf(s);
    expect(backup.fileName).toMatch(/^sao-luu-26911-\d{4}-\d{2}-\d{2}-\d{6}\.whsbackup$/);
    expect(backup.sizeBytes).toBe(Buffer.from(backup.base64, 'base64').length);
    // Nothing was left in the data directory.
    expect(files(s.dataDirectory)).toEqual(
      [
        'station-database.key',
        'station.sqlite3',
        'station.sqlite3-shm',
        'station.sqlite3-wal',
        'sync-station-key.key',
      ].sort(),
    );

    // A new workstation: its own station and its own key.
    const other = await station();
    expect(stationKey(other.dataDirectory).equals(stationKey(s.dataDirectory))).toBe(false);
    await other.must('resident.create', {
      resident: residentInput({ fullName: 'Người Khác Hẳn', personalId: '', phones: [] }),
    });
    const info = await other.must('backup.inspect', { base64: backup.base64 });
    expect(info).toMatchObject({
      format: 'ward-health-station/backup@1',
      schemaVersion: LATEST_SCHEMA_VERSION,
      station: { communeCode: '26911', facilityCode: '79123' },
      counts: { residents: 2, declarations: 1 },
      restorable: true,
    });

    const restored = await other.must('backup.restore', {
      base64: backup.base64,
      passphrase: PASSPHRASE,
    });
    expect(restored).toMatchObject({ counts: { residents: 2, declarations: 1 }, signedOut: true });
    // The session ended; no restoring copy is left.
    expect(await other.must('auth.session', {})).toBeNull();
    expect(files(other.dataDirectory).some((f) => f.includes('restoring'))).toBe(false);

    // The backed-up accounts sign in; the records are intact.
    await signInAs(other, 'health_worker');
    const record = await other.must('resident.get', { id: residentId });
    expect(record.record.resident.fullName).toBe(RESIDENT_NAME);
    expect(await other.must('declaration.history', { residentId })).toHaveLength(1);
    const search = await other.must('resident.search', { query: 'Người Khác Hẳn' });
    expect(search.results).toHaveLength(0);

    // The file is encrypted with the NEW workstation's key, and reopens after a restart.
    expect(databaseBytes(other.dataDirectory).includes(Buffer.from(RESIDENT_NAME))).toBe(false);
    other.app.close();
    const { openTestStation } = await import('../support/station');
    const again = openTestStation({ dataDirectory: other.dataDirectory });
    stations.splice(stations.indexOf(other), 1, again);
    await again.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await again.must('resident.get', { id: residentId })).record.resident.fullName).toBe(
      RESIDENT_NAME,
    );

    // Audited in the restored database, naming the backup's header.
    await signInAs(again, 'supervisor');
    const [row] = queryAudit(again.app.db, { action: 'backup.restore', limit: 5 });
    expect(row).toMatchObject({
      userName: ADMIN.fullName,
      userId: null,
      details: {
        restoredBy: ADMIN.username,
        backupCreatedAt: backup.createdAt,
        residents: 2,
        declarations: 1,
        communeCode: '26911',
      },
    });
    expect((await again.must('audit.verify', {})).ok).toBe(true);
  });

  it('audits backup.create with sizes and counts only', async () => {
    const { s } = await populatedStation();
    const backup = await backupOf(s);
    const [row] = queryAudit(s.app.db, { action: 'backup.create', limit: 5 });
    expect(row).toMatchObject({
      userName: ADMIN.fullName,
      outcome: 'ok',
      details: { bytes: backup.sizeBytes, residents: 2, declarations: 1 },
    });
    expect(JSON.stringify(row?.details)).not.toContain(PASSPHRASE);
  });

  it('holds no resident name, phone or ID in clear', async () => {
    const { s } = await populatedStation();
    const bytes = Buffer.from((await backupOf(s)).base64, 'base64');
    for (const secret of [RESIDENT_NAME, '079185004321', '0903123456', 'Lê Văn Tám', PASSPHRASE]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
  });

  it('refuses a wrong passphrase with BACKUP_INVALID and changes nothing', async () => {
    const { s } = await populatedStation();
    const backup = await backupOf(s);
    const other = await station();
    other.app.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = databaseFingerprint(other.dataDirectory);
    const result = await other.call('backup.restore', {
      base64: backup.base64,
      passphrase: 'not the passphrase',
    });
    expect(result.ok || result.error.code).toBe('BACKUP_INVALID');
    expect(databaseFingerprint(other.dataDirectory)).toEqual(before);
    expect(await other.must('auth.session', {})).not.toBeNull();
    expect(files(other.dataDirectory).some((f) => f.includes('restoring'))).toBe(false);
  });

  it('refuses a backup with one flipped byte, anywhere', async () => {
    const { s } = await populatedStation();
    const bytes = Buffer.from((await backupOf(s)).base64, 'base64');
    const { prefix } = readBackupHeader(bytes);
    const other = await station();
    const before = databaseFingerprint(other.dataDirectory);
    // In the ciphertext, in the tag, and in the header (authenticated data).
    for (const at of [prefix.length + 10, bytes.length - 1, prefix.length - 3]) {
      const tampered = Buffer.from(bytes);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      const result = await other.call('backup.restore', {
        base64: tampered.toString('base64'),
        passphrase: PASSPHRASE,
      });
      expect([at, result.ok || result.error.code]).toEqual([at, 'BACKUP_INVALID']);
    }
    const garbage = await other.call('backup.restore', {
      base64: Buffer.from('no backup at all').toString('base64'),
      passphrase: PASSPHRASE,
    });
    expect(garbage.ok || garbage.error.code).toBe('BACKUP_INVALID');
    expect(databaseFingerprint(other.dataDirectory)).toEqual(before);
  });

  it('refuses a backup from a newer app with BACKUP_TOO_NEW', async () => {
    const { s } = await populatedStation();
    const snapshot = snapshotDatabase(s.app.db);
    const newer = await encodeBackup(
      {
        appVersion: '9.0.0',
        schemaVersion: LATEST_SCHEMA_VERSION + 1,
        station: snapshot.station,
        createdAt: new Date().toISOString(),
        counts: snapshot.counts,
      },
      snapshot.image,
      PASSPHRASE,
    );
    const other = await station();
    const before = databaseFingerprint(other.dataDirectory);
    const info = await other.must('backup.inspect', { base64: newer.toString('base64') });
    expect(info.restorable).toBe(false);
    const result = await other.call('backup.restore', {
      base64: newer.toString('base64'),
      passphrase: PASSPHRASE,
    });
    expect(result.ok || result.error.code).toBe('BACKUP_TOO_NEW');
    expect(databaseFingerprint(other.dataDirectory)).toEqual(before);
  });

  it('asks for a passphrase of 12 characters, typed twice alike', async () => {
    const s = await station();
    const short = await s.call('backup.create', {
      passphrase: 'ngan2026',
      confirmation: 'ngan2026',
    });
    expect(short.ok || short.error.code).toBe('INVALID_INPUT');
    const differ = await s.call('backup.create', {
      passphrase: PASSPHRASE,
      confirmation: `${PASSPHRASE}x`,
    });
    expect(differ.ok ? null : differ.error.issues).toEqual([
      { path: ['confirmation'], message: 'validation.backup.confirmation' },
    ]);
  });

  it('lets supervisors and administrators back up, and administrators alone restore', async () => {
    const { s } = await populatedStation();
    const backup = await backupOf(s);
    for (const role of ['health_worker', 'school_nurse'] as const) {
      await signInAs(s, role);
      for (const [channel, input] of [
        ['backup.create', { passphrase: PASSPHRASE, confirmation: PASSPHRASE }],
        ['backup.inspect', { base64: backup.base64 }],
        ['backup.restore', { base64: backup.base64, passphrase: PASSPHRASE }],
      ] as const) {
        const result = await s.app.dispatch(channel, input);
        expect([role, channel, result.ok || result.error.code]).toEqual([
          role,
          channel,
          'FORBIDDEN',
        ]);
      }
    }
    await signInAs(s, 'supervisor');
    expect(
      (await s.call('backup.create', { passphrase: PASSPHRASE, confirmation: PASSPHRASE })).ok,
    ).toBe(true);
    const restore = await s.call('backup.restore', {
      base64: backup.base64,
      passphrase: PASSPHRASE,
    });
    expect(restore.ok || restore.error.code).toBe('FORBIDDEN');
    expect((await s.must('auth.session', {}))?.user.username).toBe(STAFF.supervisor.username);
  });
});
