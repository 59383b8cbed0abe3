import type { ReferralReason } from '../../src-shared/clinical/referral';
import type { ElderlyScreening } from '../../src-shared/schemas/elderly-screening';
import type { ResidentSummary } from '../../src-shared/schemas/resident';
import type { Db } from './connection';
import { prepared } from './statements';

export type ElderlyListOrder = 'name' | 'birthDate' | 'lastScreened' | 'address';

export interface ElderlyScreeningHead {
  id: string;
  residentId: string;
  version: number;
}

interface Stamp {
  at: string;
  userId: string;
  userName: string;
}

export interface ElderlyScreeningRow {
  id: string;
  version: number;
  residentId: string;
  screening: ElderlyScreening;
  saved: Stamp;
}

export interface ElderlyScreeningSummaryRow {
  id: string;
  version: number;
  screenedOn: string;
  referred: boolean;
  positiveFindings: ReferralReason[];
  saved: Stamp;
}

export interface ElderlyScreeningWrite {
  id: string;
  residentId: string;
  version: number;
  screening: ElderlyScreening;
  positiveFindings: readonly ReferralReason[];
  at: string;
  userId: string;
}

export function getElderlyScreeningHead(db: Db, id: string): ElderlyScreeningHead | null {
  return (prepared(
    db,
    'SELECT id, resident_id AS residentId, version FROM elderly_screenings WHERE id = ?',
  ).get(id) ?? null) as ElderlyScreeningHead | null;
}

/** The head row and its new version; call inside the transaction that checked the version. */
export function writeElderlyScreeningVersion(db: Db, w: ElderlyScreeningWrite): void {
  const head = {
    id: w.id,
    residentId: w.residentId,
    version: w.version,
    screenedOn: w.screening.screenedOn,
    positiveFindings: JSON.stringify(w.positiveFindings),
    referred: w.screening.referral.referred ? 1 : 0,
    at: w.at,
    userId: w.userId,
  };
  if (w.version === 1) {
    prepared(
      db,
      `INSERT INTO elderly_screenings (id, resident_id, version, screened_on, positive_findings,
         referred, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @residentId, 1, @screenedOn, @positiveFindings, @referred, @at, @userId,
         @at, @userId)`,
    ).run(head);
  } else {
    prepared(
      db,
      `UPDATE elderly_screenings SET version = @version, screened_on = @screenedOn,
         positive_findings = @positiveFindings, referred = @referred, updated_at = @at,
         updated_by = @userId
       WHERE id = @id`,
    ).run(head);
  }
  prepared(
    db,
    `INSERT INTO elderly_screening_versions (screening_id, version, data, saved_at, saved_by)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(w.id, w.version, JSON.stringify(w.screening), w.at, w.userId);
}

interface VersionRow {
  id: string;
  residentId: string;
  version: number;
  data: string;
  at: string;
  userId: string;
  userName: string;
}

/** One version of a screening; the current one when `version` is absent. */
export function getElderlyScreening(
  db: Db,
  id: string,
  version?: number,
): ElderlyScreeningRow | null {
  const row = prepared(
    db,
    `SELECT s.id, s.resident_id AS residentId, v.version, v.data, v.saved_at AS at,
         v.saved_by AS userId, u.full_name AS userName
       FROM elderly_screenings s
       JOIN elderly_screening_versions v ON v.screening_id = s.id AND v.version = coalesce(?, s.version)
       JOIN users u ON u.id = v.saved_by
       WHERE s.id = ?`,
  ).get(version ?? null, id) as VersionRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    residentId: row.residentId,
    version: row.version,
    screening: JSON.parse(row.data) as ElderlyScreening,
    saved: { at: row.at, userId: row.userId, userName: row.userName },
  };
}

/** How many versions a screening has kept (every save adds one; none is ever replaced). */
export function countElderlyScreeningVersions(db: Db, id: string): number {
  const row = prepared(
    db,
    'SELECT count(*) AS n FROM elderly_screening_versions WHERE screening_id = ?',
  ).get(id) as { n: number };
  return row.n;
}

interface SummaryRow {
  id: string;
  version: number;
  screenedOn: string;
  referred: number;
  positiveFindings: string;
  at: string;
  userId: string;
  userName: string;
}

/** A resident's screenings, newest screening date first (latest version of each). */
export function listElderlyScreenings(db: Db, residentId: string): ElderlyScreeningSummaryRow[] {
  const rows = prepared(
    db,
    `SELECT s.id, s.version, s.screened_on AS screenedOn, s.referred,
         s.positive_findings AS positiveFindings, s.updated_at AS at, s.updated_by AS userId,
         u.full_name AS userName
       FROM elderly_screenings s JOIN users u ON u.id = s.updated_by
       WHERE s.resident_id = ?
       ORDER BY s.screened_on DESC, s.id DESC`,
  ).all(residentId) as SummaryRow[];
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    screenedOn: row.screenedOn,
    referred: row.referred === 1,
    positiveFindings: JSON.parse(row.positiveFindings) as ReferralReason[],
    saved: { at: row.at, userId: row.userId, userName: row.userName },
  }));
}

const SUMMARY_COLUMNS = `r.id, r.full_name AS fullName, r.sex, r.birth_date AS birthDate,
  coalesce(r.personal_id, '') AS personalId, coalesce(r.temporary_id, '') AS temporaryId,
  coalesce(r.bhyt, '') AS bhyt, coalesce(r.phone, '') AS phone,
  r.commune_code AS communeCode, r.street`;

/**
 * A screening counts for the person: a record merged into another brings its screenings to
 * the record that continues (`merged_into`), so a merge never makes someone look unscreened.
 */
const SCREENED_PERSON = 'coalesce(p.merged_into, p.id)';

/** Fixed ORDER BY clauses, chosen by name: nothing from the caller is spliced into SQL. */
const ORDER_BY: Record<ElderlyListOrder, string> = {
  name: 'r.name_given_first, r.birth_date, r.id',
  birthDate: 'r.birth_date, r.name_given_first, r.id',
  // Never screened first, then the longest since the last check.
  lastScreened: 'lastScreenedOn IS NOT NULL, lastScreenedOn, r.name_given_first, r.id',
  address: 'r.commune_code, r.street, r.name_given_first, r.id',
};

export interface DueRow {
  resident: ResidentSummary;
  lastScreenedOn: string | null;
}

/**
 * Residents of the commune born on or before `bornOnOrBefore` (aged 60+ on the day) whose
 * latest screening is on or before `screenedOnOrBefore` (12 months ago), or who have none.
 */
export function listDueForScreening(
  db: Db,
  q: {
    communeCode: string;
    bornOnOrBefore: string;
    screenedOnOrBefore: string;
    orderBy: ElderlyListOrder;
  },
): DueRow[] {
  const rows = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS}, last.lastScreenedOn
       FROM residents r
       LEFT JOIN (
         SELECT ${SCREENED_PERSON} AS personId, max(e.screened_on) AS lastScreenedOn
           FROM elderly_screenings e JOIN residents p ON p.id = e.resident_id
           GROUP BY personId
       ) last ON last.personId = r.id
       WHERE r.merged_into IS NULL AND r.commune_code = ? AND r.birth_date <= ?
         AND (last.lastScreenedOn IS NULL OR last.lastScreenedOn <= ?)
       ORDER BY ${ORDER_BY[q.orderBy]}`,
  ).all(q.communeCode, q.bornOnOrBefore, q.screenedOnOrBefore) as (ResidentSummary & {
    lastScreenedOn: string | null;
  })[];
  return rows.map(({ lastScreenedOn, ...resident }) => ({ resident, lastScreenedOn }));
}

