import type {
  DuplicateGroup,
  DuplicateMember,
  MergeLink,
} from '../../src-shared/schemas/duplicates';
import type { Db } from './connection';
import { prepared } from './statements';

interface GroupKeyRow {
  nameFolded: string;
  birthDate: string;
  ids: string;
}

const MEMBER_COLUMNS = `r.id, r.version, r.full_name AS fullName, r.sex, r.birth_date AS birthDate,
  coalesce(r.personal_id, '') AS personalId, coalesce(r.temporary_id, '') AS temporaryId,
  coalesce(r.bhyt, '') AS bhyt, coalesce(r.phone, '') AS phone,
  r.commune_code AS communeCode, r.street, r.created_at AS createdAt,
  u.full_name AS createdBy, coalesce(d.version, 0) AS declarationVersion`;

function memberKey(ids: readonly string[]): string {
  return JSON.stringify([...ids].sort());
}

function evidenceOf(members: readonly DuplicateMember[]): DuplicateGroup['evidence'] {
  const shared = (values: string[]): boolean => {
    const present = values.filter((v) => v !== '');
    return new Set(present).size < present.length;
  };
  const evidence: DuplicateGroup['evidence'] = [];
  if (shared(members.map((m) => m.personalId))) evidence.push('samePersonalId');
  if (shared(members.map((m) => m.bhyt.slice(-10)))) evidence.push('sameInsurance');
  if (shared(members.map((m) => m.phone))) evidence.push('samePhone');
  if (shared(members.map((m) => m.communeCode))) evidence.push('sameCommune');
  return evidence;
}

/**
 * Residents sharing a folded name and date of birth (the registry's duplicate rule), not
 * merged, and not a group a supervisor already found to be different people. Groups with
 * more shared evidence come first.
 */
export function listDuplicateGroups(
  db: Db,
  limit: number,
): { groups: DuplicateGroup[]; more: boolean } {
  const keys = prepared(
    db,
    `SELECT name_folded AS nameFolded, birth_date AS birthDate, json_group_array(id) AS ids
       FROM residents WHERE merged_into IS NULL
       GROUP BY name_folded, birth_date HAVING count(*) > 1`,
  ).all() as GroupKeyRow[];
  const dismissed = new Set(
    (
      prepared(db, 'SELECT member_ids AS memberIds FROM duplicate_dismissals').all() as {
        memberIds: string;
      }[]
    ).map((row) => row.memberIds),
  );
  const open = keys.filter((k) => !dismissed.has(memberKey(JSON.parse(k.ids) as string[])));
  const member = prepared(
    db,
    `SELECT ${MEMBER_COLUMNS} FROM residents r
       JOIN users u ON u.id = r.created_by
       LEFT JOIN declarations d ON d.resident_id = r.id
       WHERE r.id = ?`,
  );
  const groups = open.map((k): DuplicateGroup => {
    const members = (JSON.parse(k.ids) as string[])
      .map((id) => member.get(id) as DuplicateMember)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return {
      nameFolded: k.nameFolded,
      birthDate: k.birthDate,
      members,
      evidence: evidenceOf(members),
    };
  });
  groups.sort(
    (a, b) => b.evidence.length - a.evidence.length || a.nameFolded.localeCompare(b.nameFolded),
  );
  return { groups: groups.slice(0, limit), more: groups.length > limit };
}

