import { foldVietnamese, givenNameFirstKey } from '../../src-shared/domain/name-folding';
import { socialInsuranceNumber } from '../../src-shared/domain/identifiers';
import type { Resident, ResidentRecord, ResidentSummary } from '../../src-shared/schemas/resident';
import type { ResidentVersion } from '../../src-shared/schemas/subject-rights';
import type { Db } from './connection';
import { prepared } from './statements';

/** Highest code point: a prefix range `[q, q + MAX)` covers every string starting with q. */
const PREFIX_END = '\u{10FFFF}';

const SUMMARY_COLUMNS = `r.id, r.full_name AS fullName, r.sex, r.birth_date AS birthDate,
  coalesce(r.personal_id, '') AS personalId, coalesce(r.temporary_id, '') AS temporaryId,
  coalesce(r.bhyt, '') AS bhyt, coalesce(r.phone, '') AS phone,
  r.commune_code AS communeCode, r.street`;

interface ResidentRow {
  id: string;
  version: number;
  data: string;
  temporary_id: string | null;
  identifier_history: string;
  duplicate_review: string | null;
  created_at: string;
  created_by: string;
  created_by_name: string;
  updated_at: string;
  updated_by: string;
  updated_by_name: string;
}

export interface ResidentWrite {
  id: string;
  version: number;
  resident: Resident;
  temporaryId: string;
  identifierHistory: ResidentRecord['identifierHistory'];
  duplicateReview: ResidentRecord['duplicateReview'];
  at: string;
  userId: string;
}

function columns(w: ResidentWrite) {
  const folded = foldVietnamese(w.resident.fullName);
  return {
    id: w.id,
    version: w.version,
    data: JSON.stringify(w.resident),
    fullName: w.resident.fullName,
    nameFolded: folded,
    nameGivenFirst: givenNameFirstKey(folded),
    sex: w.resident.sex,
    birthDate: w.resident.birthDate,
    personalId: w.resident.personalId || null,
    temporaryId: w.temporaryId || null,
    bhyt: w.resident.bhyt || null,
    phone: w.resident.phones[0]?.number ?? null,
    communeCode: w.resident.currentAddress.communeCode,
    street: w.resident.currentAddress.street,
    identifierHistory: JSON.stringify(w.identifierHistory),
    duplicateReview: w.duplicateReview ? JSON.stringify(w.duplicateReview) : null,
    at: w.at,
    userId: w.userId,
  };
}

export function insertResident(db: Db, w: ResidentWrite): void {
  prepared(
    db,
    `INSERT INTO residents (id, version, data, full_name, name_folded, name_given_first, sex,
       birth_date, personal_id, temporary_id, bhyt, phone, commune_code, street,
       identifier_history, duplicate_review, created_at, created_by, updated_at, updated_by)
     VALUES (@id, @version, @data, @fullName, @nameFolded, @nameGivenFirst, @sex, @birthDate,
       @personalId, @temporaryId, @bhyt, @phone, @communeCode, @street, @identifierHistory,
       @duplicateReview, @at, @userId, @at, @userId)`,
  ).run(columns(w));
  writeIdentifiers(db, w);
  writeVersion(db, w);
}

export function updateResident(db: Db, w: ResidentWrite): void {
  prepared(
    db,
    `UPDATE residents SET version = @version, data = @data, full_name = @fullName,
       name_folded = @nameFolded, name_given_first = @nameGivenFirst, sex = @sex,
       birth_date = @birthDate, personal_id = @personalId, temporary_id = @temporaryId,
       bhyt = @bhyt, phone = @phone, commune_code = @communeCode, street = @street,
       identifier_history = @identifierHistory, duplicate_review = @duplicateReview,
       updated_at = @at, updated_by = @userId
     WHERE id = @id`,
  ).run(columns(w));
  prepared(db, 'DELETE FROM resident_identifiers WHERE resident_id = ?').run(w.id);
  writeIdentifiers(db, w);
  writeVersion(db, w);
}

