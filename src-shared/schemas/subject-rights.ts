import { z } from 'zod';
import { auditRowSchema } from './audit';
import { todayInVietnam } from '../domain/dates';
import { CONSENT_PURPOSES } from '../reference/declaration-codes';
import { declarationVersionSchema } from './declaration';
import { MESSAGE_KEY } from './messages';
import { isoDate, optionalText, recordId, text } from './primitives';
import {
  auditStampSchema,
  identifierHistoryEntrySchema,
  residentInputSchema,
  residentRecordSchema,
} from './resident';

/**
 * Data-subject rights (Law 91/2025 on personal data protection, Decree 356/2025): a resident,
 * or her legal representative, asks the station to see her data, to have a copy, to correct
 * it, or withdraws a consent she gave. Each request is logged with who asked, when it was
 * received and who recorded it; a withdrawal stops processing for that purpose until she
 * consents again, explicitly, in a new health declaration.
 */

export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.output<typeof consentPurposeSchema>;

export const SUBJECT_REQUEST_KINDS = ['access', 'copy', 'correction', 'withdrawal'] as const;
export type SubjectRequestKind = (typeof SUBJECT_REQUEST_KINDS)[number];
/** Kinds recorded through `subject.recordRequest`; withdrawals have their own channel. */
export const RECORDABLE_REQUEST_KINDS = ['access', 'copy', 'correction'] as const;

export const REQUESTERS = ['self', 'representative'] as const;

const receivedAt = isoDate.refine((d) => d <= todayInVietnam(), MESSAGE_KEY.dateInFuture);
const representativeName = text(100).default('');

/** Who asked: the resident herself, or her legal representative, named. */
function requireRepresentativeName(
  value: { requestedBy: (typeof REQUESTERS)[number]; representativeName: string },
  ctx: z.RefinementCtx,
): void {
  if (value.requestedBy === 'representative' && value.representativeName === '') {
    ctx.addIssue({ code: 'custom', path: ['representativeName'], message: MESSAGE_KEY.required });
  }
}

/**
 * An access, copy or correction request. A correction request says what was wrong and why;
 * the correction itself is made on the resident and declaration screens, which keep every
 * version and audit it.
 */
export const recordRequestSchema = z
  .object({
    residentId: recordId,
    kind: z.enum(RECORDABLE_REQUEST_KINDS, { error: MESSAGE_KEY.required }),
    requestedBy: z.enum(REQUESTERS),
    representativeName,
    /** The day the station received the request: the legal deadline runs from it. */
    receivedAt,
    note: optionalText(1000),
  })
  .strict()
  .superRefine((value, ctx) => {
    requireRepresentativeName(value, ctx);
    if (value.kind === 'correction' && value.note === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'validation.subject.correctionNote',
      });
    }
  });
export type RecordRequestInput = z.input<typeof recordRequestSchema>;

/** Withdrawing one consent purpose. The reason is recorded as she gave it ("none given" too). */
export const withdrawConsentSchema = z
  .object({
    residentId: recordId,
    purpose: consentPurposeSchema,
    requestedBy: z.enum(REQUESTERS),
    representativeName,
    /** Defaults to today (Vietnam) when the withdrawal is made at the counter. */
    receivedAt: receivedAt.optional(),
    reason: text(500).min(1, MESSAGE_KEY.required),
  })
  .strict()
  .superRefine(requireRepresentativeName);
export type WithdrawConsentInput = z.input<typeof withdrawConsentSchema>;

export const EXPORT_FORMATS = ['json', 'pdf'] as const;
export const exportRecordSchema = z
  .object({ residentId: recordId, format: z.enum(EXPORT_FORMATS) })
  .strict();

export const exportedFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The file's bytes; nothing is written to disk on the station's side. */
  base64: z.string(),
});

/** A withdrawal stops being in force when a later declaration records a new consent. */
export const consentRenewalSchema = z.object({
  at: z.string(),
  userId: z.string(),
  userName: z.string(),
  /** The declaration version whose consent lifted the withdrawal. */
  declarationVersion: z.number().int().positive(),
});

export const subjectRequestSchema = z.object({
  id: recordId,
  residentId: recordId,
  kind: z.enum(SUBJECT_REQUEST_KINDS),
  requestedBy: z.enum(REQUESTERS),
  representativeName: z.string(),
  /** ISO date the request was received. */
  receivedAt: z.string(),
  /** What she asked for, what was wrong and why (correction), or why she withdraws. */
  note: z.string(),
  /** The purpose withdrawn; null for other kinds. */
  purpose: consentPurposeSchema.nullable(),
  recorded: auditStampSchema,
  /** For a withdrawal: when a new consent lifted it; null while it is in force. */
  renewed: consentRenewalSchema.nullable(),
});
export type SubjectRequest = z.output<typeof subjectRequestSchema>;

