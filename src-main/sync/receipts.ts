import { z } from 'zod';
import { receiptSchema } from '../../src-shared/sync/receipt';
import { SyncError } from '../../src-shared/sync/sync-errors';
import type { Db } from '../db/connection';
import {
  applyReceipt,
  getBundle,
  getBundleReceipt,
  listBundleRecords,
  listCityKeys,
  type BundleRow,
} from '../db/sync-repository';
import { verifyReceipt } from './receipt-signature';

/**
 * Importing the city's receipt for a bundle (docs/sync-protocol.md §7): nothing is believed
 * before `verifyReceipt` (a trusted city key, this station, this bundle's id, hash and exact
 * records); then, in one transaction, each record's status, the bundle's state and the
 * acknowledgement of every outbox change the city fully holds.
 */

const unverifiedShape = z.object({ payload: z.string() }).loose();

/** The bundle a receipt claims to answer, read before its signature is checked. */
function claimedBundleId(fileText: string): string {
  try {
    const file = unverifiedShape.parse(JSON.parse(fileText));
    const payload: unknown = JSON.parse(Buffer.from(file.payload, 'base64url').toString('utf8'));
    return receiptSchema.shape.bundleId.parse((payload as { bundleId?: unknown }).bundleId);
  } catch {
    throw new SyncError('RECEIPT_MALFORMED', 'The file is not a receipt: no bundle id in it.');
  }
}

export interface ImportedReceipt {
  bundle: BundleRow;
  /** False when this receipt had already been imported: nothing changed. */
  changed: boolean;
  /** The city key that signed it. */
  kid: string;
}

export async function importReceipt(
  db: Db,
  fileText: string,
  options: { stationCode: string; at: string; onApplied?: (bundle: BundleRow) => void },
): Promise<ImportedReceipt> {
  const bundleId = claimedBundleId(fileText);
  const bundle = getBundle(db, bundleId);
  if (!bundle) {
    throw new SyncError(
      'RECEIPT_WRONG_BUNDLE',
      `The receipt is for bundle ${bundleId}, which this station never exported.`,
    );
  }
  const records = listBundleRecords(db, bundleId);
  const verified = await verifyReceipt(fileText, {
    cityKeys: listCityKeys(db),
    expected: {
      stationCode: options.stationCode,
      bundleId,
      bundleHash: bundle.bundleHash,
      records: records.map(({ resourceType, id, versionId }) => ({ resourceType, id, versionId })),
    },
  });
  const changed = db
    .transaction(() => {
      // The same receipt twice (or a second copy the city re-signed) changes nothing.
      if (getBundleReceipt(db, bundleId) !== null) return false;
      applyReceipt(db, {
        bundleId,
        receiptText: fileText,
        records: verified.receipt.records,
        at: options.at,
      });
      options.onApplied?.(getBundle(db, bundleId)!);
      return true;
    })
    .immediate();
  return { bundle: getBundle(db, bundleId)!, changed, kid: verified.kid };
}