function writeVersion(db: Db, w: ResidentWrite): void {
  prepared(
    db,
    `INSERT INTO resident_versions (resident_id, version, data, changed_at, changed_by)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(
    w.id,
    w.version,
    JSON.stringify({
      resident: w.resident,
      temporaryId: w.temporaryId,
      identifierHistory: w.identifierHistory,
    }),
    w.at,
    w.userId,
  );
}

function writeIdentifiers(db: Db, w: ResidentWrite): void {
  const insert = prepared(
    db,
    'INSERT OR IGNORE INTO resident_identifiers (value, kind, resident_id) VALUES (?, ?, ?)',
  );
  const r = w.resident;
  if (r.personalId) insert.run(r.personalId, 'personal_id', w.id);
  if (r.cmnd) insert.run(r.cmnd, 'cmnd', w.id);
  if (r.bhyt) {
    insert.run(r.bhyt, 'bhyt', w.id);
    insert.run(socialInsuranceNumber(r.bhyt), 'social_insurance', w.id);
  }
  if (w.temporaryId) insert.run(w.temporaryId, 'temporary', w.id);
  for (const phone of r.phones) insert.run(phone.number, 'phone', w.id);
  for (const former of w.identifierHistory) insert.run(former.value, 'former', w.id);
}

export function getResident(db: Db, id: string): ResidentRecord | null {
  const row = prepared(
    db,
    `SELECT r.id, r.version, r.data, r.temporary_id, r.identifier_history, r.duplicate_review,
         r.created_at, r.created_by, cu.full_name AS created_by_name,
         r.updated_at, r.updated_by, uu.full_name AS updated_by_name
       FROM residents r
       JOIN users cu ON cu.id = r.created_by
       JOIN users uu ON uu.id = r.updated_by
       WHERE r.id = ?`,
  ).get(id) as ResidentRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
    resident: JSON.parse(row.data) as Resident,
    temporaryId: row.temporary_id ?? '',
    identifierHistory: JSON.parse(row.identifier_history) as ResidentRecord['identifierHistory'],
    duplicateReview: row.duplicate_review
      ? (JSON.parse(row.duplicate_review) as ResidentRecord['duplicateReview'])
      : null,
    created: { at: row.created_at, userId: row.created_by, userName: row.created_by_name },
    updated: { at: row.updated_at, userId: row.updated_by, userName: row.updated_by_name },
  };
}

export function findResidentIdByPersonalId(db: Db, personalId: string): string | null {
  const row = prepared(
    db,
    `SELECT resident_id AS id FROM resident_identifiers WHERE value = ? AND kind = 'personal_id'`,
  ).get(personalId) as { id: string } | undefined;
  return row?.id ?? null;
}

export function getResidentSummary(db: Db, id: string): ResidentSummary | null {
  return (prepared(db, `SELECT ${SUMMARY_COLUMNS} FROM residents r WHERE r.id = ?`).get(id) ??
    null) as ResidentSummary | null;
}

/** Same folded name and date of birth: the registry's rule for a possible duplicate person. */
export function findNameBirthMatches(
  db: Db,
  fullName: string,
  birthDate: string,
  excludeId: string | null,
): ResidentSummary[] {
  return prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM residents r
       WHERE r.name_folded = ? AND r.birth_date = ? AND r.id IS NOT ?
         AND r.merged_into IS NULL
       LIMIT 20`,
  ).all(foldVietnamese(fullName), birthDate, excludeId) as ResidentSummary[];
}

/** Prefix search on the folded full name, then on the given-name-first key. */
export function searchResidentsByName(db: Db, folded: string, limit: number): ResidentSummary[] {
  const byFullName = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM residents r
       WHERE r.name_folded >= ? AND r.name_folded < ? AND r.merged_into IS NULL
       ORDER BY r.name_folded, r.birth_date LIMIT ?`,
  ).all(folded, folded + PREFIX_END, limit) as ResidentSummary[];
  if (byFullName.length >= limit) return byFullName;
  const byGivenName = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM residents r
       WHERE r.name_given_first >= ? AND r.name_given_first < ? AND r.merged_into IS NULL
       ORDER BY r.name_given_first, r.birth_date LIMIT ?`,
  ).all(folded, folded + PREFIX_END, limit) as ResidentSummary[];
  const seen = new Set(byFullName.map((r) => r.id));
  return [...byFullName, ...byGivenName.filter((r) => !seen.has(r.id))].slice(0, limit);
}

/**
 * Prefix search over every identifier: personal ID, CMND, BHYT, social insurance, phone,
 * temporary and former IDs. Results come in identifier order, so the closest numbers to what
 * she typed come first; a resident found through two identifiers is listed once.
 */
export function searchResidentsByIdentifier(
  db: Db,
  value: string,
  limit: number,
): ResidentSummary[] {
  const rows = prepared(
    db,
    // The planner would take the primary key and then read the table row; the covering
    // index holds the whole summary (migration 0008).
    `SELECT ${SUMMARY_COLUMNS} FROM resident_identifiers i
       JOIN residents r INDEXED BY residents_summary_by_id ON r.id = i.resident_id
       WHERE i.value >= ? AND i.value < ?
       ORDER BY i.value LIMIT ?`,
    // A resident matched twice (a phone and a former ID) is rare: a small margin, not 2×, keeps
    // the number of (encrypted, scattered) resident pages read close to the page shown.
  ).all(value, value + PREFIX_END, limit + 10) as ResidentSummary[];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, limit);
}

export function recentResidents(db: Db, limit: number): ResidentSummary[] {
  return prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM residents r WHERE r.merged_into IS NULL
       ORDER BY r.updated_at DESC LIMIT ?`,
  ).all(limit) as ResidentSummary[];
}

interface ResidentVersionRow {
  version: number;
  data: string;
  changedAt: string;
  userId: string;
  userName: string;
}

/** Every stored version of a resident's administrative record, version 1 first. */
export function listResidentVersions(db: Db, id: string): ResidentVersion[] {
  const rows = prepared(
    db,
    `SELECT v.version, v.data, v.changed_at AS changedAt, v.changed_by AS userId,
         u.full_name AS userName
       FROM resident_versions v JOIN users u ON u.id = v.changed_by
       WHERE v.resident_id = ? ORDER BY v.version`,
  ).all(id) as ResidentVersionRow[];
  return rows.map((row) => {
    const data = JSON.parse(row.data) as Pick<
      ResidentVersion,
      'resident' | 'temporaryId' | 'identifierHistory'
    >;
    return {
      version: row.version,
      changedAt: row.changedAt,
      changedBy: { userId: row.userId, userName: row.userName },
      resident: data.resident,
      temporaryId: data.temporaryId,
      identifierHistory: data.identifierHistory,
    };
  });
}
