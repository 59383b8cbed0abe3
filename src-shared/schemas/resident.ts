import { z } from 'zod';
import { todayInVietnam } from '../domain/dates';
import { BHYT_PATTERN, CMND_PATTERN, normalisePhone, PHONE_PATTERN } from '../domain/identifiers';
import { checkPersonalId } from '../domain/personal-id';
import { findCommune, isHcmcCommune } from '../reference/admin-units';
import { ETHNICITY_CODES } from '../reference/ethnicities';
import { NATIONALITY_CODES } from '../reference/nationalities';
import { MESSAGE_KEY } from './messages';
import { isoDate, optionalText, personName, recordId, text } from './primitives';

/** QĐ 831 part 1 codes: 1 male, 2 female. */
export const SEX_CODES = ['1', '2'] as const;
export type SexCode = (typeof SEX_CODES)[number];

/** Earliest plausible date of birth; anything before is a typing error. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

export const RELATIONSHIPS = [
  'father',
  'mother',
  'spouse',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'guardian',
  'other',
] as const;

const phoneNumber = z
  .string()
  .overwrite(normalisePhone)
  .refine((s) => PHONE_PATTERN.test(s), MESSAGE_KEY.phone);

const optionalPhone = z
  .string()
  .overwrite(normalisePhone)
  .refine((s) => s === '' || PHONE_PATTERN.test(s), MESSAGE_KEY.phone)
  .default('');

export const currentAddressSchema = z.object({
  communeCode: z
    .string()
    .min(1, MESSAGE_KEY.required)
    .refine(isHcmcCommune, MESSAGE_KEY.communeNotInCity),
  street: optionalText(200),
});

/** A permanent address may be anywhere in Vietnam; '' when unknown. */
export const permanentAddressSchema = z.object({
  communeCode: z
    .string()
    .refine((c) => c === '' || findCommune(c) !== undefined, MESSAGE_KEY.commune)
    .default(''),
  street: optionalText(200),
});

export const relationSchema = z.object({
  fullName: personName,
  relationship: z.enum(RELATIONSHIPS),
  phone: optionalPhone,
  isGuardian: z.boolean().default(false),
  /** The relative's own resident record, when registered. */
  residentId: z.union([recordId, z.literal('')]).default(''),
});

/**
 * The administrative part of the personal health record (QĐ 831/QĐ-BYT part 1) as entered
 * at the station. The same declaration validates the form, the IPC call and the stored row.
 */
export const residentInputSchema = z
  .object({
    fullName: personName,
    sex: z.enum(SEX_CODES, { error: MESSAGE_KEY.required }),
    birthDate: isoDate,
    ethnicity: z.enum(ETHNICITY_CODES).default('01'),
    nationality: z.enum(NATIONALITY_CODES).default('VN'),
    religion: optionalText(60),
    occupation: optionalText(100),
    /** 12-digit personal ID; '' when the person has none (yet). */
    personalId: z.string().max(20).default(''),
    /** Old 9-digit CMND, still on many older residents' papers. */
    cmnd: z
      .string()
      .refine((s) => s === '' || CMND_PATTERN.test(s), MESSAGE_KEY.cmnd)
      .default(''),
    bhyt: z
      .string()
      .overwrite((s) => s.replace(/\s/g, '').toUpperCase())
      .refine((s) => s === '' || BHYT_PATTERN.test(s), MESSAGE_KEY.bhyt)
      .default(''),
    /** No papers at all: the station issues a temporary code instead (never 12 digits). */
    noPapers: z.boolean().default(false),
    phones: z
      .array(z.object({ number: phoneNumber }))
      .max(3)
      .default([]),
    currentAddress: currentAddressSchema,
    permanentSameAsCurrent: z.boolean().default(true),
    permanentAddress: permanentAddressSchema.default({ communeCode: '', street: '' }),
    relations: z.array(relationSchema).max(10).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.birthDate > todayInVietnam()) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: MESSAGE_KEY.dateInFuture });
    } else if (r.birthDate && r.birthDate < EARLIEST_BIRTH_DATE) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: MESSAGE_KEY.dateTooOld });
    }
    if (r.personalId !== '') {
      if (r.noPapers) {
        ctx.addIssue({
          code: 'custom',
          path: ['personalId'],
          message: 'validation.personalId.withNoPapers',
        });
      }
      for (const problem of checkPersonalId(r.personalId, r.birthDate, r.sex).errors) {
        ctx.addIssue({ code: 'custom', path: ['personalId'], message: `validation.${problem}` });
      }
    }
    const seen = new Set<string>();
    r.phones.forEach((p, i) => {
      if (seen.has(p.number)) {
        ctx.addIssue({
          code: 'custom',
          path: ['phones', i, 'number'],
          message: 'validation.phoneRepeated',
        });
      }
      seen.add(p.number);
    });
  });

export type ResidentInput = z.input<typeof residentInputSchema>;
export type Resident = z.output<typeof residentInputSchema>;

export const IDENTIFIER_KINDS = ['personal_id', 'cmnd', 'bhyt'] as const;

/** An identifier the resident held before (a re-issued ID, an old CMND, an expired card). */
export const identifierHistoryEntrySchema = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  value: text(20),
  replacedAt: z.string(),
  replacedBy: z.string(),
});

export const auditStampSchema = z.object({
  at: z.string(),
  userId: z.string(),
  userName: z.string(),
});

export const duplicateReviewSchema = z.object({
  /** Residents the worker was shown and decided were other people. */
  candidateIds: z.array(recordId),
  at: z.string(),
  userId: z.string(),
  userName: z.string(),
});

export const residentRecordSchema = z.object({
  id: recordId,
  version: z.number().int().positive(),
  resident: residentInputSchema,
  temporaryId: z.string(),
  identifierHistory: z.array(identifierHistoryEntrySchema),
  created: auditStampSchema,
  updated: auditStampSchema,
  duplicateReview: duplicateReviewSchema.nullable(),
});
export type ResidentRecord = z.output<typeof residentRecordSchema>;

export const residentSummarySchema = z.object({
  id: recordId,
  fullName: z.string(),
  sex: z.enum(SEX_CODES),
  birthDate: z.string(),
  personalId: z.string(),
  temporaryId: z.string(),
  bhyt: z.string(),
  phone: z.string(),
  communeCode: z.string(),
  street: z.string(),
});
export type ResidentSummary = z.output<typeof residentSummarySchema>;

export const duplicateCandidateSchema = residentSummarySchema.extend({
  sameCommune: z.boolean(),
  samePhone: z.boolean(),
});
export type DuplicateCandidate = z.output<typeof duplicateCandidateSchema>;
