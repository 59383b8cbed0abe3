import type { Role } from '../../src-shared/domain/roles';
import type { Db } from './connection';
import { prepared } from './statements';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

const SELECT_USER = `SELECT id, username, full_name AS fullName, role, password_hash AS passwordHash,
  disabled FROM users`;

function toUser(
  row: (Omit<UserRow, 'disabled'> & { disabled: number }) | undefined,
): UserRow | null {
  return row ? { ...row, disabled: row.disabled === 1 } : null;
}

export function findUserByUsername(db: Db, username: string): UserRow | null {
  return toUser(prepared(db, `${SELECT_USER} WHERE username = ?`).get(username) as never);
}

export function getUser(db: Db, id: string): UserRow | null {
  return toUser(prepared(db, `${SELECT_USER} WHERE id = ?`).get(id) as never);
}

export function insertUser(
  db: Db,
  user: Omit<UserRow, 'disabled'> & { createdAt: string; createdBy: string | null },
): void {
  prepared(
    db,
    `INSERT INTO users (id, username, full_name, role, password_hash, created_at, created_by)
     VALUES (@id, @username, @fullName, @role, @passwordHash, @createdAt, @createdBy)`,
  ).run(user);
}
