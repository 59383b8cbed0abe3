import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles';
import {
  declarationVersionSchema,
  declarationVersionSummarySchema,
  draftSchema,
  submitDeclarationSchema,
} from '../schemas/declaration';
import { auditRowSchema } from '../schemas/audit';
import {
  dismissDuplicatesSchema,
  duplicateListSchema,
  mergeResidentsSchema,
  residentMergesSchema,
} from '../schemas/duplicates';
import '../schemas/messages';
import {
  residentInputSchema,
  residentRecordSchema,
  residentSummarySchema,
} from '../schemas/resident';
import {
  accountSchema,
  auditIntegritySchema,
  changePasswordSchema,
  createAccountSchema,
  resetPasswordSchema,
  sessionSchema,
  settingsSchema,
  settingsUpdateSchema,
  setupSchema,
  signInSchema,
  unlockSchema,
  updateAccountSchema,
} from '../schemas/station';
import { recordId } from '../schemas/primitives';
import {
  consentPurposeSchema,
  exportedFileSchema,
  exportRecordSchema,
  recordRequestSchema,
  subjectOverviewSchema,
  subjectRequestSchema,
  withdrawConsentSchema,
} from '../schemas/subject-rights';
import {
  backupCreateSchema,
  backupFileSchema,
  backupInfoSchema,
  backupInspectSchema,
  backupRestoreSchema,
  backupRestoredSchema,
} from '../schemas/backup';
import type { Channel } from './channels';
import { elderlyContract } from './contract-elderly';
import { schoolContract } from './contract-school';
import { schoolReportsContract } from './contract-school-reports';
import { syncContract } from './contract-sync';
import { spec, type Access, type ChannelSpec } from './spec';

export type { Access, ChannelSpec } from './spec';

const EVERYONE = ROLES;
/** Registering and correcting residents: every clinical role (a pupil is a resident too). */
const REGISTRY_WRITERS: readonly Role[] = [
  'administrator',
  'health_worker',
  'supervisor',
  'school_nurse',
];
/** Health declarations are taken at the station, not on school screening days. */
const DECLARATION_WRITERS: readonly Role[] = ['administrator', 'health_worker', 'supervisor'];
/** Accounts and station settings (issue: a school nurse cannot manage accounts). */
const ADMINISTRATORS: readonly Role[] = ['administrator'];
/** Only supervisors and administrators see the audit trail. */
const AUDIT_READERS: readonly Role[] = ['supervisor', 'administrator'];
/**
 * Data-subject requests are handled at the station's counter by its health staff; a school
 * nurse refers the family to the station.
 */
const SUBJECT_RIGHTS_HANDLERS: readonly Role[] = ['administrator', 'health_worker', 'supervisor'];
/** Backups hold every record: made by those who answer for the station's data. */
const BACKUP_MAKERS: readonly Role[] = ['supervisor', 'administrator'];
/** A restore replaces every record on the workstation: administrators only. */
const RESTORERS: readonly Role[] = ['administrator'];
/**
 * Merging two records of one person changes both for good: supervisors (and administrators),
 * who review the registry's quality; a health worker cannot merge residents.
 */
const REGISTRY_CURATORS: readonly Role[] = ['supervisor', 'administrator'];
const SYNC_READERS: readonly Role[] = [
  'administrator',
  'supervisor',
  'health_worker',
  'school_nurse',
];

const none = z.object({}).strict();
const residentRef = z.object({ residentId: recordId }).strict();

export const searchInputSchema = z
  .object({
    query: z.string().max(100),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const appInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDirectory: z.string(),
  shell: z.enum(['electron', 'browser']),
});

export const draftStateSchema = z.object({
  baseVersion: z.number().int().min(0),
  data: z.record(z.string(), z.unknown()),
  savedAt: z.string(),
  savedBy: z.string(),
});

