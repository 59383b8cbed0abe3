import { CONSENT_PURPOSES } from '../../src-shared/reference/declaration-codes';
import type { ConsentPurpose } from '../../src-shared/schemas/subject-rights';
import type { Db } from './connection';
import { prepared } from './statements';

/**
 * Consent withdrawals (Law 91/2025: the data subject may withdraw consent at any time, and
 * processing for that purpose stops). A withdrawal is in force until a later health
 * declaration records a new, explicit consent for the same purpose.
 */

export interface WithdrawalInForce {
  requestId: string;
  purpose: ConsentPurpose;
  withdrawnAt: string;
}

/** The withdrawals in force for a resident, in the order of CONSENT_PURPOSES. */
export function withdrawalsInForce(db: Db, residentId: string): WithdrawalInForce[] {
  const rows = prepared(
    db,
    `SELECT request_id AS requestId, purpose, withdrawn_at AS withdrawnAt
       FROM consent_withdrawals WHERE resident_id = ? AND renewed_at IS NULL`,
  ).all(residentId) as WithdrawalInForce[];
  return rows.sort(
    (a, b) => CONSENT_PURPOSES.indexOf(a.purpose) - CONSENT_PURPOSES.indexOf(b.purpose),
  );
}

/**
 * The purposes the station must no longer process this resident's data for. Sync reads it
 * before sending anything to the city: `citySharing` here means her record stays local.
 */
export function withdrawnPurposes(db: Db, residentId: string): ConsentPurpose[] {
  return withdrawalsInForce(db, residentId).map((w) => w.purpose);
}

export function insertWithdrawal(
  db: Db,
  w: { requestId: string; residentId: string; purpose: ConsentPurpose; at: string; userId: string },
): void {
  prepared(
    db,
    `INSERT INTO consent_withdrawals (request_id, resident_id, purpose, withdrawn_at, withdrawn_by)
     VALUES (@requestId, @residentId, @purpose, @at, @userId)`,
  ).run(w);
}

/** Records the new consent that ends a withdrawal; the withdrawal itself stays as history. */
export function renewWithdrawnConsent(
  db: Db,
  r: { requestId: string; at: string; userId: string; declarationVersion: number },
): void {
  prepared(
    db,
    `UPDATE consent_withdrawals
       SET renewed_at = @at, renewed_by = @userId, renewed_declaration_version = @declarationVersion
     WHERE request_id = @requestId AND renewed_at IS NULL`,
  ).run(r);
}