export interface FollowUpRow {
  resident: ResidentSummary;
  screeningId: string;
  screenedOn: string;
  positiveFindings: ReferralReason[];
  referred: boolean;
}

/**
 * People whose latest screening found something (a suggested or chosen referral reason) or
 * referred them: nobody has screened them since, so the finding is still open.
 */
export function listFollowUp(db: Db, orderBy: ElderlyListOrder): FollowUpRow[] {
  const rows = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS}, latest.id AS screeningId, latest.screened_on AS screenedOn,
         latest.screened_on AS lastScreenedOn, latest.positive_findings AS positiveFindings,
         latest.referred
       FROM (
         SELECT e.id, e.screened_on, e.positive_findings, e.referred,
             ${SCREENED_PERSON} AS personId,
             row_number() OVER (PARTITION BY ${SCREENED_PERSON}
               ORDER BY e.screened_on DESC, e.id DESC) AS rank
           FROM elderly_screenings e JOIN residents p ON p.id = e.resident_id
       ) latest
       JOIN residents r ON r.id = latest.personId
       WHERE latest.rank = 1 AND r.merged_into IS NULL
         AND (latest.referred = 1 OR latest.positive_findings <> '[]')
       ORDER BY ${ORDER_BY[orderBy]}`,
  ).all() as (ResidentSummary & {
    screeningId: string;
    screenedOn: string;
    lastScreenedOn: string;
    positiveFindings: string;
    referred: number;
  })[];
  return rows.map(
    ({ screeningId, screenedOn, lastScreenedOn: _sortKey, positiveFindings, referred, ...r }) => ({
      resident: r,
      screeningId,
      screenedOn,
      positiveFindings: JSON.parse(positiveFindings) as ReferralReason[],
      referred: referred === 1,
    }),
  );
}
