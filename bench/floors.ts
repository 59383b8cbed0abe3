import type { Db, Statement } from '../src-main/db/connection';

/**
 * The floor: the same indexed queries as src-main/db/resident-repository.ts, prepared once
 * and run straight on the connection, without dispatch, zod, folding or per-call prepare.
 * Keep the SQL in step with the repository; diagnostics warn when the captured SQL differs.
 */
const PREFIX_END = '\u{10FFFF}';

const SUMMARY_COLUMNS = `r.id, r.full_name AS fullName, r.sex, r.birth_date AS birthDate,
  coalesce(r.personal_id, '') AS personalId, coalesce(r.temporary_id, '') AS temporaryId,
  coalesce(r.bhyt, '') AS bhyt, coalesce(r.phone, '') AS phone,
  r.commune_code AS communeCode, r.street`;

export const FLOOR_SQL = {
  byFullName: `SELECT ${SUMMARY_COLUMNS} FROM residents r
       WHERE r.name_folded >= ? AND r.name_folded < ? AND r.merged_into IS NULL
       ORDER BY r.name_folded, r.birth_date LIMIT ?`,
  byGivenName: `SELECT ${SUMMARY_COLUMNS} FROM residents r
       WHERE r.name_given_first >= ? AND r.name_given_first < ? AND r.merged_into IS NULL
       ORDER BY r.name_given_first, r.birth_date LIMIT ?`,
  byIdentifier: `SELECT ${SUMMARY_COLUMNS} FROM resident_identifiers i
       JOIN residents r INDEXED BY residents_summary_by_id ON r.id = i.resident_id
       WHERE i.value >= ? AND i.value < ?
       ORDER BY i.value LIMIT ?`,
} as const;

interface Row {
  id: string;
}

export class Floors {
  private readonly byFullName: Statement;
  private readonly byGivenName: Statement;
  private readonly byIdentifier: Statement;
  /** How many name searches needed the second (given-name-first) query. */
  secondQueryRuns = 0;

  constructor(db: Db) {
    this.byFullName = db.prepare(FLOOR_SQL.byFullName);
    this.byGivenName = db.prepare(FLOOR_SQL.byGivenName);
    this.byIdentifier = db.prepare(FLOOR_SQL.byIdentifier);
  }

  /** `folded` is already accent-folded, as the handler would pass it. */
  name(folded: string, limit: number): Row[] {
    const first = this.byFullName.all(folded, folded + PREFIX_END, limit) as Row[];
    if (first.length >= limit) return first;
    this.secondQueryRuns += 1;
    const second = this.byGivenName.all(folded, folded + PREFIX_END, limit) as Row[];
    const seen = new Set(first.map((r) => r.id));
    return [...first, ...second.filter((r) => !seen.has(r.id))].slice(0, limit);
  }

  /** `value` is already compacted (no spaces/dots), as the handler would pass it. */
  identifier(value: string, limit: number): Row[] {
    const rows = this.byIdentifier.all(value, value + PREFIX_END, limit + 10) as Row[];
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, limit);
  }
}
