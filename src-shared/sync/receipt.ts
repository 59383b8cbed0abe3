import { z } from 'zod';
import { stationCodeSchema } from './bundle-header';
import {
  diffRecordLists,
  recordRefSchema,
  sha256HexSchema,
  type RecordRef,
} from './record-manifest';
import { SyncError } from './sync-errors';

/**
 * The city's answer to one bundle, signed with its receipt key (JWS, `typ`
 * whs-receipt+jws). It speaks of every record of the bundle, so the station marks as synced
 * exactly what the city took, and keeps the rest in view with the reason it was refused.
 */
export const RECORD_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/**
 * Reasons the reference receiver gives for a rejected record. The set is open (a receiver
 * may add codes in the same shape); the station shows an unknown code as it is.
 */
export const RECORD_REJECTION_REASONS = {
  FHIR_INVALID: {
    vi: 'Hồ sơ không đúng chuẩn FHIR R4.',
    en: 'The record is not valid FHIR R4.',
  },
  REFERENCE_UNRESOLVED: {
    vi: 'Hồ sơ tham chiếu tới một hồ sơ mà kho thành phố chưa có.',
    en: 'The record refers to a record the city store does not have.',
  },
  VERSION_CONFLICT: {
    vi: 'Kho thành phố đã có phiên bản khác với cùng số phiên bản.',
    en: 'The city store holds a different record under the same version number.',
  },
  VERSION_OUTDATED: {
    vi: 'Kho thành phố đã có phiên bản mới hơn của hồ sơ này.',
    en: 'The city store already holds a newer version of this record.',
  },
  NOT_PERMITTED: {
    vi: 'Trạm không được phép gửi loại hồ sơ này.',
    en: 'The station may not send records of this kind.',
  },
} as const;
export const REJECTION_REASON = /^[A-Z][A-Z0-9_]{1,63}$/;

export const receiptRecordSchema = recordRefSchema
  .extend({
    status: z.enum(RECORD_STATUSES),
    reason: z.string().regex(REJECTION_REASON).optional(),
  })
  .strict()
  .refine((r) => (r.status === 'rejected') === (r.reason !== undefined), {
    path: ['reason'],
    message: 'a reason is given exactly when a record is rejected',
  });
export type ReceiptRecord = z.output<typeof receiptRecordSchema>;

/** The receipt's payload; signed as its canonical JSON (RFC 8785). */
export const receiptSchema = z
  .object({
    receiptId: z.uuid(),
    bundleId: z.uuid({ version: 'v7' }),
    bundleHash: sha256HexSchema,
    stationCode: stationCodeSchema,
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    receivedAt: z.iso.datetime(),
    records: z.array(receiptRecordSchema),
  })
  .strict();
export type Receipt = z.output<typeof receiptSchema>;

/** What the station expects a receipt to be about. */
export interface ReceiptExpectation {
  stationCode: string;
  bundleId?: string;
  bundleHash?: string;
  /** The bundle's records (its manifest); the receipt must name each exactly once. */
  records?: readonly RecordRef[];
}

/**
 * Checks a (signature-verified) receipt against what the station sent. Throws
 * RECEIPT_WRONG_STATION, RECEIPT_WRONG_BUNDLE or RECEIPT_RECORDS_MISMATCH.
 */
export function checkReceiptAgainst(receipt: Receipt, expected: ReceiptExpectation): void {
  if (receipt.stationCode !== expected.stationCode) {
    throw new SyncError(
      'RECEIPT_WRONG_STATION',
      `The receipt is for station ${receipt.stationCode}, not ${expected.stationCode}.`,
      { receiptStation: receipt.stationCode, expectedStation: expected.stationCode },
    );
  }
  if (expected.bundleId !== undefined && receipt.bundleId !== expected.bundleId) {
    throw new SyncError(
      'RECEIPT_WRONG_BUNDLE',
      `The receipt is for bundle ${receipt.bundleId}, not ${expected.bundleId}.`,
      { receiptBundleId: receipt.bundleId, expectedBundleId: expected.bundleId },
    );
  }
  if (expected.bundleHash !== undefined && receipt.bundleHash !== expected.bundleHash) {
    throw new SyncError(
      'RECEIPT_WRONG_BUNDLE',
      'The receipt names a bundle with other content (its bundleHash differs).',
      { receiptBundleHash: receipt.bundleHash, expectedBundleHash: expected.bundleHash },
    );
  }
  if (expected.records !== undefined) {
    const difference = diffRecordLists(expected.records, receipt.records);
    const problems =
      difference.missing.length + difference.unexpected.length + difference.repeated.length;
    if (problems > 0) {
      throw new SyncError(
        'RECEIPT_RECORDS_MISMATCH',
        `The receipt's records differ from the bundle's: ${difference.missing.length} missing, ` +
          `${difference.unexpected.length} not sent, ${difference.repeated.length} named twice.`,
        { ...difference },
      );
    }
  }
}
