import { SUBJECT_RECORD_SCHEMA, type SubjectRecord } from '../../src-shared/schemas/subject-rights';
import { queryAudit } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { withdrawnPurposes } from '../db/consent-repository';
import { listDeclarationVersionsWithData } from '../db/declaration-repository';
import { getResident, listResidentVersions } from '../db/resident-repository';
import { getStation } from '../db/station-repository';
import {
  listElderlyScreeningVersions,
  listSchoolScreeningVersions,
  listScreeningConsents,
  type StoredScreeningVersion,
} from '../db/subject-screening-repository';
import { listSubjectRequests } from '../db/subject-request-repository';

/** Rows of versions (ordered by screening, then version) grouped into one entry per screening. */
function groupVersions<T extends StoredScreeningVersion, E>(
  rows: readonly T[],
  entry: (first: T) => E,
): (E & { versions: SubjectRecord['elderlyScreenings'][number]['versions'] })[] {
  const byId = new Map<
    string,
    E & { versions: SubjectRecord['elderlyScreenings'][number]['versions'] }
  >();
  for (const row of rows) {
    let found = byId.get(row.screeningId);
    if (!found) {
      found = { ...entry(row), versions: [] };
      byId.set(row.screeningId, found);
    }
    found.versions.push({
      version: row.version,
      savedAt: row.savedAt,
      savedBy: { userId: row.userId, userName: row.userName },
      data: row.data,
    });
  }
  return [...byId.values()];
}

/** Far more rows than one person's trail can hold; queryAudit needs a bound. */
const AUDIT_ROWS_LIMIT = 1_000_000;

/**
 * Everything the station holds about one resident, for her access or copy request
 * (Law 91/2025; domain guide, "Consent and data protection"): the record and every version of
 * it, every health declaration version with who and when, the consents and withdrawals, her
 * requests, and the audit trail's rows about her. Read in one transaction, so the parts agree.
 * Null when there is no such resident.
 */
export function buildSubjectRecord(
  db: Db,
  residentId: string,
  generated: { at: string; userId: string; userName: string },
): SubjectRecord | null {
  return db.transaction((): SubjectRecord | null => {
    const resident = getResident(db, residentId);
    if (!resident) return null;
    const station = getStation(db);
    const declarationVersions = listDeclarationVersionsWithData(db, residentId);
    return {
      schema: SUBJECT_RECORD_SCHEMA,
      generatedAt: generated.at,
      generatedBy: { userId: generated.userId, userName: generated.userName },
      station: {
        name: station?.name ?? '',
        communeCode: station?.communeCode ?? '',
        facilityCode: station?.facilityCode ?? '',
      },
      resident,
      residentVersions: listResidentVersions(db, residentId),
      declarationVersions,
      consent: {
        given: declarationVersions.map((v) => ({
          declarationVersion: v.version,
          at: v.submitted.at,
          recordedBy: { userId: v.submitted.userId, userName: v.submitted.userName },
          recordKeeping: v.declaration.consent.recordKeeping,
          citySharing: v.declaration.consent.citySharing,
          statistics: v.declaration.consent.statistics,
          givenBy: v.declaration.consent.givenBy,
          representativeName: v.declaration.consent.representativeName,
          representativeRelationship: v.declaration.consent.representativeRelationship,
        })),
        withdrawnPurposes: withdrawnPurposes(db, residentId),
      },
      requests: listSubjectRequests(db, residentId),
      elderlyScreenings: groupVersions(listElderlyScreeningVersions(db, residentId), (r) => ({
        id: r.screeningId,
        screenedOn: r.screenedOn,
      })),
      schoolScreenings: groupVersions(listSchoolScreeningVersions(db, residentId), (r) => ({
        id: r.screeningId,
        schoolName: r.schoolName,
        className: r.className,
        schoolYear: r.schoolYear,
        round: r.round,
        screenedOn: r.screenedOn,
        status: r.status,
      })),
      screeningConsents: listScreeningConsents(db, residentId),
      auditTrail: queryAudit(db, { recordId: residentId, limit: AUDIT_ROWS_LIMIT })
        .reverse()
        .map(({ prevHash: _prevHash, ...row }) => row),
    };
  })();
}
