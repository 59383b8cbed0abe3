import { AppFailure } from '../../../src-shared/ipc/errors';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import { mergedIntoOf } from '../../db/duplicate-repository';
import { getResident } from '../../db/resident-repository';
import type { HandlerContext } from '../context';

export function residentOrFail(ctx: HandlerContext, residentId: string): ResidentRecord {
  const record = getResident(ctx.db, residentId);
  if (!record) throw new AppFailure('NOT_FOUND', 'No resident with this id.');
  return record;
}

/**
 * A retired (merged) record is read-only: what is written about the person goes to the
 * record that continues, so her information is never split between two records again.
 */
export function activeResidentOrFail(ctx: HandlerContext, residentId: string): ResidentRecord {
  const record = residentOrFail(ctx, residentId);
  const mergedInto = mergedIntoOf(ctx.db, residentId);
  if (mergedInto !== null) {
    throw new AppFailure('RESIDENT_MERGED', 'This record was merged into another resident.', {
      details: { mergedInto },
    });
  }
  return record;
}
