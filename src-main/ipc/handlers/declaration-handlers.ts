import { todayInVietnam } from '../../../src-shared/domain/dates';
import { AppFailure, type Issue } from '../../../src-shared/ipc/errors';
import { changeDigests } from '../../audit/audit-log';
import type { Declaration } from '../../../src-shared/schemas/declaration';
import type { ConsentPurpose } from '../../../src-shared/schemas/subject-rights';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import {
  deleteDraft,
  getDeclarationHead,
  getDeclarationVersion,
  getDraft,
  listDeclarationVersions,
  saveDraft,
  writeDeclarationVersion,
} from '../../db/declaration-repository';
import {
  renewWithdrawnConsent,
  withdrawalsInForce,
  withdrawnPurposes,
  type WithdrawalInForce,
} from '../../db/consent-repository';
import { appendOutbox } from '../../db/outbox-repository';
import { nowIso, requireSession } from '../context';
import { activeResidentOrFail, residentOrFail } from './resident-guards';
import type { HandlerMap } from './types';

/**
 * Rules that need the resident as well as the form: nothing happens before birth, and the
 * reproductive-health section (QĐ 831 part 2) is recorded for women only.
 */
export function crossCheckDeclaration(
  declaration: Declaration,
  record: ResidentRecord,
  today: string,
): Issue[] {
  const issues: Issue[] = [];
  const { birthDate, sex } = record.resident;
  const at = (path: Issue['path'], message: string) =>
    issues.push({ path: ['declaration', ...path], message });
  if (declaration.reproductive !== null && sex !== '2') {
    at(['reproductive'], 'validation.reproductive.womenOnly');
  }
  declaration.vaccinations.forEach((v, i) => {
    if (v.date !== '' && v.date < birthDate)
      at(['vaccinations', i, 'date'], 'validation.dateBeforeBirth');
    if (v.nextAppointment !== '' && v.date !== '' && v.nextAppointment < v.date) {
      at(['vaccinations', i, 'nextAppointment'], 'validation.vaccination.appointmentBeforeDose');
    }
  });
  const birthYear = Number(birthDate.slice(0, 4));
  const thisYear = Number(today.slice(0, 4));
  declaration.surgeries.forEach((s, i) => {
    if (s.year !== null && (s.year < birthYear || s.year > thisYear)) {
      at(['surgeries', i, 'year'], 'validation.yearOutsideLife');
    }
  });
  return issues;
}

/**
 * A withdrawn purpose stays withdrawn until the resident consents again, explicitly: the
 * submission names it in `renewedConsent` and ticks it. Keeping the record at all is the
 * purpose every declaration needs, so while it is withdrawn nothing new is stored; another
 * withdrawn purpose may not be ticked again by carrying an old tick over.
 * Returns the withdrawals the submission lifts.
 */
export function checkWithdrawnConsent(
  declaration: Declaration,
  renewed: readonly ConsentPurpose[],
  inForce: readonly WithdrawalInForce[],
): WithdrawalInForce[] {
  const lifted: WithdrawalInForce[] = [];
  const blocked: ConsentPurpose[] = [];
  for (const withdrawal of inForce) {
    const ticked = declaration.consent[withdrawal.purpose];
    if (ticked && renewed.includes(withdrawal.purpose)) lifted.push(withdrawal);
    else if (ticked || withdrawal.purpose === 'recordKeeping') blocked.push(withdrawal.purpose);
  }
  if (blocked.length > 0) {
    throw new AppFailure(
      'CONSENT_WITHDRAWN',
      'The resident withdrew consent for this purpose; record a new consent first.',
      {
        issues: blocked.map((purpose) => ({
          path: ['declaration', 'consent', purpose],
          message: 'validation.consent.withdrawn',
        })),
        details: { purposes: blocked },
      },
    );
  }
  return lifted;
}

export const declarationHandlers: HandlerMap<
  | 'declaration.current'
  | 'declaration.saveDraft'
  | 'declaration.discardDraft'
  | 'declaration.submit'
  | 'declaration.history'
  | 'declaration.getVersion'