export function dismissDuplicateGroup(
  db: Db,
  d: { nameFolded: string; birthDate: string; memberIds: string[]; at: string; userId: string },
): void {
  prepared(
    db,
    `INSERT OR REPLACE INTO duplicate_dismissals
       (name_folded, birth_date, member_ids, dismissed_at, dismissed_by)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(d.nameFolded, d.birthDate, memberKey(d.memberIds), d.at, d.userId);
}

/** The folded name and birth date of residents still in the registry (not merged). */
export function activeIdentityKeys(
  db: Db,
  ids: readonly string[],
): { id: string; nameFolded: string; birthDate: string }[] {
  const row = prepared(
    db,
    `SELECT id, name_folded AS nameFolded, birth_date AS birthDate
       FROM residents WHERE id = ? AND merged_into IS NULL`,
  );
  return ids.flatMap((id) => {
    const found = row.get(id) as { id: string; nameFolded: string; birthDate: string } | undefined;
    return found ? [found] : [];
  });
}

export function mergedIntoOf(db: Db, id: string): string | null {
  const row = prepared(db, 'SELECT merged_into AS mergedInto FROM residents WHERE id = ?').get(
    id,
  ) as { mergedInto: string | null } | undefined;
  return row?.mergedInto ?? null;
}

/**
 * Retires a resident record into another: a new version that points at the survivor, and
 * its identifiers leave the search index (the survivor now answers to them).
 */
export function retireResident(
  db: Db,
  r: { id: string; version: number; survivorId: string; at: string; userId: string },
): void {
  prepared(
    db,
    `UPDATE residents SET version = @version, merged_into = @survivorId, merged_at = @at,
       updated_at = @at, updated_by = @userId WHERE id = @id`,
  ).run(r);
  prepared(db, 'DELETE FROM resident_identifiers WHERE resident_id = ?').run(r.id);
  prepared(
    db,
    `INSERT INTO resident_versions (resident_id, version, data, changed_at, changed_by)
     SELECT resident_id, @version, json_set(data, '$.mergedInto', @survivorId), @at, @userId
       FROM resident_versions WHERE resident_id = @id AND version = @version - 1`,
  ).run(r);
}

export function recordMerge(
  db: Db,
  m: { retiredId: string; survivorId: string; reason: string; at: string; userId: string },
): void {
  prepared(
    db,
    `INSERT INTO resident_merges (retired_id, survivor_id, reason, merged_at, merged_by)
     VALUES (@retiredId, @survivorId, @reason, @at, @userId)`,
  ).run(m);
}

/**
 * Moves what belongs to the person rather than to the record: her requests under data
 * protection law and the consent withdrawals in force (a withdrawal must survive a merge,
 * Law 91/2025). A withdrawal the survivor already has in force stays with the retired record.
 */
export function moveSubjectRights(db: Db, retiredId: string, survivorId: string): void {
  prepared(db, 'UPDATE subject_requests SET resident_id = ? WHERE resident_id = ?').run(
    survivorId,
    retiredId,
  );
  prepared(
    db,
    `UPDATE consent_withdrawals SET resident_id = @survivorId
       WHERE resident_id = @retiredId
         AND (renewed_at IS NOT NULL OR purpose NOT IN (
           SELECT purpose FROM consent_withdrawals
            WHERE resident_id = @survivorId AND renewed_at IS NULL))`,
  ).run({ survivorId, retiredId });
}

/** The declaration (and draft) move to the survivor when only the retired record had one. */
export function moveDeclarationIfAlone(db: Db, retiredId: string, survivorId: string): boolean {
  const survivorHas = prepared(db, 'SELECT 1 FROM declarations WHERE resident_id = ?').get(
    survivorId,
  );
  if (survivorHas) return false;
  const moved = prepared(db, 'UPDATE declarations SET resident_id = ? WHERE resident_id = ?').run(
    survivorId,
    retiredId,
  );
  const survivorDraft = prepared(db, 'SELECT 1 FROM declaration_drafts WHERE resident_id = ?').get(
    survivorId,
  );
  if (!survivorDraft) {
    prepared(db, 'UPDATE declaration_drafts SET resident_id = ? WHERE resident_id = ?').run(
      survivorId,
      retiredId,
    );
  }
  return moved.changes > 0;
}

interface MergeLinkRow {
  residentId: string;
  fullName: string;
  at: string;
  userName: string;
  reason: string;
}

export function mergesOf(
  db: Db,
  id: string,
): { mergedInto: MergeLink | null; mergedFrom: MergeLink[] } {
  const into = prepared(
    db,
    `SELECT m.survivor_id AS residentId, r.full_name AS fullName, m.merged_at AS at,
         u.full_name AS userName, m.reason
       FROM resident_merges m JOIN residents r ON r.id = m.survivor_id
       JOIN users u ON u.id = m.merged_by WHERE m.retired_id = ?`,
  ).get(id) as MergeLinkRow | undefined;
  const from = prepared(
    db,
    `SELECT m.retired_id AS residentId, r.full_name AS fullName, m.merged_at AS at,
         u.full_name AS userName, m.reason
       FROM resident_merges m JOIN residents r ON r.id = m.retired_id
       JOIN users u ON u.id = m.merged_by WHERE m.survivor_id = ? ORDER BY m.merged_at`,
  ).all(id) as MergeLinkRow[];
  return { mergedInto: into ?? null, mergedFrom: from };
}
