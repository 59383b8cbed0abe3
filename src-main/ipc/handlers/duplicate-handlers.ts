import { combineResidents } from '../../../src-shared/domain/resident-merge';
import { AppFailure } from '../../../src-shared/ipc/errors';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import { changeDigests } from '../../audit/audit-log';
import {
  getDeclarationHead,
  getDeclarationVersion,
  writeDeclarationVersion,
} from '../../db/declaration-repository';
import {
  activeIdentityKeys,
  dismissDuplicateGroup,
  listDuplicateGroups,
  moveDeclarationIfAlone,
  moveSubjectRights,
  recordMerge,
  retireResident,
} from '../../db/duplicate-repository';
import { appendOutbox } from '../../db/outbox-repository';
import { getResident, updateResident } from '../../db/resident-repository';
import { nowIso, requireSession, type HandlerContext } from '../context';
import { activeResidentOrFail } from './resident-guards';
import type { HandlerMap } from './types';

/** A page of groups: a supervisor works through them from the strongest evidence down. */
const GROUPS_PER_PAGE = 100;

function expectVersion(record: ResidentRecord, expected: number): void {
  if (record.version !== expected) {
    throw new AppFailure('CONFLICT', 'The resident was changed by someone else; reload.', {
      details: { residentId: record.id, currentVersion: record.version },
    });
  }
}

/**
 * The declaration that moved to the survivor gets a new version with the same content,
 * submitted by the supervisor: the city then learns whose record it now belongs to.
 */
function reissueMovedDeclaration(
  ctx: HandlerContext,
  survivorId: string,
  at: string,
  userId: string,
): void {
  const head = getDeclarationHead(ctx.db, survivorId);
  if (!head) return;
  const latest = getDeclarationVersion(ctx.db, survivorId, head.version);
  if (!latest) return;
  const version = head.version + 1;
  writeDeclarationVersion(ctx.db, {
    declarationId: head.id,
    residentId: survivorId,
    version,
    declaration: latest.declaration,
    at,
    userId,
  });
  appendOutbox(ctx.db, {
    entityType: 'declaration',
    entityId: head.id,
    entityVersion: version,
    operation: 'update',
    at,
  });
}

export const duplicateHandlers: HandlerMap<
  'duplicate.list' | 'duplicate.dismiss' | 'resident.merge'
> = {
  'duplicate.list': (_input, ctx) => listDuplicateGroups(ctx.db, GROUPS_PER_PAGE),

  'duplicate.dismiss': ({ memberIds }, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    ctx.db
      .transaction(() => {
        const members = activeIdentityKeys(ctx.db, memberIds);
        const first = members[0];
        const oneGroup =
          first !== undefined &&
          members.length === memberIds.length &&
          members.every(
            (m) => m.nameFolded === first.nameFolded && m.birthDate === first.birthDate,
          );
        if (!oneGroup) {
          throw new AppFailure('INVALID_INPUT', 'These residents are not one duplicate group.', {
            issues: [{ path: ['memberIds'], message: 'validation.duplicateGroup' }],
          });
        }
        dismissDuplicateGroup(ctx.db, {
          nameFolded: first.nameFolded,
          birthDate: first.birthDate,
          memberIds,
          at,
          userId: session.user.id,
        });
        ctx.audit({
          action: 'duplicate.dismiss',
          recordType: 'resident',
          recordId: first.id,
          details: { members: memberIds.length },
        });
      })
      .immediate();
    return null;
  },

  'resident.merge': (input, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    ctx.db
      .transaction(() => {
        const survivor = activeResidentOrFail(ctx, input.survivorId);
        const retired = activeResidentOrFail(ctx, input.retiredId);
        expectVersion(survivor, input.survivorVersion);
        expectVersion(retired, input.retiredVersion);

        const combined = combineResidents(survivor, retired, at, session.user.fullName);
        const retiredVersion = retired.version + 1;
        // The retired record leaves the identifier index first: the survivor may take over
        // its personal ID, which is unique among current records.
        retireResident(ctx.db, {
          id: retired.id,
          version: retiredVersion,
          survivorId: survivor.id,
          at,
          userId: session.user.id,
        });
        const survivorVersion = survivor.version + 1;
        updateResident(ctx.db, {
          id: survivor.id,
          version: survivorVersion,
          resident: combined.resident,
          temporaryId: survivor.temporaryId || retired.temporaryId,
          identifierHistory: combined.identifierHistory,
          duplicateReview: survivor.duplicateReview,
          at,
          userId: session.user.id,
        });
        recordMerge(ctx.db, {
          retiredId: retired.id,
          survivorId: survivor.id,
          reason: input.reason,
          at,
          userId: session.user.id,
        });
        moveSubjectRights(ctx.db, retired.id, survivor.id);
        const declarationMoved = moveDeclarationIfAlone(ctx.db, retired.id, survivor.id);
        if (declarationMoved) reissueMovedDeclaration(ctx, survivor.id, at, session.user.id);
        for (const [id, version] of [
          [retired.id, retiredVersion],
          [survivor.id, survivorVersion],
        ] as const) {
          appendOutbox(ctx.db, {
            entityType: 'resident',
            entityId: id,
            entityVersion: version,
            operation: 'update',
            at,
          });
        }
        ctx.audit({
          action: 'resident.merge',
          recordType: 'resident',
          recordId: survivor.id,
          details: {
            retiredId: retired.id,
            declarationMoved,
            ...changeDigests(survivor.resident, combined.resident),
          },
        });
      })
      .immediate();
    return getResident(ctx.db, input.survivorId) as ResidentRecord;
  },
};
