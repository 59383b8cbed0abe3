import { isoDateInVietnam, todayInVietnam } from '../../../src-shared/domain/dates';
import { AppFailure } from '../../../src-shared/ipc/errors';
import type { SubjectRequest } from '../../../src-shared/schemas/subject-rights';
import { insertWithdrawal, withdrawnPurposes } from '../../db/consent-repository';
import { getDeclarationHead, getDeclarationVersion } from '../../db/declaration-repository';
import { getResident } from '../../db/resident-repository';
import { insertSubjectRequest, listSubjectRequests } from '../../db/subject-request-repository';
import { buildSubjectRecord } from '../../subject-rights/subject-record';
import { renderSubjectRecordPdf } from '../../subject-rights/subject-record-pdf';
import { nowIso, requireSession, type HandlerContext } from '../context';
import { activeResidentOrFail } from './resident-guards';
import type { HandlerMap } from './types';

function requireResident(ctx: HandlerContext, residentId: string): void {
  if (!getResident(ctx.db, residentId))
    throw new AppFailure('NOT_FOUND', 'No resident with this id.');
}

function requestById(ctx: HandlerContext, residentId: string, id: string): SubjectRequest {
  const found = listSubjectRequests(ctx.db, residentId).find((r) => r.id === id);
  if (!found) throw new AppFailure('INTERNAL', 'The request was not written.');
  return found;
}

/** The latest declaration's ticks: what she has consented to, as the station last recorded it. */
function latestConsent(ctx: HandlerContext, residentId: string) {
  const head = getDeclarationHead(ctx.db, residentId);
  const latest = head ? getDeclarationVersion(ctx.db, residentId, head.version) : null;
  if (!latest) return null;
  const { recordKeeping, citySharing, statistics } = latest.declaration.consent;
  return {
    version: latest.version,
    at: latest.submitted.at,
    recordKeeping,
    citySharing,
    statistics,
  };
}

/** `ho-so-nguoi-dan-<date>-<id end>`: no name in the file name, as the file may travel. */
function exportFileName(residentId: string, now: Date, extension: string): string {
  return `ho-so-nguoi-dan-${isoDateInVietnam(now)}-${residentId.slice(-8)}.${extension}`;
}

export const subjectHandlers: HandlerMap<
  'subject.requests' | 'subject.recordRequest' | 'subject.withdrawConsent' | 'subject.exportRecord'
> = {
  'subject.requests': ({ residentId }, ctx) => {
    requireResident(ctx, residentId);
    return {
      requests: listSubjectRequests(ctx.db, residentId).reverse(),
      consent: {
        latest: latestConsent(ctx, residentId),
        withdrawnPurposes: withdrawnPurposes(ctx.db, residentId),
      },
    };
  },

  'subject.recordRequest': (input, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    const id = ctx.newId();
    ctx.db
      .transaction(() => {
        activeResidentOrFail(ctx, input.residentId);
        insertSubjectRequest(ctx.db, {
          id,
          residentId: input.residentId,
          kind: input.kind,
          requestedBy: input.requestedBy,
          representativeName: input.representativeName,
          receivedAt: input.receivedAt,
          note: input.note,
          purpose: null,
          at,
          userId: session.user.id,
        });
        ctx.audit({
          action: 'subject.request',
          recordType: 'resident',
          recordId: input.residentId,
          // The note may hold health data: the trail keeps what kind of request, not its text.
          details: { requestId: id, kind: input.kind, requestedBy: input.requestedBy },
        });
      })
      .immediate();
    return requestById(ctx, input.residentId, id);
  },

  /**
   * Processing for the purpose stops: keeping the record (no new declaration is stored),
   * sharing with the city (sync leaves her out), statistics. Only a consent she gave can be
   * withdrawn, and only once until she consents again.
   */
  'subject.withdrawConsent': (input, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    const id = ctx.newId();
    ctx.db
      .transaction(() => {
        activeResidentOrFail(ctx, input.residentId);
        if (withdrawnPurposes(ctx.db, input.residentId).includes(input.purpose)) {
          throw new AppFailure('CONFLICT', 'This consent is already withdrawn.', {
            issues: [{ path: ['purpose'], message: 'validation.subject.alreadyWithdrawn' }],
          });
        }
        if (latestConsent(ctx, input.residentId)?.[input.purpose] !== true) {
          throw new AppFailure('INVALID_INPUT', 'The resident has not given this consent.', {
            issues: [{ path: ['purpose'], message: 'validation.subject.notGranted' }],
          });
        }
        insertSubjectRequest(ctx.db, {
          id,
          residentId: input.residentId,
          kind: 'withdrawal',
          requestedBy: input.requestedBy,
          representativeName: input.representativeName,
          receivedAt: input.receivedAt ?? todayInVietnam(ctx.now()),
          note: input.reason,
          purpose: input.purpose,
          at,
          userId: session.user.id,
        });
        insertWithdrawal(ctx.db, {
          requestId: id,
          residentId: input.residentId,
          purpose: input.purpose,
          at,
          userId: session.user.id,
        });
        ctx.audit({
          action: 'subject.withdrawConsent',
          recordType: 'resident',
          recordId: input.residentId,
          details: { requestId: id, purpose: input.purpose, requestedBy: input.requestedBy },
        });
      })
      .immediate();
    return requestById(ctx, input.residentId, id);
  },

  /**
   * Her whole record as JSON (ward-health-station/subject-record@1) or as a Vietnamese PDF,
   * returned as bytes: the station writes no copy to disk. The export is audited once the
   * file exists, with its format and size.
   */
  'subject.exportRecord': async ({ residentId, format }, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    const record = buildSubjectRecord(ctx.db, residentId, {
      at,
      userId: session.user.id,
      userName: session.user.fullName,
    });
    if (!record) throw new AppFailure('NOT_FOUND', 'No resident with this id.');
    const bytes =
      format === 'pdf'
        ? await renderSubjectRecordPdf(record)
        : Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8');
    ctx.db.transaction(() =>
      ctx.audit({
        action: 'subject.export',
        recordType: 'resident',
        recordId: residentId,
        details: { format, bytes: bytes.length },
      }),
    )();
    return {
      fileName: exportFileName(residentId, new Date(at), format),
      mimeType: format === 'pdf' ? 'application/pdf' : 'application/json',
      base64: bytes.toString('base64'),
    };
  },
};