> = {
  'declaration.current': ({ residentId }, ctx) => {
    residentOrFail(ctx, residentId);
    const head = getDeclarationHead(ctx.db, residentId);
    if (head) {
      ctx.audit({
        action: 'declaration.view',
        recordType: 'declaration',
        recordId: residentId,
        details: { version: head.version },
      });
    }
    return {
      latest: head ? getDeclarationVersion(ctx.db, residentId, head.version) : null,
      draft: getDraft(ctx.db, residentId),
      withdrawnPurposes: withdrawnPurposes(ctx.db, residentId),
    };
  },

  'declaration.saveDraft': (input, ctx) => {
    const session = requireSession(ctx);
    activeResidentOrFail(ctx, input.residentId);
    const at = nowIso(ctx);
    saveDraft(ctx.db, { ...input, at, userId: session.user.id });
    return { savedAt: at };
  },

  'declaration.discardDraft': ({ residentId }, ctx) => {
    deleteDraft(ctx.db, residentId);
    return null;
  },

  'declaration.submit': (input, ctx) => {
    const session = requireSession(ctx);
    const at = nowIso(ctx);
    let result: { residentId: string; version: number } | null = null;
    ctx.db
      .transaction(() => {
        const record = activeResidentOrFail(ctx, input.residentId);
        const issues = crossCheckDeclaration(input.declaration, record, todayInVietnam(ctx.now()));
        if (issues.length > 0) {
          throw new AppFailure('INVALID_INPUT', 'The declaration does not fit this resident.', {
            issues,
          });
        }
        const head = getDeclarationHead(ctx.db, input.residentId);
        const current = head?.version ?? 0;
        if (current !== input.baseVersion) {
          throw new AppFailure(
            'CONFLICT',
            'A newer version of this declaration was submitted meanwhile.',
            {
              details: { currentVersion: current },
            },
          );
        }
        const lifted = checkWithdrawnConsent(
          input.declaration,
          input.renewedConsent,
          withdrawalsInForce(ctx.db, input.residentId),
        );
        const declarationId = head?.id ?? ctx.newId();
        const version = current + 1;
        const previous = head ? getDeclarationVersion(ctx.db, input.residentId, current) : null;
        writeDeclarationVersion(ctx.db, {
          declarationId,
          residentId: input.residentId,
          version,
          declaration: input.declaration,
          at,
          userId: session.user.id,
        });
        deleteDraft(ctx.db, input.residentId);
        appendOutbox(ctx.db, {
          entityType: 'declaration',
          entityId: declarationId,
          entityVersion: version,
          operation: version === 1 ? 'create' : 'update',
          at,
        });
        ctx.audit({
          action: 'declaration.submit',
          recordType: 'declaration',
          recordId: input.residentId,
          details: {
            ...changeDigests(previous?.declaration ?? null, input.declaration),
            declarationId,
            version,
            consent: {
              recordKeeping: input.declaration.consent.recordKeeping,
              citySharing: input.declaration.consent.citySharing,
              statistics: input.declaration.consent.statistics,
              givenBy: input.declaration.consent.givenBy,
            },
            ...(lifted.length > 0 ? { consentRenewed: lifted.map((w) => w.purpose) } : {}),
          },
        });
        for (const withdrawal of lifted) {
          renewWithdrawnConsent(ctx.db, {
            requestId: withdrawal.requestId,
            at,
            userId: session.user.id,
            declarationVersion: version,
          });
          ctx.audit({
            action: 'subject.consentRenewed',
            recordType: 'resident',
            recordId: input.residentId,
            details: {
              purpose: withdrawal.purpose,
              withdrawalId: withdrawal.requestId,
              declarationVersion: version,
            },
          });
        }
        result = { residentId: input.residentId, version };
      })
      .immediate();
    const written = result as { residentId: string; version: number } | null;
    if (!written) throw new AppFailure('INTERNAL', 'The declaration was not written.');
    return getDeclarationVersion(ctx.db, written.residentId, written.version)!;
  },

  'declaration.history': ({ residentId }, ctx) => {
    residentOrFail(ctx, residentId);
    return listDeclarationVersions(ctx.db, residentId);
  },

  'declaration.getVersion': ({ residentId, version }, ctx) => {
    const found = getDeclarationVersion(ctx.db, residentId, version);
    if (!found) throw new AppFailure('NOT_FOUND', 'No such declaration version.');
    ctx.audit({
      action: 'declaration.view',
      recordType: 'declaration',
      recordId: residentId,
      details: { version },
    });
    return found;
  },
};
