import {
  classifyQuery,
  makeTemporaryId,
  normaliseIdentifierQuery,
} from '../../../src-shared/domain/identifiers';
import { foldVietnamese } from '../../../src-shared/domain/name-folding';
import { AppFailure } from '../../../src-shared/ipc/errors';
import { changeDigests } from '../../audit/audit-log';
import type {
  DuplicateCandidate,
  Resident,
  ResidentRecord,
} from '../../../src-shared/schemas/resident';
import { withdrawnPurposes } from '../../db/consent-repository';
import { mergesOf } from '../../db/duplicate-repository';
import { getDeclarationHead } from '../../db/declaration-repository';
import { appendOutbox } from '../../db/outbox-repository';
import {
  findNameBirthMatches,
  findResidentIdByPersonalId,
  getResident,
  getResidentSummary,
  insertResident,
  recentResidents,
  searchResidentsByIdentifier,
  searchResidentsByName,
  updateResident,
} from '../../db/resident-repository';
import { getStation } from '../../db/station-repository';
import type { Session } from '../../../src-shared/schemas/station';
import { nowIso, requireSession, type HandlerContext } from '../context';
import { activeResidentOrFail } from './resident-guards';
import type { HandlerMap } from './types';

/** A permanent address "same as current" is stored as a copy, so every reader sees one shape. */
function normaliseResident(resident: Resident): Resident {
  return resident.permanentSameAsCurrent
    ? { ...resident, permanentAddress: { ...resident.currentAddress } }
    : resident;
}

/** Personal ID first: the same number is never two people (domain guide, "Names and search"). */
function guardPersonalId(ctx: HandlerContext, resident: Resident, selfId: string | null): void {
  if (!resident.personalId) return;
  const owner = findResidentIdByPersonalId(ctx.db, resident.personalId);
  if (owner && owner !== selfId) {
    const existing = getResidentSummary(ctx.db, owner);
    throw new AppFailure(
      'DUPLICATE_PERSONAL_ID',
      'Another resident already has this personal ID.',
      {
        issues: [{ path: ['resident', 'personalId'], message: 'validation.personalId.taken' }],
        details: { existing },
      },
    );
  }
}

/**
 * Same folded name and date of birth: possibly the same person. The worker must have seen
 * every candidate (and confirmed she registers someone else) before the write goes ahead;
 * a matching commune or phone is shown as stronger evidence.
 */
function guardNameBirth(
  ctx: HandlerContext,
  resident: Resident,
  selfId: string | null,
  acknowledged: readonly string[],
): DuplicateCandidate[] {
  const phones = new Set(resident.phones.map((p) => p.number));
  const candidates = findNameBirthMatches(
    ctx.db,
    resident.fullName,
    resident.birthDate,
    selfId,
  ).map((c): DuplicateCandidate => ({
    ...c,
    sameCommune: c.communeCode === resident.currentAddress.communeCode,
    samePhone: c.phone !== '' && phones.has(c.phone),
  }));
  const unseen = candidates.filter((c) => !acknowledged.includes(c.id));
  if (unseen.length > 0) {
    throw new AppFailure(
      'DUPLICATE_CANDIDATES',
      'Residents with the same name and date of birth exist.',
      {
        details: { candidates },
      },
    );
  }
  return candidates;
}

/** What the worker confirmed when she went ahead despite possible duplicates: who, when, whom. */
function duplicateReviewOf(
  candidates: readonly DuplicateCandidate[],
  at: string,
  session: Session,
): ResidentRecord['duplicateReview'] {
  if (candidates.length === 0) return null;
  return {
    candidateIds: candidates.map((c) => c.id),
    at,
    userId: session.user.id,
    userName: session.user.fullName,
  };
}

/** Identifiers replaced in an edit move to the history, so a re-issued ID never disappears. */
function replacedIdentifiers(
  before: Resident,
  after: Resident,
  at: string,
  userName: string,
): ResidentRecord['identifierHistory'] {
  const kinds = [
    ['personal_id', 'personalId'],
    ['cmnd', 'cmnd'],
    ['bhyt', 'bhyt'],
  ] as const;
  return kinds
    .filter(([, field]) => before[field] !== '' && before[field] !== after[field])
    .map(([kind, field]) => ({ kind, value: before[field], replacedAt: at, replacedBy: userName }));
}

