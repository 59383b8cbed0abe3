import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdleCheckpointer } from '../../src-main/db/checkpoint';
import { openDatabase, type Db } from '../../src-main/db/connection';
import { openSetUpStation, residentInput, type TestStation } from '../support/station';

let dir: string;
let db: Db;
const file = () => join(dir, 'station.db');

/** About 4 MB of writes: well past SQLite's automatic threshold of 1000 pages. */
function writeLots(): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (x TEXT)');
  const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
  for (let i = 0; i < 40; i++) db.transaction(() => insert.run('x'.repeat(100_000)))();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'whs-wal-'));
  db = openDatabase(file(), { key: null });
  db.pragma('wal_autocheckpoint = 0');
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('checkpoints at quiet times', () => {
  it('leaves saves alone, then copies the log back once calls have stopped', async () => {
    const checkpointer = new IdleCheckpointer(() => db, `${file()}-wal`, {
      idleMs: 20,
      maxWalBytes: 64 * 1024 * 1024,
    });
    const before = statSync(file()).size;
    writeLots();
    checkpointer.noteActivity();
    // The commits stayed in the log: the database file has not grown yet.
    expect(statSync(file()).size).toBe(before);
    expect(checkpointer.walBytes()).toBeGreaterThan(4_000_000);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(checkpointer.counts).toEqual({ idle: 1, forced: 0 });
    expect(statSync(file()).size).toBeGreaterThan(before + 4_000_000);
    checkpointer.dispose();
  });

  it('checkpoints at once when the log outgrows its bound, quiet or not', () => {
    const checkpointer = new IdleCheckpointer(() => db, `${file()}-wal`, {
      idleMs: 60_000,
      maxWalBytes: 1_000_000,
    });
    const before = statSync(file()).size;
    writeLots();
    checkpointer.noteActivity();
    expect(checkpointer.counts).toEqual({ idle: 0, forced: 1 });
    expect(statSync(file()).size).toBeGreaterThan(before + 4_000_000);
    checkpointer.dispose();
  });

  it('empties the log when it forces a checkpoint, so the saves after a burst pay none', () => {
    const checkpointer = new IdleCheckpointer(() => db, `${file()}-wal`, {
      idleMs: 60_000,
      maxWalBytes: 1_000_000,
    });
    writeLots();
    checkpointer.noteActivity();
    expect(checkpointer.counts.forced).toBe(1);
    expect(checkpointer.walBytes()).toBe(0);
    // A day's ordinary saves after the import: each is small, none forces another checkpoint.
    const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
    for (let i = 0; i < 20; i++) {
      insert.run('y'.repeat(2_000));
      checkpointer.noteActivity();
    }
    expect(checkpointer.counts).toEqual({ idle: 0, forced: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 60 });
    checkpointer.dispose();
  });
});

describe('the station app', () => {
  let s: TestStation;
  afterEach(() => s.dispose());

  it('turns SQLite’s in-commit checkpoints off for the station database', async () => {
    s = await openSetUpStation();
    expect(s.app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // A log reused after a checkpoint is cut back to 16 MiB: a burst does not keep its size.
    expect(s.app.db.pragma('journal_size_limit', { simple: true })).toBe(16 * 1024 * 1024);
    const anh = await s.must('resident.create', { resident: residentInput() });
    const found = await s.must('resident.get', { id: anh.id });
    expect(found.record.resident.fullName).toBe('Nguyễn Thị Ánh');
  });
});