export const auditFilterSchema = z
  .object({
    userId: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    recordId: z.string().max(64).optional(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();

/** While the screen is locked, only these go through (then the password is asked again). */
export const WHILE_LOCKED: ReadonlySet<string> = new Set(['auth.unlock', 'auth.signOut']);
/** Before a reset password is replaced, only these go through. */
export const BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  'auth.changePassword',
  'auth.signOut',
  'auth.lock',
  'auth.unlock',
  'auth.keepAlive',
]);

export const contract = {
  'app.info': spec(none, appInfoSchema, 'public'),
  'setup.status': spec(none, z.object({ configured: z.boolean() }), 'public'),
  'setup.initialize': spec(setupSchema, sessionSchema, 'public'),
  'auth.session': spec(none, sessionSchema.nullable(), 'public'),
  'auth.signIn': spec(signInSchema, sessionSchema, 'public'),
  'auth.signOut': spec(none, z.null(), 'public'),
  'auth.changePassword': spec(changePasswordSchema, sessionSchema, EVERYONE),
  'auth.lock': spec(none, sessionSchema, EVERYONE),
  'auth.unlock': spec(unlockSchema, sessionSchema, EVERYONE),
  'auth.keepAlive': spec(none, z.object({ locked: z.boolean() }), EVERYONE),
  'account.list': spec(none, z.array(accountSchema), ADMINISTRATORS),
  'account.create': spec(createAccountSchema, accountSchema, ADMINISTRATORS),
  'account.update': spec(updateAccountSchema, accountSchema, ADMINISTRATORS),
  'account.resetPassword': spec(resetPasswordSchema, accountSchema, ADMINISTRATORS),
  'settings.get': spec(none, settingsSchema, EVERYONE),
  'settings.update': spec(settingsUpdateSchema, settingsSchema, ADMINISTRATORS),
  'audit.query': spec(auditFilterSchema, z.array(auditRowSchema), AUDIT_READERS),
  'audit.verify': spec(none, auditIntegritySchema, AUDIT_READERS),
  'audit.export': spec(
    auditFilterSchema.omit({ limit: true, beforeSeq: true }),
    z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
    AUDIT_READERS,
  ),
  'resident.search': spec(
    searchInputSchema,
    z.object({
      kind: z.enum(['identifier', 'name', 'empty']),
      results: z.array(residentSummarySchema),
    }),
    EVERYONE,
  ),
  'resident.get': spec(
    z.object({ id: recordId }).strict(),
    z.object({
      record: residentRecordSchema,
      declarationVersion: z.number().int().min(0),
      /** Consent purposes she withdrew and has not consented to again. */
      withdrawnPurposes: z.array(consentPurposeSchema),
      merges: residentMergesSchema,
    }),
    EVERYONE,
  ),
  'resident.merge': spec(mergeResidentsSchema, residentRecordSchema, REGISTRY_CURATORS),
  'duplicate.list': spec(none, duplicateListSchema, REGISTRY_CURATORS),
  'duplicate.dismiss': spec(dismissDuplicatesSchema, z.null(), REGISTRY_CURATORS),
  'resident.create': spec(
    z
      .object({
        resident: residentInputSchema,
        /** Candidate duplicates the worker looked at and confirmed are other people. */
        duplicateAcknowledged: z.array(recordId).max(50).default([]),
      })
      .strict(),
    residentRecordSchema,
    REGISTRY_WRITERS,
  ),
  'resident.update': spec(
    z
      .object({
        id: recordId,
        expectedVersion: z.number().int().positive(),
        resident: residentInputSchema,
        duplicateAcknowledged: z.array(recordId).max(50).default([]),
      })
      .strict(),
    residentRecordSchema,
    REGISTRY_WRITERS,
  ),
  'declaration.current': spec(
    residentRef,
    z.object({
      latest: declarationVersionSchema.nullable(),
      draft: draftStateSchema.nullable(),
      /** Consent purposes she withdrew: the form asks for these anew instead of carrying them. */
      withdrawnPurposes: z.array(consentPurposeSchema),
    }),
    EVERYONE,
  ),
  'declaration.saveDraft': spec(
    draftSchema,
    z.object({ savedAt: z.string() }),
    DECLARATION_WRITERS,
  ),
  'declaration.discardDraft': spec(residentRef, z.null(), DECLARATION_WRITERS),
  'declaration.submit': spec(
    submitDeclarationSchema,
    declarationVersionSchema,
    DECLARATION_WRITERS,
  ),
  'declaration.history': spec(residentRef, z.array(declarationVersionSummarySchema), EVERYONE),
  'declaration.getVersion': spec(
    z.object({ residentId: recordId, version: z.number().int().positive() }).strict(),
    declarationVersionSchema,
    EVERYONE,
  ),
  'outbox.summary': spec(
    none,
    z.object({ pending: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
    SYNC_READERS,
  ),
  'subject.requests': spec(residentRef, subjectOverviewSchema, SUBJECT_RIGHTS_HANDLERS),
  'subject.recordRequest': spec(recordRequestSchema, subjectRequestSchema, SUBJECT_RIGHTS_HANDLERS),
  'subject.withdrawConsent': spec(
    withdrawConsentSchema,
    subjectRequestSchema,
    SUBJECT_RIGHTS_HANDLERS,
  ),
  'subject.exportRecord': spec(exportRecordSchema, exportedFileSchema, SUBJECT_RIGHTS_HANDLERS),
  'backup.create': spec(backupCreateSchema, backupFileSchema, BACKUP_MAKERS),
  'backup.inspect': spec(backupInspectSchema, backupInfoSchema, BACKUP_MAKERS),
  'backup.restore': spec(backupRestoreSchema, backupRestoredSchema, RESTORERS),
  ...elderlyContract,
  ...schoolContract,
  ...schoolReportsContract,
  ...syncContract,
} satisfies { [C in Channel]: ChannelSpec };

export type Contract = typeof contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export function mayCall(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  return role !== undefined && access.includes(role);
}