export const residentHandlers: HandlerMap<
  'resident.search' | 'resident.get' | 'resident.create' | 'resident.update'
> = {
  'resident.search': ({ query, limit }, ctx) => {
    const trimmed = query.trim();
    if (trimmed === '') return { kind: 'empty', results: recentResidents(ctx.db, limit) };
    if (classifyQuery(trimmed) === 'identifier') {
      const value = normaliseIdentifierQuery(trimmed);
      return { kind: 'identifier', results: searchResidentsByIdentifier(ctx.db, value, limit) };
    }
    const folded = foldVietnamese(trimmed);
    if (folded === '') return { kind: 'name', results: [] };
    return { kind: 'name', results: searchResidentsByName(ctx.db, folded, limit) };
  },

  'resident.get': ({ id }, ctx) => {
    const record = getResident(ctx.db, id);
    if (!record) throw new AppFailure('NOT_FOUND', 'No resident with this id.');
    ctx.audit({ action: 'resident.view', recordType: 'resident', recordId: id });
    return {
      record,
      declarationVersion: getDeclarationHead(ctx.db, id)?.version ?? 0,
      withdrawnPurposes: withdrawnPurposes(ctx.db, id),
      merges: mergesOf(ctx.db, id),
    };
  },

  'resident.create': (input, ctx) => {
    const session = requireSession(ctx);
    const resident = normaliseResident(input.resident);
    const at = nowIso(ctx);
    const id = ctx.newId();
    ctx.db
      .transaction(() => {
        guardPersonalId(ctx, resident, null);
        const candidates = guardNameBirth(ctx, resident, null, input.duplicateAcknowledged);
        const station = getStation(ctx.db);
        insertResident(ctx.db, {
          id,
          version: 1,
          resident,
          temporaryId:
            resident.noPapers && station
              ? makeTemporaryId(station.facilityCode, ctx.randomBytes(5))
              : '',
          identifierHistory: [],
          duplicateReview: duplicateReviewOf(candidates, at, session) ?? null,
          at,
          userId: session.user.id,
        });
        appendOutbox(ctx.db, {
          entityType: 'resident',
          entityId: id,
          entityVersion: 1,
          operation: 'create',
          at,
        });
        ctx.audit({
          action: 'resident.create',
          recordType: 'resident',
          recordId: id,
          details: { ...changeDigests(null, resident), duplicateCandidates: candidates.length },
        });
      })
      .immediate();
    return getResident(ctx.db, id) as ResidentRecord;
  },

  'resident.update': (input, ctx) => {
    const session = requireSession(ctx);
    const resident = normaliseResident(input.resident);
    const at = nowIso(ctx);
    ctx.db
      .transaction(() => {
        const existing = activeResidentOrFail(ctx, input.id);
        if (existing.version !== input.expectedVersion) {
          throw new AppFailure(
            'CONFLICT',
            'The resident was changed by someone else; reload and try again.',
            {
              details: { currentVersion: existing.version },
            },
          );
        }
        guardPersonalId(ctx, resident, input.id);
        const identityChanged =
          foldVietnamese(existing.resident.fullName) !== foldVietnamese(resident.fullName) ||
          existing.resident.birthDate !== resident.birthDate;
        const candidates = identityChanged
          ? guardNameBirth(ctx, resident, input.id, input.duplicateAcknowledged)
          : [];
        const station = getStation(ctx.db);
        const temporaryId =
          existing.temporaryId ||
          (resident.noPapers && station
            ? makeTemporaryId(station.facilityCode, ctx.randomBytes(5))
            : '');
        const version = existing.version + 1;
        updateResident(ctx.db, {
          id: input.id,
          version,
          resident,
          temporaryId,
          identifierHistory: [
            ...existing.identifierHistory,
            ...replacedIdentifiers(existing.resident, resident, at, session.user.fullName),
          ],
          duplicateReview: duplicateReviewOf(candidates, at, session) ?? existing.duplicateReview,
          at,
          userId: session.user.id,
        });
        appendOutbox(ctx.db, {
          entityType: 'resident',
          entityId: input.id,
          entityVersion: version,
          operation: 'update',
          at,
        });
        ctx.audit({
          action: 'resident.update',
          recordType: 'resident',
          recordId: input.id,
          details: { ...changeDigests(existing.resident, resident), version },
        });
      })
      .immediate();
    return getResident(ctx.db, input.id) as ResidentRecord;
  },
};
