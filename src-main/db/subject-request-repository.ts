import type {
  ConsentPurpose,
  SubjectRequest,
  SubjectRequestKind,
} from '../../src-shared/schemas/subject-rights';
import type { Db } from './connection';
import { prepared } from './statements';

export interface SubjectRequestWrite {
  id: string;
  residentId: string;
  kind: SubjectRequestKind;
  requestedBy: 'self' | 'representative';
  representativeName: string;
  receivedAt: string;
  note: string;
  purpose: ConsentPurpose | null;
  at: string;
  userId: string;
}

export function insertSubjectRequest(db: Db, w: SubjectRequestWrite): void {
  prepared(
    db,
    `INSERT INTO subject_requests (id, resident_id, kind, requested_by, representative_name,
       received_at, note, purpose, recorded_at, recorded_by)
     VALUES (@id, @residentId, @kind, @requestedBy, @representativeName, @receivedAt, @note,
       @purpose, @at, @userId)`,
  ).run({
    ...w,
    representativeName: w.requestedBy === 'representative' ? w.representativeName : '',
  });
}

interface RequestRow {
  id: string;
  residentId: string;
  kind: SubjectRequestKind;
  requestedBy: 'self' | 'representative';
  representativeName: string;
  receivedAt: string;
  note: string;
  purpose: ConsentPurpose | null;
  recordedAt: string;
  recordedBy: string;
  recordedByName: string;
  renewedAt: string | null;
  renewedBy: string | null;
  renewedByName: string | null;
  renewedVersion: number | null;
}

/** A resident's requests with the renewal of each withdrawal, oldest first. */
export function listSubjectRequests(db: Db, residentId: string): SubjectRequest[] {
  const rows = prepared(
    db,
    `SELECT r.id, r.resident_id AS residentId, r.kind, r.requested_by AS requestedBy,
         r.representative_name AS representativeName, r.received_at AS receivedAt, r.note,
         r.purpose, r.recorded_at AS recordedAt, r.recorded_by AS recordedBy,
         ru.full_name AS recordedByName, w.renewed_at AS renewedAt, w.renewed_by AS renewedBy,
         nu.full_name AS renewedByName, w.renewed_declaration_version AS renewedVersion
       FROM subject_requests r
       JOIN users ru ON ru.id = r.recorded_by
       LEFT JOIN consent_withdrawals w ON w.request_id = r.id
       LEFT JOIN users nu ON nu.id = w.renewed_by
       WHERE r.resident_id = ?
       ORDER BY r.recorded_at, r.id`,
  ).all(residentId) as RequestRow[];
  return rows.map((row) => ({
    id: row.id,
    residentId: row.residentId,
    kind: row.kind,
    requestedBy: row.requestedBy,
    representativeName: row.representativeName,
    receivedAt: row.receivedAt,
    note: row.note,
    purpose: row.purpose,
    recorded: { at: row.recordedAt, userId: row.recordedBy, userName: row.recordedByName },
    renewed:
      row.renewedAt !== null && row.renewedBy !== null && row.renewedVersion !== null
        ? {
            at: row.renewedAt,
            userId: row.renewedBy,
            userName: row.renewedByName ?? '',
            declarationVersion: row.renewedVersion,
          }
        : null,
  }));
}
