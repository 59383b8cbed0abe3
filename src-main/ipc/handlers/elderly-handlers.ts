import { assessElderlyScreening } from '../../../src-shared/clinical/elderly-assessment';
import { REFERRAL_REASONS, type ReferralReason } from '../../../src-shared/clinical/referral';
import { ageInYears, todayInVietnam } from '../../../src-shared/domain/dates';
import { AppFailure, type Issue } from '../../../src-shared/ipc/errors';
import type { ElderlyScreening } from '../../../src-shared/schemas/elderly-screening';
import { MESSAGE_KEY } from '../../../src-shared/schemas/messages';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import { changeDigests } from '../../audit/audit-log';
import { withdrawnPurposes } from '../../db/consent-repository';
import {
  getElderlyScreening,
  getElderlyScreeningHead,
  listDueForScreening,
  listElderlyScreenings,
  listFollowUp,
  writeElderlyScreeningVersion,
} from '../../db/elderly-screening-repository';
import { appendOutbox } from '../../db/outbox-repository';
import { getStation } from '../../db/station-repository';
import { renderElderlyListPdf, type ElderlyListDocument } from '../../elderly/elderly-list-pdf';
import { nowIso, requireSession, type HandlerContext } from '../context';
import { activeResidentOrFail, residentOrFail } from './resident-guards';
import type { HandlerMap } from './types';

/** The Law on the Elderly (2009, art. 2) covers citizens aged 60 and over. */
export const ELDERLY_AGE = 60;

/** At least one check a year (Circular 35/2011/TT-BYT): a year after the last one, it is due. */
const SCREENING_INTERVAL_YEARS = 1;

/** The same calendar day `years` earlier, as an ISO string (29 Feb compares correctly as text). */
function yearsBefore(isoDate: string, years: number): string {
  return `${String(Number(isoDate.slice(0, 4)) - years).padStart(4, '0')}${isoDate.slice(4)}`;
}

/**
 * Rules that need the resident and the clock as well as the form: the screening is for people
 * aged 60+ on the day it was made, and is not dated after today at the station.
 */
export function crossCheckElderlyScreening(
  screening: ElderlyScreening,
  record: ResidentRecord,
  today: string,
): Issue[] {
  const issues: Issue[] = [];
  if (screening.screenedOn > today) {
    issues.push({ path: ['screening', 'screenedOn'], message: MESSAGE_KEY.dateInFuture });
  } else if (ageInYears(record.resident.birthDate, screening.screenedOn) < ELDERLY_AGE) {
    issues.push({ path: ['screening', 'screenedOn'], message: 'elderly.issues.under60' });
  }
  return issues;
}

/**
 * What the follow-up list keys on: the referral reasons the findings suggest (recomputed here
 * from the stored values, never taken from the renderer) and those the health worker chose,
 * in REFERRAL_REASONS order.
 */
export function positiveFindingsOf(
  screening: ElderlyScreening,
  record: ResidentRecord,
): ReferralReason[] {
  const assessment = assessElderlyScreening(screening, { sex: record.resident.sex });
  const found = new Set<ReferralReason>([
    ...assessment.suggestedReferrals.map((s) => s.reason),
    ...screening.referral.reasons,
  ]);
  return REFERRAL_REASONS.filter((reason) => found.has(reason));
}

function stationCommuneOrFail(ctx: HandlerContext): string {
  const station = getStation(ctx.db);
  if (!station) throw new AppFailure('NOT_SET_UP', 'The station is not set up.');
  return station.communeCode;
}

function dueList(
  ctx: HandlerContext,
  orderBy: Parameters<typeof listDueForScreening>[1]['orderBy'],
) {
  const onDate = todayInVietnam(ctx.now());
  const rows = listDueForScreening(ctx.db, {
    communeCode: stationCommuneOrFail(ctx),
    bornOnOrBefore: yearsBefore(onDate, ELDERLY_AGE),
    screenedOnOrBefore: yearsBefore(onDate, SCREENING_INTERVAL_YEARS),
    orderBy,
  });
  return {
    onDate,
    rows: rows.map((row) => ({
      ...row,
      age: ageInYears(row.resident.birthDate, onDate),
    })),
  };
}

export const elderlyHandlers: HandlerMap<
  | 'elderly.list'
  | 'elderly.get'
  | 'elderly.save'
  | 'elderly.due'
  | 'elderly.followUp'
  | 'elderly.exportList'
