import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { recordId } from '../schemas/primitives';
import { auditStampSchema, residentSummarySchema } from '../schemas/resident';
import {
  classInputSchema,
  pupilMeasurementsSchema,
  schoolInputSchema,
  schoolScreeningSaveSchema,
  schoolYear,
  screeningConsentSchema,
  SCREENING_ROUNDS,
  SCHOOL_LEVELS,
} from '../schemas/school';
import { columnMappingSchema, rosterProblemSchema } from '../schemas/school-roster';
import { spec } from './spec';

/** School screening is the school nurse's work, and every station role's too. */
const SCHOOL_STAFF = ROLES;

const classRound = z.object({ classId: recordId, round: z.enum(SCREENING_ROUNDS) }).strict();

export const schoolSchema = z.object({
  id: recordId,
  name: z.string(),
  level: z.enum(SCHOOL_LEVELS),
  communeCode: z.string(),
  address: z.string(),
  classCount: z.number().int(),
});

export const schoolClassSchema = z.object({
  id: recordId,
  schoolId: recordId,
  schoolName: z.string(),
  schoolYear: z.string(),
  name: z.string(),
  grade: z.number().int(),
  pupilCount: z.number().int(),
});

export const pupilScreeningSchema = z.object({
  id: recordId,
  version: z.number().int().positive(),
  status: z.enum(['measured', 'absent']),
  screenedOn: z.string(),
  measurements: pupilMeasurementsSchema,
  saved: auditStampSchema,
});

export const classPupilSchema = z.object({
  resident: residentSummarySchema,
  pupilCode: z.string(),
  consent: screeningConsentSchema.nullable(),
  screening: pupilScreeningSchema.nullable(),
});

/** A file from the nurse's disk, carried as base64 (rosters are small: 5 MB at most). */
const rosterFile = z
  .object({
    classId: recordId,
    fileName: z.string().min(1).max(255),
    base64: z.string().max(7_000_000),
    sheet: z.string().max(100).nullable().default(null),
  })
  .strict();

export const rosterPreviewRowSchema = z.object({
  rowNumber: z.number().int(),
  status: z.enum(['ok', 'warning', 'error']),
  cells: z.array(z.string()),
  problems: z.array(rosterProblemSchema),
  /**
   * The registry's duplicate rules: same personal ID (that resident is enrolled), same folded
   * name and birth date (the nurse links one candidate or registers a new person), or a pupil
   * already enrolled in this class (left as is).
   */
  match: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('new') }),
    z.object({ kind: z.literal('personalId'), resident: residentSummarySchema }),
    z.object({ kind: z.literal('nameBirth'), candidates: z.array(residentSummarySchema) }),
    z.object({ kind: z.literal('enrolled'), resident: residentSummarySchema }),
  ]),
});

/**
 * The nurse's answer for a row whose name and birth date match residents of the registry.
 * Rows without such candidates need none: a new person is registered, a personal-ID match is
 * enrolled as the resident who holds that ID.
 */
export const rosterDecisionSchema = z
  .object({
    rowNumber: z.number().int().positive(),
    /** Register a new resident, or enrol one of the candidates. */
    action: z.enum(['create', 'link']),
    residentId: recordId.nullable().default(null),
  })
  .strict();

export const schoolContract = {
  'school.list': spec(z.object({}).strict(), z.array(schoolSchema), SCHOOL_STAFF),
  'school.save': spec(schoolInputSchema, schoolSchema, SCHOOL_STAFF),
  'class.list': spec(
    z.object({ schoolId: recordId, schoolYear: schoolYear.optional() }).strict(),
    z.array(schoolClassSchema),
    SCHOOL_STAFF,
  ),
  'class.save': spec(classInputSchema, schoolClassSchema, SCHOOL_STAFF),
  'class.get': spec(
    classRound,
    z.object({ schoolClass: schoolClassSchema, pupils: z.array(classPupilSchema) }),
    SCHOOL_STAFF,
  ),
  'roster.preview': spec(
    rosterFile.extend({ mapping: columnMappingSchema.nullable().default(null) }).strict(),
    z.object({
      sheetNames: z.array(z.string()),
      sheet: z.string(),
      headers: z.array(z.string()),
      mapping: columnMappingSchema,
      missingFields: z.array(z.string()),
      rows: z.array(rosterPreviewRowSchema),
      counts: z.object({
        ok: z.number().int(),
        warning: z.number().int(),
        error: z.number().int(),
      }),
      skippedBlankRows: z.number().int(),
    }),
    SCHOOL_STAFF,
  ),
  'roster.import': spec(
    rosterFile
      .extend({
        mapping: columnMappingSchema,
        decisions: z.array(rosterDecisionSchema).max(2000),
      })
      .strict(),
    z.object({
      created: z.number().int(),
      linked: z.number().int(),
      alreadyEnrolled: z.number().int(),
    }),
    SCHOOL_STAFF,
  ),
  'enrolment.setConsent': spec(
    z.object({ classId: recordId, residentId: recordId, consent: screeningConsentSchema }).strict(),
    z.null(),
    SCHOOL_STAFF,
  ),
  'pupil.saveScreening': spec(schoolScreeningSaveSchema, pupilScreeningSchema, SCHOOL_STAFF),
};
