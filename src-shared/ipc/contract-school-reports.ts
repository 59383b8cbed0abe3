import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { recordId } from '../schemas/primitives';
import { RELATIONSHIPS, residentSummarySchema } from '../schemas/resident';
import { SCREENING_ROUNDS } from '../schemas/school';
import { SUMMARY_GROUPS } from '../school/class-summary';
import { PUPIL_REFERRAL_REASONS } from '../school/pupil-assessment';
import { spec } from './spec';

/** Class reports and parent letters: everyone who screens pupils. */
const SCHOOL_STAFF = ROLES;

const classRound = z.object({ classId: recordId, round: z.enum(SCREENING_ROUNDS) }).strict();

const localisedText = z.object({ vi: z.string(), en: z.string() });

export const reportClassSchema = z.object({
  id: recordId,
  schoolName: z.string(),
  schoolYear: z.string(),
  name: z.string(),
  grade: z.number().int(),
});

export const summaryGroupSchema = z.object({
  group: z.enum(SUMMARY_GROUPS),
  /** Pupils measured for this item: every percentage of the group is of this number. */
  denominator: z.number().int(),
  /** The guideline or reference behind every classification counted in the group. */
  sources: z.array(z.string()),
  rows: z.array(
    z.object({
      code: z.string(),
      label: localisedText,
      count: z.number().int(),
      /** count / denominator × 100, one decimal; null when the denominator is 0. */
      percent: z.number().nullable(),
    }),
  ),
});

export const classSummarySchema = z.object({
  schoolClass: reportClassSchema,
  round: z.enum(SCREENING_ROUNDS),
  /** Enrolled = measured + absent + not yet measured. */
  counts: z.object({
    enrolled: z.number().int(),
    measured: z.number().int(),
    absent: z.number().int(),
    notYet: z.number().int(),
  }),
  groups: z.array(summaryGroupSchema),
  /** The class list with each pupil's state in the round, for one letter at a time. */
  pupils: z.array(
    z.object({
      residentId: recordId,
      fullName: z.string(),
      status: z.enum(['measured', 'absent', 'notYet']),
      referralReasons: z.array(z.enum(PUPIL_REFERRAL_REASONS)),
    }),
  ),
});
export type ClassSummaryOutput = z.output<typeof classSummarySchema>;

export const guardianContactSchema = z.object({
  fullName: z.string(),
  relationship: z.enum(RELATIONSHIPS),
  phone: z.string(),
});

export const referralRowSchema = z.object({
  resident: residentSummarySchema,
  pupilCode: z.string(),
  screenedOn: z.string(),
  reasons: z.array(z.enum(PUPIL_REFERRAL_REASONS)).min(1),
  /** What was found, in words (e.g. "Béo phì", "Thị lực không kính: mắt trái 6/10"). */
  findings: z.array(localisedText),
  /** The destination the examiner wrote; '' when none. */
  referredTo: z.string(),
  /** From the resident record's relations marked as guardian. */
  guardians: z.array(guardianContactSchema),
});
export type ReferralRow = z.output<typeof referralRowSchema>;

export const parentLetterFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.literal('application/pdf'),
  base64: z.string(),
  letters: z.number().int(),
});

export const schoolReportsContract = {
  'class.summary': spec(classRound, classSummarySchema, SCHOOL_STAFF),
  'class.referrals': spec(classRound, z.array(referralRowSchema), SCHOOL_STAFF),
  /** One pupil's letter (residentId), or every measured pupil's letter in one PDF (null). */
  'class.exportLetters': spec(
    classRound.extend({ residentId: recordId.nullable().default(null) }).strict(),
    parentLetterFileSchema,
    SCHOOL_STAFF,
  ),
};