> = {
  'elderly.list': ({ residentId }, ctx) => {
    residentOrFail(ctx, residentId);
    return listElderlyScreenings(ctx.db, residentId);
  },

  'elderly.get': ({ id, version }, ctx) => {
    const found = getElderlyScreening(ctx.db, id, version);
    if (!found) throw new AppFailure('NOT_FOUND', 'No such elderly screening.');
    ctx.audit({
      action: 'elderly.view',
      recordType: 'elderly_screening',
      recordId: id,
      details: { residentId: found.residentId, version: found.version },
    });
    return found;
  },

  'elderly.save': (input, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    const { screening } = input;
    let written: { id: string; version: number } | null = null;
    ctx.db
      .transaction(() => {
        const record = activeResidentOrFail(ctx, screening.residentId);
        const issues = crossCheckElderlyScreening(screening, record, todayInVietnam(ctx.now()));
        if (issues.length > 0) {
          throw new AppFailure('INVALID_INPUT', 'The screening does not fit this resident.', {
            issues,
          });
        }
        // Keeping her record at all rests on that consent (Decree 356/2025): while it is
        // withdrawn, nothing new about her health is stored.
        if (withdrawnPurposes(ctx.db, screening.residentId).includes('recordKeeping')) {
          throw new AppFailure(
            'CONSENT_WITHDRAWN',
            'The resident withdrew consent to keep her record.',
            {
              issues: [
                { path: ['screening', 'residentId'], message: 'validation.consent.withdrawn' },
              ],
              details: { purposes: ['recordKeeping'] },
            },
          );
        }
        const head = input.id === null ? null : getElderlyScreeningHead(ctx.db, input.id);
        if (input.id !== null && head === null) {
          throw new AppFailure('NOT_FOUND', 'No such elderly screening.');
        }
        if (head !== null && head.residentId !== screening.residentId) {
          throw new AppFailure('INVALID_INPUT', 'This screening belongs to another resident.', {
            issues: [{ path: ['screening', 'residentId'], message: MESSAGE_KEY.invalid }],
          });
        }
        const current = head?.version ?? 0;
        if (current !== input.expectedVersion) {
          throw new AppFailure('CONFLICT', 'This screening was saved by someone else meanwhile.', {
            details: { currentVersion: current },
          });
        }
        const id = head?.id ?? ctx.newId();
        const version = current + 1;
        const previous = head ? getElderlyScreening(ctx.db, id, current) : null;
        writeElderlyScreeningVersion(ctx.db, {
          id,
          residentId: screening.residentId,
          version,
          screening,
          positiveFindings: positiveFindingsOf(screening, record),
          at,
          userId: session.user.id,
        });
        appendOutbox(ctx.db, {
          entityType: 'elderly_screening',
          entityId: id,
          entityVersion: version,
          operation: version === 1 ? 'create' : 'update',
          at,
        });
        ctx.audit({
          action: 'elderly.save',
          recordType: 'elderly_screening',
          recordId: id,
          // Section names and digests only: the trail never holds the measurements.
          details: {
            ...changeDigests(previous?.screening ?? null, screening),
            residentId: screening.residentId,
            version,
          },
        });
        written = { id, version };
      })
      .immediate();
    const saved = written as { id: string; version: number } | null;
    if (!saved) throw new AppFailure('INTERNAL', 'The screening was not written.');
    return getElderlyScreening(ctx.db, saved.id, saved.version)!;
  },

  'elderly.due': ({ orderBy }, ctx) => dueList(ctx, orderBy),

  'elderly.followUp': ({ orderBy }, ctx) => listFollowUp(ctx.db, orderBy),

  'elderly.exportList': async ({ list, orderBy }, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    const station = getStation(ctx.db);
    if (!station) throw new AppFailure('NOT_SET_UP', 'The station is not set up.');
    const onDate = todayInVietnam(ctx.now());
    const document: ElderlyListDocument =
      list === 'due'
        ? { list, ...dueList(ctx, orderBy) }
        : { list, onDate, rows: listFollowUp(ctx.db, orderBy) };
    const bytes = await renderElderlyListPdf({
      document,
      station,
      generatedAt: at,
      generatedBy: session.user.fullName,
    });
    ctx.db.transaction(() =>
      ctx.audit({
        action: 'elderly.export',
        recordType: 'elderly_list',
        details: { list, rows: document.rows.length, bytes: bytes.length },
      }),
    )();
    return {
      fileName: `${list === 'due' ? 'nct-den-han-kham' : 'nct-can-theo-doi'}-${onDate}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: bytes.toString('base64'),
    };
  },
};
