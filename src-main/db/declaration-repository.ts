import type { Declaration, DeclarationVersion } from '../../src-shared/schemas/declaration';
import type { Db } from './connection';
import { prepared } from './statements';

export interface DeclarationHead {
  id: string;
  version: number;
}

export function getDeclarationHead(db: Db, residentId: string): DeclarationHead | null {
  return (prepared(db, 'SELECT id, version FROM declarations WHERE resident_id = ?').get(
    residentId,
  ) ?? null) as DeclarationHead | null;
}

export function writeDeclarationVersion(
  db: Db,
  v: {
    declarationId: string;
    residentId: string;
    version: number;
    declaration: Declaration;
    at: string;
    userId: string;
  },
): void {
  if (v.version === 1) {
    prepared(
      db,
      `INSERT INTO declarations (id, resident_id, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)`,
    ).run(v.declarationId, v.residentId, v.at, v.userId);
  } else {
    prepared(
      db,
      'UPDATE declarations SET version = ?, updated_at = ?, updated_by = ? WHERE id = ?',
    ).run(v.version, v.at, v.userId, v.declarationId);
  }
  prepared(
    db,
    `INSERT INTO declaration_versions (declaration_id, version, data, submitted_at, submitted_by)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(v.declarationId, v.version, JSON.stringify(v.declaration), v.at, v.userId);
}

interface VersionRow {
  declarationId: string;
  residentId: string;
  version: number;
  data: string;
  at: string;
  userId: string;
  userName: string;
}

const SELECT_VERSION = `SELECT v.declaration_id AS declarationId, d.resident_id AS residentId,
  v.version, v.data, v.submitted_at AS at, v.submitted_by AS userId, u.full_name AS userName
  FROM declaration_versions v
  JOIN declarations d ON d.id = v.declaration_id
  JOIN users u ON u.id = v.submitted_by`;

function toVersion(row: VersionRow): DeclarationVersion {
  return {
    declarationId: row.declarationId,
    residentId: row.residentId,
    version: row.version,
    declaration: JSON.parse(row.data) as Declaration,
    submitted: { at: row.at, userId: row.userId, userName: row.userName },
  };
}

export function getDeclarationVersion(
  db: Db,
  residentId: string,
  version: number,
): DeclarationVersion | null {
  const row = prepared(db, `${SELECT_VERSION} WHERE d.resident_id = ? AND v.version = ?`).get(
    residentId,
    version,
  ) as VersionRow | undefined;
  return row ? toVersion(row) : null;
}

export function listDeclarationVersions(
  db: Db,
  residentId: string,
): Omit<DeclarationVersion, 'declaration'>[] {
  const rows = prepared(
    db,
    `${SELECT_VERSION} WHERE d.resident_id = ? ORDER BY v.version DESC`,
  ).all(residentId) as VersionRow[];
  return rows.map((row) => {
    const { declaration: _omitted, ...summary } = toVersion(row);
    return summary;
  });
}

/** Every submitted version with its content, version 1 first (for the resident's full record). */
export function listDeclarationVersionsWithData(db: Db, residentId: string): DeclarationVersion[] {
  const rows = prepared(db, `${SELECT_VERSION} WHERE d.resident_id = ? ORDER BY v.version`).all(
    residentId,
  ) as VersionRow[];
  return rows.map(toVersion);
}

export interface DraftRow {
  baseVersion: number;
  data: Record<string, unknown>;
  savedAt: string;
  savedBy: string;
}

export function getDraft(db: Db, residentId: string): DraftRow | null {
  const row = prepared(
    db,
    `SELECT base_version AS baseVersion, data, saved_at AS savedAt, u.full_name AS savedBy
       FROM declaration_drafts dr JOIN users u ON u.id = dr.saved_by WHERE resident_id = ?`,
  ).get(residentId) as (Omit<DraftRow, 'data'> & { data: string }) | undefined;
  return row ? { ...row, data: JSON.parse(row.data) as Record<string, unknown> } : null;
}

export function saveDraft(
  db: Db,
  d: {
    residentId: string;
    baseVersion: number;
    data: Record<string, unknown>;
    at: string;
    userId: string;
  },
): void {
  prepared(
    db,
    `INSERT INTO declaration_drafts (resident_id, base_version, data, saved_at, saved_by)
     VALUES (@residentId, @baseVersion, @data, @at, @userId)
     ON CONFLICT (resident_id) DO UPDATE SET base_version = excluded.base_version,
       data = excluded.data, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
  ).run({ ...d, data: JSON.stringify(d.data) });
}

export function deleteDraft(db: Db, residentId: string): void {
  prepared(db, 'DELETE FROM declaration_drafts WHERE resident_id = ?').run(residentId);
}