/** Where each purpose stands for a resident, as her rights screen shows it. */
export const consentStateSchema = z.object({
  /** The ticks of the latest declaration version, or null when none was submitted. */
  latest: z
    .object({
      version: z.number().int().positive(),
      at: z.string(),
      recordKeeping: z.boolean(),
      citySharing: z.boolean(),
      statistics: z.boolean(),
    })
    .nullable(),
  /** Purposes withdrawn and not consented to again since. */
  withdrawnPurposes: z.array(consentPurposeSchema),
});

export const subjectOverviewSchema = z.object({
  /** Every request, newest first (withdrawals included). */
  requests: z.array(subjectRequestSchema),
  consent: consentStateSchema,
});
export type SubjectOverview = z.output<typeof subjectOverviewSchema>;

// ---------------------------------------------------------------------------------------------
// The full record handed to the person: `subject.exportRecord` with format 'json'.

export const SUBJECT_RECORD_SCHEMA = 'ward-health-station/subject-record@1';

const personStampSchema = z.object({ userId: z.string(), userName: z.string() });

/** One stored version of the administrative record, as it was saved. */
export const residentVersionSchema = z.object({
  version: z.number().int().positive(),
  changedAt: z.string(),
  changedBy: personStampSchema,
  resident: residentInputSchema,
  temporaryId: z.string(),
  identifierHistory: z.array(identifierHistoryEntrySchema),
});
export type ResidentVersion = z.output<typeof residentVersionSchema>;

/** The consent given with one declaration version: who gave it, for what, recorded by whom. */
export const consentGivenSchema = z.object({
  declarationVersion: z.number().int().positive(),
  at: z.string(),
  recordedBy: personStampSchema,
  recordKeeping: z.boolean(),
  citySharing: z.boolean(),
  statistics: z.boolean(),
  givenBy: z.enum(REQUESTERS),
  representativeName: z.string(),
  representativeRelationship: z.string(),
});

/** One saved version of a screening, as stored (the schemas of src-shared/schemas). */
const screeningVersionSchema = z.object({
  version: z.number().int().positive(),
  savedAt: z.string(),
  savedBy: personStampSchema,
  data: z.record(z.string(), z.unknown()),
});

export const subjectElderlyScreeningSchema = z.object({
  id: z.string(),
  screenedOn: z.string(),
  versions: z.array(screeningVersionSchema),
});

export const subjectSchoolScreeningSchema = z.object({
  id: z.string(),
  schoolName: z.string(),
  className: z.string(),
  schoolYear: z.string(),
  round: z.string(),
  /** The latest version's day and outcome ('measured' or 'absent'). */
  screenedOn: z.string(),
  status: z.string(),
  versions: z.array(screeningVersionSchema),
});

/** A row of the station's audit trail about this resident (no health data in clear). */
export const subjectAuditEntrySchema = auditRowSchema;

/**
 * Version 1 of the exported record. Stable: fields are only ever added, and a change of
 * meaning gets a new `schema` string. Instants are UTC ISO strings; dates `yyyy-mm-dd`;
 * codes are those of QĐ 831/QĐ-BYT, as in the station's storage. Lists are oldest first.
 */
export const subjectRecordSchema = z.object({
  schema: z.literal(SUBJECT_RECORD_SCHEMA),
  generatedAt: z.string(),
  generatedBy: personStampSchema,
  station: z.object({
    name: z.string(),
    communeCode: z.string(),
    facilityCode: z.string(),
  }),
  /** The administrative record as it stands (QĐ 831 part 1). */
  resident: residentRecordSchema,
  /** Every version of the administrative record, version 1 first. */
  residentVersions: z.array(residentVersionSchema),
  /** Every submitted health declaration version (QĐ 831 parts 2–3), version 1 first. */
  declarationVersions: z.array(declarationVersionSchema),
  consent: z.object({
    /** The consent recorded with each declaration version. */
    given: z.array(consentGivenSchema),
    /** Purposes withdrawn and not consented to again since. */
    withdrawnPurposes: z.array(consentPurposeSchema),
  }),
  /** Every data-subject request, withdrawals included, oldest first. */
  requests: z.array(subjectRequestSchema),
  /** Elderly screenings (QĐ 1551 template 2), every version, oldest first. */
  elderlyScreenings: z.array(subjectElderlyScreeningSchema),
  /** School screenings by class and round, every version, oldest first. */
  schoolScreenings: z.array(subjectSchoolScreeningSchema),
  /** Consents to the school screening (guardian, and the pupil's own from age 7). */
  screeningConsents: z.array(
    z.object({
      schoolName: z.string(),
      className: z.string(),
      schoolYear: z.string(),
      consent: z.record(z.string(), z.unknown()),
    }),
  ),
  /** The audit trail's rows about this resident, oldest first (this export's own row excepted). */
  auditTrail: z.array(subjectAuditEntrySchema),
});
export type SubjectRecord = z.output<typeof subjectRecordSchema>;
