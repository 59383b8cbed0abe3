import type { Role } from '../../src-shared/domain/roles';
import type { Account } from '../../src-shared/schemas/station';
import type { Db } from './connection';
import { prepared } from './statements';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  mustChangePassword: boolean;
}

const SELECT_USER = `SELECT id, username, full_name AS fullName, role, password_hash AS passwordHash,
  disabled, failed_attempts AS failedAttempts, locked_until AS lockedUntil,
  must_change_password AS mustChangePassword FROM users`;

type StoredUser = Omit<UserRow, 'disabled' | 'mustChangePassword'> & {
  disabled: number;
  mustChangePassword: number;
};

function toUser(row: StoredUser | undefined): UserRow | null {
  return row
    ? { ...row, disabled: row.disabled === 1, mustChangePassword: row.mustChangePassword === 1 }
    : null;
}

export function findUserByUsername(db: Db, username: string): UserRow | null {
  return toUser(
    prepared(db, `${SELECT_USER} WHERE username = ?`).get(username) as StoredUser | undefined,
  );
}

export function getUser(db: Db, id: string): UserRow | null {
  return toUser(prepared(db, `${SELECT_USER} WHERE id = ?`).get(id) as StoredUser | undefined);
}

export function insertUser(
  db: Db,
  user: Pick<UserRow, 'id' | 'username' | 'fullName' | 'role' | 'passwordHash'> & {
    createdAt: string;
    createdBy: string | null;
    mustChangePassword?: boolean;
  },
): void {
  prepared(
    db,
    `INSERT INTO users (id, username, full_name, role, password_hash, created_at, created_by,
       must_change_password, password_changed_at)
     VALUES (@id, @username, @fullName, @role, @passwordHash, @createdAt, @createdBy,
       @mustChangePassword, @createdAt)`,
  ).run({ ...user, mustChangePassword: user.mustChangePassword ? 1 : 0 });
}

const SELECT_ACCOUNT = `SELECT id, username, full_name AS fullName, role, disabled,
  must_change_password AS mustChangePassword, locked_until AS lockedUntil,
  failed_attempts AS failedAttempts, created_at AS createdAt, last_sign_in_at AS lastSignInAt
  FROM users`;

type StoredAccount = Omit<Account, 'disabled' | 'mustChangePassword'> & {
  disabled: number;
  mustChangePassword: number;
};

function toAccount(row: StoredAccount): Account {
  return { ...row, disabled: row.disabled === 1, mustChangePassword: row.mustChangePassword === 1 };
}

export function listAccounts(db: Db): Account[] {
  return (
    prepared(db, `${SELECT_ACCOUNT} ORDER BY disabled, full_name`).all() as StoredAccount[]
  ).map(toAccount);
}

export function getAccount(db: Db, id: string): Account | null {
  const row = prepared(db, `${SELECT_ACCOUNT} WHERE id = ?`).get(id) as StoredAccount | undefined;
  return row ? toAccount(row) : null;
}

export function countActiveAdministrators(db: Db): number {
  return (
    prepared(
      db,
      `SELECT count(*) AS n FROM users WHERE role = 'administrator' AND disabled = 0`,
    ).get() as {
      n: number;
    }
  ).n;
}

export function recordFailedSignIn(
  db: Db,
  id: string,
  attempts: number,
  lockedUntil: string | null,
): void {
  prepared(db, 'UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(
    attempts,
    lockedUntil,
    id,
  );
}

export function recordSignIn(db: Db, id: string, at: string): void {
  prepared(
    db,
    'UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?',
  ).run(at, id);
}

export function updateAccount(
  db: Db,
  a: { id: string; fullName: string; role: Role; disabled: boolean; at: string },
): void {
  prepared(
    db,
    'UPDATE users SET full_name = @fullName, role = @role, disabled = @disabled, updated_at = @at WHERE id = @id',
  ).run({ ...a, disabled: a.disabled ? 1 : 0 });
}

export function setPassword(
  db: Db,
  p: { id: string; passwordHash: string; mustChangePassword: boolean; at: string },
): void {
  prepared(
    db,
    `UPDATE users SET password_hash = @passwordHash, must_change_password = @mustChangePassword,
       password_changed_at = @at, failed_attempts = 0, locked_until = NULL, updated_at = @at
     WHERE id = @id`,
  ).run({ ...p, mustChangePassword: p.mustChangePassword ? 1 : 0 });
}
